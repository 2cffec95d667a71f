// Properties of quiz attempts on real PGlite, with our fixture quizzes and the shipped ones:
// - the stored score always equals a fresh grade of the stored answers (latest per question) on
//   the attempt's stored version and order;
// - however often and in whatever order answers arrive, each is stored exactly once, and
//   concurrent submissions score the attempt once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawQuiz, gradeQuiz, shuffleQuiz, type Answer, type Answers, type CompiledQuiz } from '../../src/lib/quiz';
import { StoreError } from '../../src/lib/server/db/errors';
import { quizOverall } from '../../src/lib/server/db/quiz-store';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, fixtureQuiz, freshStore, newKey, realQuizzes, rules, tiny, trainee, type TestStore } from './helpers';
import { anyAnswer, rightAnswer } from './quiz-answers';

let t: TestStore;
let user: Claims;
let quizzes: CompiledQuiz[];

beforeAll(async () => {
	quizzes = [fixtureQuiz('db-quiz'), fixtureQuiz('db-self'), ...realQuizzes()];
	t = await freshStore([tiny()], undefined, quizzes);
	user = await trainee(t.store, '属性测试');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

/** A step: answer a question (by index into the written quiz) with a valid answer, or a forged one. */
const steps = (quiz: CompiledQuiz) =>
	fc.array(
		fc.nat({ max: quiz.questions.length - 1 }).chain((i) =>
			fc.oneof(
				{ weight: 8, arbitrary: anyAnswer(quiz.questions[i], quiz.scale?.length ?? 5).map((a) => ({ id: quiz.questions[i].id, answer: a, forged: false })) },
				{ weight: 1, arbitrary: fc.constantFrom<unknown>(99, -1, [99], 'x'.repeat(10), { correct: true }).map((a) => ({ id: quiz.questions[i].id, answer: a, forged: true })) },
				{ weight: 1, arbitrary: fc.constant({ id: 'not-a-question', answer: 0 as unknown, forged: true }) }
			)
		),
		{ maxLength: 25 }
	);

describe('stored quiz scores', () => {
	it('always equal a fresh grade of the stored answers', async () => {
		const seen = { accepted: 0, refused: 0, submitted: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.nat({ max: quizzes.length - 1 }).chain((which) => fc.tuple(fc.constant(which), steps(quizzes[which]), fc.constantFrom('practice', 'assessment') as fc.Arbitrary<'practice' | 'assessment'>)),
				async ([which, list, mode]) => {
					const quiz = quizzes[which];
					const startedAt = Date.now() - 5 * 60_000; // within the shortest time limit (10 minutes)
					const a = await t.quiz.startQuizAttempt(user, { quizId: quiz.id, version: quiz.version, mode, clientTime: new Date(startedAt).toISOString() });
					// A question bank (the shipped bank.yaml): the attempt holds the server's stored draw only.
					const ids = quiz.draw
						? (await t.db.query<{ question_ids: string[] }>('select question_ids from app.quiz_draws where attempt_id = $1', [a.attempt.id])).rows[0].question_ids
						: null;
					const held = ids ? drawQuiz(quiz, ids) : quiz;
					const model: Answers = {};
					let seq = 0;
					for (const [i, st] of list.entries()) {
						try {
							await t.quiz.recordAnswer(user, a.attempt.id, {
								idempotencyKey: newKey(),
								seq: seq + 1,
								questionId: st.id,
								answer: st.answer as Answer,
								clientTime: new Date(startedAt + (i + 1) * 1000).toISOString()
							});
							seq++;
							model[st.id] = st.answer as Answer;
							seen.accepted++;
						} catch (e) {
							// Only a forged answer, or one to a question the bank did not draw for this attempt, may be
							// refused (some forged ones fit, e.g. any text for a short answer), and only as bad input.
							seen.refused++;
							expect(e).toBeInstanceOf(StoreError);
							expect((e as StoreError).code, (e as Error).message).toBe('bad-input');
							expect(st.forged || !held.questions.some((q) => q.id === st.id)).toBe(true);
						}
					}
					const s = await t.quiz.submitQuiz(user, a.attempt.id);
					seen.submitted++;
					// What is stored, read straight from the tables.
					const rows = (
						await t.db.query<{ question_id: string; answer: Answer | null }>(
							"select question_id, answer from app.attempt_events where attempt_id = $1 and kind = 'answer' order by seq",
							[a.attempt.id]
						)
					).rows;
					const storedAnswers: Answers = {};
					for (const r of rows) storedAnswers[r.question_id] = r.answer;
					expect(storedAnswers).toEqual(model);
					const score = (
						await t.db.query<{ overall: number; best_possible: number; report: unknown }>('select overall, best_possible, report from app.scores where attempt_id = $1', [
							a.attempt.id
						])
					).rows[0];
					const fresh = JSON.parse(JSON.stringify(gradeQuiz(shuffleQuiz(held, a.attempt.id), storedAnswers, { rules: rules() })));
					expect(score.report).toEqual(fresh);
					expect(score.overall).toBe(quizOverall(fresh));
					expect(score.best_possible).toBe(100);
					expect(s.score.overall).toBe(score.overall);
					// Resuming shows the same answers, and the result once submitted.
					const got = (await t.quiz.getQuizAttempt(user, a.attempt.id))!;
					expect(got.answers).toEqual(model);
					expect(got.result).toEqual(fresh);
				}
			),
			{ numRuns: 30 }
		);
		expect(seen.submitted).toBe(30);
		expect(seen.accepted).toBeGreaterThan(50);
		expect(seen.refused).toBeGreaterThan(0);
	}, 300_000);
});

describe('quiz idempotency', () => {
	it('stores each answer exactly once, delivered 1–5 times, in any order, concurrently; scores once', async () => {
		const quiz = fixtureQuiz('db-quiz');
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.nat({ max: quiz.questions.length - 1 }), { minLength: 1, maxLength: 12 }),
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 12, maxLength: 12 }),
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
				fc.integer({ min: 1, max: 3 }),
				async (picks, copies, order, submissions) => {
					const a = await t.quiz.startQuizAttempt(user, { quizId: quiz.id, version: quiz.version, mode: 'practice' });
					const shown = shuffleQuiz(quiz, a.attempt.id);
					const base = a.attempt.startedAt.getTime();
					const answers = picks.map((p, i) => {
						const q = shown.questions.find((x) => x.id === quiz.questions[p].id)!;
						return { idempotencyKey: newKey(), seq: i + 1, questionId: q.id, answer: rightAnswer(q), clientTime: new Date(base + (i + 1) * 1000).toISOString() };
					});
					const deliveries = answers
						.flatMap((e, i) => Array.from({ length: copies[i] }, () => e))
						.map((e, i) => ({ e, k: order[i % order.length] + i * 1e-9 }))
						.sort((x, y) => x.k - y.k)
						.map((x) => x.e);
					const results = await Promise.allSettled(deliveries.map((e) => t.quiz.recordAnswer(user, a.attempt.id, e)));
					for (const [i, r] of results.entries()) {
						if (r.status === 'fulfilled') {
							expect(r.value.event.idempotencyKey).toBe(deliveries[i].idempotencyKey);
							// Practice mode: each delivery, the first or a repeat, answers with that question graded.
							expect(r.value.feedback?.id).toBe(deliveries[i].questionId);
						}
						// Arriving before an earlier answer is the only refusal: the outbox sends it again.
						else expect((r.reason as StoreError).code, String(r.reason)).toBe('seq-gap');
					}
					// The outbox flushes what is left, in order.
					for (const e of answers) await t.quiz.recordAnswer(user, a.attempt.id, e);
					const rows = (
						await t.db.query<{ key: string; n: number }>('select idempotency_key as key, count(*)::int as n from app.attempt_events where attempt_id = $1 group by 1', [a.attempt.id])
					).rows;
					expect(rows.length).toBe(answers.length);
					expect(rows.every((r) => r.n === 1)).toBe(true);
					const subs = await Promise.all(Array.from({ length: submissions }, () => t.quiz.submitQuiz(user, a.attempt.id)));
					expect(subs.filter((s) => !s.duplicate)).toHaveLength(1);
					for (const s of subs) expect(s.result).toEqual(subs[0].result);
					expect(subs[0].result!.answered).toBe(new Set(picks.map((p) => quiz.questions[p].id)).size);
					expect((await t.db.query<{ n: number }>('select count(*)::int as n from app.scores where attempt_id = $1', [a.attempt.id])).rows[0].n).toBe(1);
				}
			),
			{ numRuns: 25 }
		);
	}, 300_000);
});
