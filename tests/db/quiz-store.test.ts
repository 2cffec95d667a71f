// Quiz attempts in the store as the routes use them: the attempt's own order, versions that
// survive edits, answers and resuming, practice feedback, submission and its stored result, the
// time limit, who may read and write, history, the trainer's view, and that assessment mode sends
// nothing about the right answers before submission.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gradeQuiz, redactQuiz, type CompiledQuiz, type QuestionOf } from '../../src/lib/quiz';
import { StoreError, type StoreErrorCode } from '../../src/lib/server/db/errors';
import { DEFAULT_DEADLINE_GRACE_MS, quizOverall } from '../../src/lib/server/db/quiz-store';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, newKey, play, rules, stored, trainee, trainer, type TestStore } from './helpers';
import { attemptOrder, rightAnswer, sendAnswers, wrongAnswer } from './quiz-answers';

let t: TestStore;
let A: Claims, B: Claims, T1: Claims, T2: Claims;
let quiz: CompiledQuiz, self: CompiledQuiz;

const startQ = (u: Claims, over: Record<string, unknown> = {}) =>
	t.quiz.startQuizAttempt(u, { quizId: 'db-quiz', version: quiz.version, mode: 'practice', ...over });
const question = (attemptId: string, id: string) => attemptOrder(quiz, attemptId).questions.find((q) => q.id === id)!;
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: unknown) => (e instanceof StoreError ? e.code : String(e)) as StoreErrorCode | string
	);

