// Forged and out-of-order quiz submissions: each is refused with its own error, and nothing is
// stored (no event, no change to any attempt, no score).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../src/lib/server/db/errors';
import type { AnswerInput } from '../../src/lib/server/db/quiz-store';
import { asUser, type Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, newKey, stored, trainee, trainer, type TestStore } from './helpers';
import { sendAnswers } from './quiz-answers';

let t: TestStore;
let A: Claims, B: Claims, T1: Claims;
let active: string, selfActive: string, submitted: string, abandoned: string, late: string, bAttempt: string, roleplay: string;
let started: number, firstKey: string, version: string;

const at = (ms: number) => new Date(started + ms).toISOString();
/** A well-formed next answer of A's active attempt; each case changes one thing. */
const next = (over: Record<string, unknown> = {}): AnswerInput =>
	({ idempotencyKey: newKey(), seq: 2, questionId: 'listen-meaning', answer: 0, clientTime: at(2000), ...over }) as AnswerInput;
const sql = (q: string, params: unknown[] = []) => asUser(t.db, A, (tx) => tx.query(q, params));

beforeAll(async () => {
	t = await freshStore();
	version = t.quizzes.get('db-quiz')!.version;
	A = await trainee(t.store, 'A');
	B = await trainee(t.store, 'B');
	T1 = await trainer(t.store, 'T1');
	const k = await t.store.createCohort(T1, 'K1');
	await t.store.addMember(T1, k.id, A.sub);
	const start = async (u: Claims, mode: 'practice' | 'assessment' = 'assessment') =>
		(await t.quiz.startQuizAttempt(u, { quizId: 'db-quiz', version, mode })).attempt;
	const a = await start(A);
	active = a.id;
	started = a.startedAt.getTime();
	firstKey = (await sendAnswers(t.quiz, A, active, [['hates', [0]]], started))[0].event.idempotencyKey;
	const s = await t.quiz.startQuizAttempt(A, { quizId: 'db-self', version: t.quizzes.get('db-self')!.version, mode: 'assessment' });
	selfActive = s.attempt.id;
	submitted = (await start(A)).id;
	await t.quiz.submitQuiz(A, submitted);
	abandoned = (await start(A)).id;
	await t.store.abandonAttempt(A, abandoned);
	late = (await start(A)).id;
	await t.db.query("update app.attempts set started_at = started_at - interval '11 minutes' where id = $1", [late]);
	bAttempt = (await start(B)).id;
	roleplay = (await t.store.startAttempt(A, { scenarioId: 'tiny', version: t.library.get('tiny')!.version, mode: 'practice' })).id;
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

type Case = [name: string, expected: StoreErrorCode | `sql: ${string}`, run: () => Promise<unknown>];
/** An answer to A's active attempt with `over` changed (a function when it needs what beforeAll set up). */
const answer = (over: Record<string, unknown> | (() => Record<string, unknown>)) => () =>
	t.quiz.recordAnswer(A, active, next(typeof over === 'function' ? over() : over));

const CASES: Case[] = [
	// Grading from the client
	['an answer carrying a score', 'bad-input', answer({ score: 1 })],
	['an answer carrying a "correct" flag', 'bad-input', answer({ correct: true })],
	['an answer carrying its graded result', 'bad-input', answer({ result: { score: 1, max: 1, correct: true } })],
	['a submission carrying a score', 'bad-input', () => t.quiz.submitQuiz(A, active, { score: 100 } as never)],
	['a submission carrying a result', 'bad-input', () => t.quiz.submitQuiz(A, active, { result: { total: { score: 12, max: 12, percent: 100 } } } as never)],
	['a submission carrying "passed"', 'bad-input', () => t.quiz.submitQuiz(A, active, { passed: true } as never)],
	['a submission carrying the answers themselves', 'bad-input', () => t.quiz.submitQuiz(A, active, { answers: { hates: [0, 1, 3] } } as never)],
	// Answers that do not fit the attempt's quiz
	['an answer to a question not in the quiz', 'bad-input', answer({ questionId: 'refund-everything' })],
	['an answer to a question of another quiz', 'bad-input', answer({ questionId: 'listen-1', answer: 5 })],
	['a question id that is not an id', 'bad-input', answer({ questionId: "x'; drop table app.scores; --" })],
	['an option index out of range', 'bad-input', answer({ answer: 3 })],
	['a negative option index', 'bad-input', answer({ answer: -1 })],
	['a fractional option index', 'bad-input', answer({ answer: 0.5 })],
	['a list for a single-choice question', 'bad-input', answer({ answer: [0] })],
	['an option picked twice', 'bad-input', answer({ questionId: 'hates', answer: [1, 1] })],
	['a multiple-choice index out of range', 'bad-input', answer({ questionId: 'hates', answer: [0, 4] })],
	['an ordering that leaves items out', 'bad-input', answer({ questionId: 'eight-d', answer: [0, 1] })],
	['an ordering that repeats an item', 'bad-input', answer({ questionId: 'eight-d', answer: [0, 0, 1, 2] })],
	['a matching with too few lefts', 'bad-input', answer({ questionId: 'techniques', answer: [0] })],
	['a matching right out of range', 'bad-input', answer({ questionId: 'techniques', answer: [0, 1, 9] })],
	['a text for a true/false question', 'bad-input', answer({ questionId: 'emotion-first', answer: 'true' })],
	['a number for a short answer', 'bad-input', answer({ questionId: 'complain-share', answer: 4 })],
	['an object as an answer', 'bad-input', answer({ answer: { index: 0 } })],
	['no answer at all', 'bad-input', answer({ answer: undefined })],
	['a case answer over 4000 characters', 'bad-input', answer({ questionId: 'dropped-calls', answer: '请'.repeat(4001) })],
	// (An answer over the stored size limit can no longer be sent: control characters, which JSON
	// escapes to 6 bytes each, are cleaned away first, and 4000 characters are at most 12 KB. The
	// SQL case below still holds the database's own check.)
	['a likert value outside the scale', 'bad-input', () => t.quiz.recordAnswer(A, selfActive, next({ seq: 1, questionId: 'listen-1', answer: 6 }))],
	// Closed attempts and the time limit
	['an answer after submission', 'attempt-closed', () => t.quiz.recordAnswer(A, submitted, next({ seq: 1, clientTime: new Date().toISOString() }))],
	['an answer after abandoning', 'attempt-closed', () => t.quiz.recordAnswer(A, abandoned, next({ seq: 1, clientTime: new Date().toISOString() }))],
	['submitting an abandoned attempt', 'attempt-closed', () => t.quiz.submitQuiz(A, abandoned)],
	['an answer after the deadline', 'time-up', () => t.quiz.recordAnswer(A, late, next({ seq: 1, clientTime: new Date().toISOString() }))],
	// Someone else's attempt
	["an answer to someone else's attempt", 'not-your-attempt', () => t.quiz.recordAnswer(B, active, next())],
	["the trainer answering in a trainee's attempt", 'not-your-attempt', () => t.quiz.recordAnswer(T1, active, next())],
	["the trainer submitting a trainee's attempt", 'not-your-attempt', () => t.quiz.submitQuiz(T1, active)],
	["submitting someone else's attempt", 'not-your-attempt', () => t.quiz.submitQuiz(A, bAttempt)],
	['an answer from nobody signed in', 'anonymous', () => t.quiz.recordAnswer(null, active, next())],
	['an unknown attempt', 'unknown-attempt', () => t.quiz.recordAnswer(A, crypto.randomUUID(), next())],
	['an attempt id that is not an id', 'unknown-attempt', () => t.quiz.submitQuiz(A, "x'; update app.scores set overall = 100; --")],
	// Order, keys and times
	['an idempotency key reused for another answer', 'key-reused', answer(() => ({ idempotencyKey: firstKey, seq: 1, questionId: 'hates', answer: [0, 1], clientTime: at(1000) }))],
	['a seq gap (answer 3 before answer 2)', 'seq-gap', answer({ seq: 3 })],
	['a new key for a seq already stored', 'seq-taken', answer(() => ({ seq: 1, clientTime: at(1000) }))],
	['seq 0', 'bad-input', answer({ seq: 0 })],
	['submitting before the answers the client sent arrived', 'seq-gap', () => t.quiz.submitQuiz(A, active, { lastSeq: 5 })],
	['a client time an hour in the future', 'time-future', answer({ clientTime: new Date(Date.now() + 3600_000).toISOString() })],
	['a client time an hour before the attempt started', 'time-before-start', answer(() => ({ clientTime: at(-3600_000) }))],
	['a client time earlier than the previous answer', 'time-backwards', answer(() => ({ clientTime: at(500) }))],
	['a client time that is not a time', 'bad-input', answer({ clientTime: 'yesterday' })],
	// Kinds kept apart
	['an answer to a role play', 'wrong-kind', () => t.quiz.recordAnswer(A, roleplay, next({ seq: 1 }))],
	['a reply to a quiz attempt', 'wrong-kind', () => t.store.recordEvent(A, active, { idempotencyKey: newKey(), seq: 2, reply: 'sorry', clientTime: at(2000) })],
	['submitting a role play', 'wrong-kind', () => t.quiz.submitQuiz(A, roleplay)],
	// Starting
	['starting a quiz attempt already submitted and scored', 'bad-input', () =>
		t.quiz.startQuizAttempt(A, { quizId: 'db-quiz', version, mode: 'practice', state: 'finished', score: 100 } as never)],
	["starting a quiz attempt in someone else's name", 'bad-input', () => t.quiz.startQuizAttempt(A, { quizId: 'db-quiz', version, mode: 'practice', userId: B.sub } as never)],
	['starting a quiz attempt with a chosen seed', 'bad-input', () => t.quiz.startQuizAttempt(A, { quizId: 'db-quiz', version, mode: 'practice', seed: 'easy' } as never)],
	["starting a quiz attempt with the id of someone else's attempt", 'attempt-id-taken', () =>
		t.quiz.startQuizAttempt(A, { id: bAttempt, quizId: 'db-quiz', version, mode: 'practice' })],
	['starting an unknown quiz', 'unknown-quiz', () => t.quiz.startQuizAttempt(A, { quizId: 'no-such-quiz', version, mode: 'practice' })],
	['starting an unknown quiz version', 'unknown-version', () => t.quiz.startQuizAttempt(A, { quizId: 'db-quiz', version: 'deadbeefdeadbeef', mode: 'practice' })],
	// Straight SQL as the user: the database itself refuses
	["SQL: a score for one's own submitted quiz", 'sql: 42501', () =>
		sql("insert into app.scores (attempt_id, overall, best_possible, report) values ($1, 100, 100, '{}')", [active])],
	["SQL: changing one's own quiz score", 'sql: 42501', () => sql('update app.scores set overall = 100 where attempt_id = $1', [submitted])],
	["SQL: marking one's own quiz attempt finished", 'sql: 42501', () => sql("update app.attempts set state = 'finished' where id = $1", [active])],
	["SQL: moving one's own quiz attempt's start (and deadline) later", 'sql: 42501', () => sql("update app.attempts set started_at = now() where id = $1", [late])],
	["SQL: rewriting one's own answer", 'sql: 42501', () => sql("update app.attempt_events set answer = '[0, 1, 3]' where attempt_id = $1", [active])],
	['SQL: an answer event in a role play', 'sql: 23514', () =>
		sql("insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, client_time) values ($1, 1, 'forged-key-1', 'answer', 'hates', '[0]', now())", [roleplay])],
	['SQL: a reply event in a quiz attempt', 'sql: 23514', () =>
		sql("insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, client_time) values ($1, 2, 'forged-key-2', 'choice', 'sorry', now())", [active])],
	['SQL: an answer event without an answer', 'sql: 23514', () =>
		sql("insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, client_time) values ($1, 2, 'forged-key-3', 'answer', 'hates', now())", [active])],
	['SQL: an answer event that also names a reply', 'sql: 23514', () =>
		sql("insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, reply_id, client_time) values ($1, 2, 'forged-key-4', 'answer', 'hates', '[0]', 'sorry', now())", [active])],
	['SQL: an answer over the size limit', 'sql: 23514', () =>
		sql("insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, client_time) values ($1, 2, 'forged-key-5', 'answer', 'dropped-calls', to_jsonb(repeat('请', 6000)), now())", [active])],
	['SQL: an answer that is an object', 'sql: 23514', () =>
		sql(`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, client_time) values ($1, 2, 'forged-key-6', 'answer', 'hates', '{"correct": true}', now())`, [active])]
];

describe('forged and out-of-order quiz submissions', () => {
	it('has at least 12 kinds', () => expect(CASES.length).toBeGreaterThanOrEqual(12));

	it.each(CASES)('refuses %s (%s) and stores nothing', async (_name, expected, run) => {
		const before = await stored(t.db);
		const error = await run().then(
			() => null,
			(e: unknown) => e
		);
		if (expected.startsWith('sql: ')) expect((error as { code?: string } | null)?.code, String(error)).toBe(expected.slice(5));
		else {
			expect(error).toBeInstanceOf(StoreError);
			expect((error as StoreError).code, (error as Error).message).toBe(expected);
		}
		expect(await stored(t.db)).toEqual(before);
	});

	it('still accepts the genuine next answer and submission afterwards', async () => {
		const r = await t.quiz.recordAnswer(A, active, next());
		expect(r.event).toMatchObject({ seq: 2, questionId: 'listen-meaning', answer: 0 });
		// (The overdue assessment `late` is still open: while it is, no result of db-quiz is shown.)
		await t.store.abandonAttempt(A, late);
		const s = await t.quiz.submitQuiz(A, active, { lastSeq: 2 });
		expect(s.result!.answered).toBe(2);
		expect(s.attempt.state).toBe('finished');
	});
});