beforeAll(async () => {
	t = await freshStore();
	quiz = t.quizzes.get('db-quiz')!;
	self = t.quizzes.get('db-self')!;
	A = await trainee(t.store, '小A');
	B = await trainee(t.store, '小B');
	T1 = await trainer(t.store, '王老师');
	T2 = await trainer(t.store, '李老师');
	const k1 = await t.store.createCohort(T1, 'K1');
	await t.store.addMember(T1, k1.id, A.sub);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());
// An open assessment holds back every graded result of its quiz for its taker: none is left open
// from one test to the next.
beforeEach(async () => {
	await t.db.query("update app.attempts set state = 'abandoned' where kind = 'quiz' and mode = 'assessment' and state = 'active'");
});

describe('starting a quiz attempt', () => {
	it("shows the attempt its own order without answers: the same attempt always the same order, a retake a new one", async () => {
		const id1 = '00000000-0000-4000-8000-00000000a001';
		const id2 = '00000000-0000-4000-8000-00000000a002';
		const a = await startQ(A, { id: id1 });
		expect(a.attempt).toMatchObject({ id: id1, kind: 'quiz', scenarioId: 'db-quiz', scenarioVersion: quiz.version, state: 'active' });
		expect(a.view).toEqual(redactQuiz(attemptOrder(quiz, id1)));
		expect((await startQ(A, { id: id1 })).view).toEqual(a.view);
		expect((await t.quiz.getQuizAttempt(A, id1))!.view).toEqual(a.view);
		const b = await startQ(A, { id: id2 });
		expect(b.view.questions.map((q) => q.id)).not.toEqual(a.view.questions.map((q) => q.id));
		expect(a.deadline!.getTime() - a.attempt.startedAt.getTime()).toBe(10 * 60_000 + DEFAULT_DEADLINE_GRACE_MS);
		// A self-assessment without a time limit has no deadline.
		expect((await t.quiz.startQuizAttempt(A, { quizId: 'db-self', version: self.version, mode: 'assessment' })).deadline).toBeNull();
	});

	it('stores the quiz version on first use and refuses unknown quizzes and versions', async () => {
		const r = await t.db.query("select scenario_id, version from app.scenario_versions where kind = 'quiz' order by 1");
		expect(r.rows).toEqual([
			{ scenario_id: 'db-quiz', version: quiz.version },
			{ scenario_id: 'db-self', version: self.version }
		]);
		expect(await refusal(startQ(A, { quizId: 'no-such-quiz' }))).toBe('unknown-quiz');
		expect(await refusal(startQ(A, { version: 'deadbeefdeadbeef' }))).toBe('unknown-version');
		expect(await refusal(t.quiz.startQuizAttempt(null, { quizId: 'db-quiz', version: quiz.version, mode: 'practice' }))).toBe('anonymous');
	});

	it('grades an attempt on the version it was taken on, after the quiz file changed', async () => {
		const a = await startQ(A);
		const tf = question(a.attempt.id, 'emotion-first');
		// The file is edited: the true/false answer flips (a new version).
		const edited = {
			...quiz,
			version: 'edited0000000001',
			questions: quiz.questions.map((q) => (q.type === 'truefalse' ? { ...q, answer: !q.answer } : q))
		} as CompiledQuiz;
		t.quizzes.set('db-quiz', edited);
		try {
			await sendAnswers(t.quiz, A, a.attempt.id, [['emotion-first', rightAnswer(tf)]], a.attempt.startedAt.getTime());
			const s = await t.quiz.submitQuiz(A, a.attempt.id);
			expect(s.result!.version).toBe(quiz.version);
			expect(s.result!.questions.find((q) => q.id === 'emotion-first')!.correct).toBe(true);
			// The old version, stored, can still be started; the new one is stored on first use.
			expect((await startQ(A)).attempt.scenarioVersion).toBe(quiz.version);
			expect((await startQ(A, { version: edited.version })).attempt.scenarioVersion).toBe(edited.version);
		} finally {
			t.quizzes.set('db-quiz', quiz);
		}
	});
});

describe('answers', () => {
	it('resumes with the latest answer to each question, going back and forth', async () => {
		const a = await startQ(A);
		const id = a.attempt.id;
		const single = question(id, 'listen-meaning');
		await sendAnswers(
			t.quiz,
			A,
			id,
			[
				['listen-meaning', wrongAnswer(single)],
				['hates', [0]],
				['listen-meaning', rightAnswer(single)],
				['hates', null],
				['complain-share', '4%']
			],
			a.attempt.startedAt.getTime()
		);
		const got = (await t.quiz.getQuizAttempt(A, id))!;
		expect(got.answers).toEqual({ 'listen-meaning': rightAnswer(single), hates: null, 'complain-share': '4%' });
		expect(got.nextSeq).toBe(6);
		expect(got.result).toBeNull();
		// Practice mode: each answered question with its grading, for the feedback shown on resume.
		expect(Object.keys(got.feedback!).sort()).toEqual(['complain-share', 'listen-meaning']);
		expect(got.feedback!['listen-meaning'].correct).toBe(true);
		const s = await t.quiz.submitQuiz(A, id);
		expect(s.result!.questions.find((q) => q.id === 'listen-meaning')!.correct).toBe(true);
		expect(s.result!.questions.find((q) => q.id === 'hates')!.answered).toBe(false);
	});

	it('answers practice mode with that question graded, and assessment mode with nothing of it', async () => {
		const p = await startQ(A);
		const [r] = await sendAnswers(t.quiz, A, p.attempt.id, [['listen-meaning', wrongAnswer(question(p.attempt.id, 'listen-meaning'))]], Date.now());
		expect(r.feedback).toMatchObject({ id: 'listen-meaning', correct: false, explanation: '解析甲-L代表有效倾听', correctAnswer: { option: '有效倾听' } });
		const x = await startQ(A, { mode: 'assessment' });
		const [s] = await sendAnswers(t.quiz, A, x.attempt.id, [['listen-meaning', wrongAnswer(question(x.attempt.id, 'listen-meaning'))]], Date.now());
		expect(s.feedback).toBeUndefined();
		expect(Object.keys(s).sort()).toEqual(['attempt', 'duplicate', 'event']);
		expect((await t.quiz.getQuizAttempt(A, x.attempt.id))!.feedback).toBeNull();
	});

	it('shows no answers in practice while the same person has an assessment of that quiz open', async () => {
		const E = await trainee(t.store, '小E');
		const practice = await startQ(E);
		const exam = await startQ(E, { mode: 'assessment' });
		const q = question(practice.attempt.id, 'listen-meaning');
		const [r] = await sendAnswers(t.quiz, E, practice.attempt.id, [['listen-meaning', wrongAnswer(q)]], Date.now());
		expect(r.feedback).toBeUndefined();
		expect((await t.quiz.getQuizAttempt(E, practice.attempt.id))!.feedback).toBeNull();
		// Once the assessment is submitted, practice shows them again.
		await t.quiz.submitQuiz(E, exam.attempt.id);
		expect((await t.quiz.getQuizAttempt(E, practice.attempt.id))!.feedback).toMatchObject({ 'listen-meaning': { correct: false } });
	});

	it('grades an assessment submitted while another of the quiz is open, but holds its result back until that one closes', async () => {
		const F = await trainee(t.store, '小F');
		const first = await startQ(F, { mode: 'assessment' });
		const second = await startQ(F, { mode: 'assessment' });
		const s = await t.quiz.submitQuiz(F, first.attempt.id);
		expect(s).toMatchObject({ attempt: { state: 'finished' }, result: null, withheld: true, score: { bestPossible: 100 } });
		expect(await t.quiz.getQuizAttempt(F, first.attempt.id)).toMatchObject({ result: null, withheld: true });
		expect(await refusal(t.quiz.submitQuiz(F, (await startQ(F)).attempt.id))).toBe('assessment-open');
		await t.quiz.submitQuiz(F, second.attempt.id);
		expect((await t.quiz.getQuizAttempt(F, first.attempt.id))!.result).toMatchObject({ answered: 0 });
	});
});

describe('submitting', () => {
	it('grades the latest answers on the server, stores the score once, and returns it again', async () => {
		const a = await startQ(A, { mode: 'assessment' });
		const id = a.attempt.id;
		const order = attemptOrder(quiz, id);
		const sent = await sendAnswers(t.quiz, A, id, order.questions.map((q) => [q.id, rightAnswer(q)]), a.attempt.startedAt.getTime());
		const s = await t.quiz.submitQuiz(A, id);
		expect(s.duplicate).toBe(false);
		expect(s.attempt).toMatchObject({ state: 'finished', outcome: null });
		expect(s.result!.total).toEqual({ score: 12, max: 12, percent: 100 });
		expect(s.result!.passed).toBe(true);
		expect(s.score).toMatchObject({ overall: 100, bestPossible: 100 });
		expect(Object.keys(s.result!.byTopic).sort()).toEqual(
			['cases', 'customer-hates', 'eight-d', 'emotion-first', 'figures', 'idlppc', 'principles', 'techniques'].sort()
		);
		expect(s.result!.byDimension.listen).toEqual({ score: 1, max: 1, percent: 100 });
		// The stored report is the full graded result, and equals a fresh grade of the stored answers.
		const row = (await t.db.query<{ overall: number; best_possible: number; report: unknown }>('select overall, best_possible, report from app.scores where attempt_id = $1', [id])).rows[0];
		expect(row).toEqual({ overall: 100, best_possible: 100, report: JSON.parse(JSON.stringify(s.result)) });
		const got = (await t.quiz.getQuizAttempt(A, id))!;
		expect(got.result).toEqual(row.report);
		expect(gradeQuiz(order, got.answers, { rules: rules() })).toEqual(row.report);

		const again = await t.quiz.submitQuiz(A, id);
		expect(again.duplicate).toBe(true);
		expect(again.result).toEqual(row.report);
		expect((await t.db.query('select count(*)::int as n from app.scores where attempt_id = $1', [id])).rows[0]).toEqual({ n: 1 });
		// After submission: a new answer is refused, a repeated delivery of a stored one is harmless.
		expect(await refusal(t.quiz.recordAnswer(A, id, { idempotencyKey: newKey(), seq: sent.length + 1, questionId: 'hates', answer: [], clientTime: new Date().toISOString() }))).toBe(
			'attempt-closed'
		);
		const e = sent[0].event;
		const dup = await t.quiz.recordAnswer(A, id, { idempotencyKey: e.idempotencyKey, seq: e.seq, questionId: e.questionId, answer: e.answer, clientTime: e.clientTime.toISOString() });
		expect(dup).toMatchObject({ duplicate: true, attempt: { state: 'finished' } });
	});

	it('scores wrong and missing answers as the quiz says', async () => {
		const a = await startQ(A);
		const order = attemptOrder(quiz, a.attempt.id);
		await sendAnswers(t.quiz, A, a.attempt.id, order.questions.slice(0, 3).map((q) => [q.id, wrongAnswer(q)]), a.attempt.startedAt.getTime());
		const s = await t.quiz.submitQuiz(A, a.attempt.id);
		expect(s.result!.answered).toBe(3);
		expect(s.result!.total.percent).toBe(0);
		expect(s.result!.passed).toBe(false);
		expect(s.score.overall).toBe(0);
	});

	it("stores a self-assessment's profile, its overall the mean of the profile", async () => {
		const a = await t.quiz.startQuizAttempt(A, { quizId: 'db-self', version: self.version, mode: 'assessment' });
		await sendAnswers(t.quiz, A, a.attempt.id, [['listen-1', 5], ['listen-2', 1], ['emotion-1', 3]], a.attempt.startedAt.getTime());
		const s = await t.quiz.submitQuiz(A, a.attempt.id);
		expect(s.result!.total.percent).toBeNull();
		expect(s.result!.profile!.listen).toMatchObject({ statements: 2, answered: 2, percent: 100, band: { label: '熟练' } });
		expect(s.result!.profile!.emotion).toMatchObject({ answered: 1, percent: 50 });
		expect(s.result!.profile!.info).toMatchObject({ answered: 0, percent: null });
		expect(s.score.overall).toBe(75);
		expect(quizOverall(s.result!)).toBe(75);
	});

	it('after the deadline refuses answers and still grades what arrived in time', async () => {
		const a = await startQ(A, { mode: 'assessment' });
		const id = a.attempt.id;
		const order = attemptOrder(quiz, id);
		await sendAnswers(t.quiz, A, id, order.questions.slice(0, 2).map((q) => [q.id, rightAnswer(q)]), a.attempt.startedAt.getTime());
		// Eleven minutes pass (the limit is ten, the grace thirty seconds).
		await t.db.query("update app.attempts set started_at = started_at - interval '11 minutes' where id = $1", [id]);
		const before = await stored(t.db);
		const late = order.questions[2];
		expect(await refusal(t.quiz.recordAnswer(A, id, { idempotencyKey: newKey(), seq: 3, questionId: late.id, answer: rightAnswer(late), clientTime: new Date().toISOString() }))).toBe('time-up');
		expect(await stored(t.db)).toEqual(before);
		const got = (await t.quiz.getQuizAttempt(A, id))!;
		expect(got.deadline!.getTime()).toBeLessThan(got.serverTime.getTime());
		const s = await t.quiz.submitQuiz(A, id);
		expect(s.result!.answered).toBe(2);
		expect(s.result!.questions.filter((q) => q.correct).map((q) => q.id)).toEqual(order.questions.slice(0, 2).map((q) => q.id));
	});

	it('waits for answers still on their way when the client says how many it sent', async () => {
		const a = await startQ(A);
		await sendAnswers(t.quiz, A, a.attempt.id, [['hates', [0]]], a.attempt.startedAt.getTime());
		expect(await refusal(t.quiz.submitQuiz(A, a.attempt.id, { lastSeq: 2 }))).toBe('seq-gap');
		expect((await t.quiz.submitQuiz(A, a.attempt.id, { lastSeq: 1 })).result!.answered).toBe(1);
	});
});

describe('who may read and write a quiz attempt', () => {
	it("lets the owner's trainer read it, never write to it; nobody else sees it", async () => {
		const a = await startQ(A);
		const id = a.attempt.id;
		await sendAnswers(t.quiz, A, id, [['hates', [1]]], a.attempt.startedAt.getTime());
		expect((await t.quiz.getQuizAttempt(T1, id))!.answers).toEqual({ hates: [1] });
		expect(await t.quiz.getQuizAttempt(T2, id)).toBeNull();
		expect(await t.quiz.getQuizAttempt(B, id)).toBeNull();
		expect(await t.quiz.getQuizAttempt(null, id)).toBeNull();
		const next = { idempotencyKey: newKey(), seq: 2, questionId: 'hates', answer: [2], clientTime: new Date(Date.now() + 60_000).toISOString() };
		expect(await refusal(t.quiz.recordAnswer(T1, id, next))).toBe('not-your-attempt');
		expect(await refusal(t.quiz.recordAnswer(B, id, next))).toBe('not-your-attempt');
		expect(await refusal(t.quiz.submitQuiz(T1, id))).toBe('not-your-attempt');
		expect(await refusal(t.quiz.submitQuiz(B, id))).toBe('not-your-attempt');
		expect(await refusal(t.quiz.submitQuiz(null, id))).toBe('anonymous');
		expect((await t.quiz.recordAnswer(A, id, next)).event.seq).toBe(2);
	});

	it('keeps quiz attempts and role plays apart', async () => {
		const q = await startQ(A);
		const v = t.library.get('tiny')!.version;
		const r = await t.store.startAttempt(A, { scenarioId: 'tiny', version: v, mode: 'practice' });
		const now = new Date().toISOString();
		expect(await refusal(t.store.recordEvent(A, q.attempt.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', clientTime: now }))).toBe('wrong-kind');
		expect(await refusal(t.quiz.recordAnswer(A, r.id, { idempotencyKey: newKey(), seq: 1, questionId: 'hates', answer: [0], clientTime: now }))).toBe('wrong-kind');
		expect(await refusal(t.quiz.submitQuiz(A, r.id))).toBe('wrong-kind');
		expect(await refusal(t.store.startAttempt(A, { kind: 'quiz', scenarioId: 'db-quiz', version: quiz.version, mode: 'practice' }))).toBe('bad-input');
		// The role-play reader never hands out a quiz attempt (its stored version holds the answers).
		expect(await t.store.getAttempt(A, q.attempt.id)).toBeNull();
		expect(await t.quiz.getQuizAttempt(A, r.id)).toBeNull();
		// A quiz attempt may be abandoned like a role play.
		expect((await t.store.abandonAttempt(A, q.attempt.id)).state).toBe('abandoned');
	});
});

describe('history and progress', () => {
	it('lists first, best and last submitted assessments per quiz (practice does not count), and the one to resume', async () => {
		const D = await trainee(t.store, '小D');
		const take = async (right: number, mode: 'practice' | 'assessment' = 'assessment') => {
			const a = await startQ(D, { mode });
			const order = attemptOrder(quiz, a.attempt.id);
			// Right on the quiz's first `right` questions as authored, whatever order this attempt shows:
			// more right is then never a lower score (in shown order, which questions were right varied by shuffle).
			const authored = new Map(quiz.questions.map((q, i) => [q.id, i]));
			await sendAnswers(t.quiz, D, a.attempt.id, order.questions.map((q) => [q.id, authored.get(q.id)! < right ? rightAnswer(q) : wrongAnswer(q)]), a.attempt.startedAt.getTime());
			return (await t.quiz.submitQuiz(D, a.attempt.id)).attempt.id;
		};
		const first = await take(2);
		const best = await take(6);
		const last = await take(4);
		// Practice shows each answer's result as it goes: a perfect practice run is no best score.
		const practice = await take(7, 'practice');
		const open = (await startQ(D)).attempt.id;
		await t.quiz.startQuizAttempt(D, { quizId: 'db-self', version: self.version, mode: 'assessment' });

		const h = await t.quiz.quizHistory(D, 'db-quiz');
		expect(h.attempts.map((a) => a.id)).toEqual([first, best, last, practice, open]);
		expect([h.first?.id, h.best?.id, h.last?.id, h.active?.id]).toEqual([first, best, last, open]);
		expect(h.attempts.find((a) => a.id === practice)).toMatchObject({ percent: 100, mode: 'practice' });
		expect(h.best).toMatchObject({ answered: 7, state: 'finished', mode: 'assessment' });
		expect(h.best!.percent).toBeLessThan(100);
		expect(h.active).toMatchObject({ percent: null, passed: null, answered: 0, state: 'active' });
		const all = await t.quiz.quizHistory(D);
		expect(all.map((x) => [x.quizId, x.attempts.length, x.first])).toEqual([
			['db-quiz', 5, h.first],
			['db-self', 1, null]
		]);
		expect(await t.quiz.quizHistory(D, 'no-such-quiz')).toEqual({ quizId: 'no-such-quiz', attempts: [], first: null, best: null, last: null, active: null });
		expect(await t.quiz.quizHistory(null)).toEqual([]);
		// Nobody else's attempts appear.
		expect((await t.quiz.quizHistory(B, 'db-quiz')).attempts).toEqual([]);
	});

	it("shows the trainer each member's latest and best quiz results, beside the role plays", async () => {
		const k = await t.store.createCohort(T2, 'K2');
		await t.store.addMember(T2, k.id, B.sub);
		const v = t.library.get('tiny')!.version;
		const r = await t.store.startAttempt(B, { scenarioId: 'tiny', version: v, mode: 'practice' });
		await play(t.store, B, r.id, ['sorry', 'ask']);
		const ids: string[] = [];
		for (const right of [7, 1]) {
			const a = await startQ(B, { mode: 'assessment' });
			const order = attemptOrder(quiz, a.attempt.id);
			await sendAnswers(t.quiz, B, a.attempt.id, order.questions.map((q, i) => [q.id, i < right ? rightAnswer(q) : wrongAnswer(q)]), a.attempt.startedAt.getTime());
			ids.push((await t.quiz.submitQuiz(B, a.attempt.id)).attempt.id);
		}
		const [m] = await t.store.cohortProgress(T2, k.id);
		expect(m.scenarios.map((s) => s.scenarioId)).toEqual(['tiny']);
		expect(m.quizzes).toHaveLength(1);
		expect(m.quizzes[0]).toMatchObject({ quizId: 'db-quiz', finishedAttempts: 2, latest: { attemptId: ids[1], passed: false }, best: { attemptId: ids[0], percent: 100 } });
		expect(m.quizzes[0].latest.percent).toBeLessThan(100);
		// A knowledge quiz has no profile; a self-assessment's latest carries its profile instead of a score to compare.
		expect(m.quizzes[0].latest.profile).toBeNull();
	});

	it('keeps quiz attempts out of the role-play trend and in the list of attempts', async () => {
		const trend = await t.store.trend(A);
		const quizAttempts = new Set((await t.quiz.quizHistory(A)).flatMap((h) => h.attempts.map((a) => a.id)));
		expect(quizAttempts.size).toBeGreaterThan(5);
		for (const points of Object.values(trend)) for (const p of points) expect(quizAttempts.has(p.attemptId)).toBe(false);
		const list = await t.store.listMyAttempts(A);
		expect(list.filter((a) => a.kind === 'quiz').length).toBe(quizAttempts.size);
	});
});

describe('assessment mode', () => {
	/** Every text of the fixture that only a graded result may show. */
	const secrets = () =>
		quiz.questions.flatMap((q) => [
			q.explanation,
			...(q.type === 'single' || q.type === 'multiple' ? q.options.flatMap((o) => (o.feedback ? [o.feedback] : [])) : []),
			...(q.type === 'truefalse' ? [q.feedbackTrue!, q.feedbackFalse!] : []),
			...(q.type === 'short' ? q.answers.flatMap((a) => [a.text, ...(a.feedback ? [a.feedback] : [])]) : []),
			...(q.type === 'case' ? [q.modelAnswer, ...q.rubric.map((r) => r.point)] : [])
		]);
	const KEYS = ['correct', 'correctAnswer', 'explanation', 'feedback', 'modelAnswer', 'rubric', 'solution', 'codes', 'topics', 'byTopic', 'total'];

	it('sends no right answers, feedback, explanations, model answers or rubric before submission', async () => {
		expect(secrets().length).toBeGreaterThan(15);
		const a = await startQ(A, { mode: 'assessment' });
		const id = a.attempt.id;
		const order = attemptOrder(quiz, id);
		const responses: unknown[] = [a];
		// Answer everything wrongly, one question twice, and once with a malformed answer.
		responses.push(...(await sendAnswers(t.quiz, A, id, [...order.questions.map((q) => [q.id, wrongAnswer(q)] as [string, never]), ['listen-meaning', 0]], a.attempt.startedAt.getTime())));
		const bad = await t.quiz.recordAnswer(A, id, { idempotencyKey: newKey(), seq: 9, questionId: 'listen-meaning', answer: 7, clientTime: new Date(Date.now() + 60_000).toISOString() }).catch((e: StoreError) => ({ error: e.code, detail: e.message, ...e.detail }));
		expect(bad).toMatchObject({ error: 'bad-input' });
		responses.push(bad, await t.quiz.getQuizAttempt(A, id), await t.quiz.quizHistory(A, 'db-quiz'));
		for (const r of responses) {
			const text = JSON.stringify(r);
			for (const s of secrets()) expect(text, `a response shows "${s}"`).not.toContain(s);
			for (const k of KEYS) expect(text, `a response has "${k}"`).not.toMatch(new RegExp(`"${k}":(?!null)`));
		}
		// Ordering items and matching rights are never shown in the right order.
		const written = quiz.questions.find((q) => q.type === 'ordering') as QuestionOf<'ordering'>;
		expect((a.view.questions.find((q) => q.id === written.id) as { items: string[] }).items).not.toEqual(written.items);
		const pairs = quiz.questions.find((q) => q.type === 'matching') as QuestionOf<'matching'>;
		expect((a.view.questions.find((q) => q.id === pairs.id) as { rights: string[] }).rights).not.toEqual(pairs.rights);

		// After submission the result shows explanations, model answer and rubric (so the search above could have found them).
		const s = JSON.stringify(await t.quiz.submitQuiz(A, id));
		for (const q of quiz.questions) expect(s).toContain(q.explanation);
		for (const x of secrets().filter((x) => x.startsWith('参考答案') || x.startsWith('要点'))) expect(s).toContain(x);
		expect(s).toContain('"correct":false');
	});
});
