// Question banks in the store (migration 20261207000004_quiz_draws): the server draws each attempt's
// questions when it starts, afresh per attempt, stores the draw, sends only the drawn questions'
// views (never an answer) and grades the stored draw. On the shipped bank (105 questions, 24 drawn)
// and the tests' own small one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drawQuiz, drawSize, gradeQuiz, type Answer, type CompiledQuiz } from '../../src/lib/quiz';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { StoreError } from '../../src/lib/server/db/errors';
import { asService, type Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, fixtureQuiz, freshStore, rules, trainee, type TestStore } from './helpers';
import { attemptOrder, rightAnswer, sendAnswers } from './quiz-answers';

let t: TestStore;
let A: Claims, B: Claims;
let bank: CompiledQuiz;

beforeAll(async () => {
	bank = checkQuizFile('scenarios/quizzes/bank.yaml').quiz!;
	t = await freshStore(undefined, undefined, [bank, fixtureQuiz('db-bank'), fixtureQuiz('db-quiz')]);
	A = await trainee(t.store, '小A');
	B = await trainee(t.store, '小B');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());
// An open assessment holds back every graded result of its quiz for its taker: none is left open.
beforeEach(async () => {
	await t.db.query("update app.attempts set state = 'abandoned' where kind = 'quiz' and mode = 'assessment' and state = 'active'");
});

const start = (u: Claims, quiz: CompiledQuiz, over: Record<string, unknown> = {}) =>
	t.quiz.startQuizAttempt(u, { quizId: quiz.id, version: quiz.version, mode: 'assessment', ...over });
const storedDraw = async (attemptId: string) =>
	(await t.db.query<{ question_ids: string[] }>('select question_ids from app.quiz_draws where attempt_id = $1', [attemptId])).rows[0]?.question_ids ?? null;
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof StoreError ? e.code : String(e)));

describe('drawing a question bank when an attempt starts', () => {
	it('stores a draw of the asked size per pool and shows exactly those questions', async () => {
		const s = await start(A, bank);
		const ids = (await storedDraw(s.attempt.id))!;
		expect(ids).toHaveLength(drawSize(bank));
		expect(ids.length).toBeLessThan(bank.questions.length);
		expect(s.view.questions.map((q) => q.id).sort()).toEqual([...ids].sort());
		// Per pool, as the file asks.
		for (const { topic, count } of bank.draw!) expect(bank.questions.filter((q) => ids.includes(q.id) && q.topics[0] === topic)).toHaveLength(count);
	});

	it('draws afresh for each attempt: two attempts of the bank get different draws', async () => {
		const one = await start(A, bank, { mode: 'practice' });
		const two = await start(A, bank, { mode: 'practice' });
		const other = await start(B, bank, { mode: 'practice' });
		const [d1, d2, d3] = [await storedDraw(one.attempt.id), await storedDraw(two.attempt.id), await storedDraw(other.attempt.id)];
		expect(d1).not.toEqual(d2);
		expect(d1).not.toEqual(d3);
		expect(d2).not.toEqual(d3);
	});

	it('keeps the first draw when the same attempt is started again, and on resume', async () => {
		const id = '00000000-0000-4000-8000-0000000b0001';
		const first = await start(A, bank, { id, mode: 'practice' });
		const again = await start(A, bank, { id, mode: 'practice' });
		expect(again.view).toEqual(first.view);
		expect((await t.quiz.getQuizAttempt(A, id))!.view).toEqual(first.view);
		expect(await storedDraw(id)).toEqual((await storedDraw(id))!);
	});

	it('starting a submitted attempt again returns it with its draw (no new draw is tried)', async () => {
		const id = '00000000-0000-4000-8000-0000000b0002';
		const first = await start(B, fixtureQuiz('db-bank'), { id, mode: 'practice' });
		await t.quiz.submitQuiz(B, id);
		const again = await start(B, fixtureQuiz('db-bank'), { id, mode: 'practice' });
		expect(again.attempt.state).toBe('finished');
		expect(again.view).toEqual(first.view);
	});

	it('takes nothing about the draw from the client', async () => {
		expect(await refusal(start(A, bank, { draw: ['idl-i-facts'] }))).toBe('bad-input');
		expect(await refusal(start(A, bank, { questions: ['idl-i-facts'] }))).toBe('bad-input');
	});

	it('never sends an answer, a feedback, an explanation or an undrawn question at the start', async () => {
		const small = fixtureQuiz('db-bank');
		for (const quiz of [small, bank]) {
			const s = await start(B, quiz);
			const json = JSON.stringify(s);
			for (const key of ['"correct"', '"explanation"', '"feedback"', '"answer"', '"answers"', '"solution"', '"modelAnswer"', '"rubric"', '"draw"', '"topics"', '"codes"'])
				expect(json, key).not.toContain(key);
			const drawn = new Set(await storedDraw(s.attempt.id));
			for (const q of quiz.questions) {
				expect(json).not.toContain(JSON.stringify(q.explanation));
				if (!drawn.has(q.id)) expect(json).not.toContain(JSON.stringify(q.prompt));
			}
			for (const secret of ['题库解析', '题库反馈']) expect(json).not.toContain(secret);
		}
	});
});

describe('grading the drawn set', () => {
	it('grades exactly the stored draw, in the attempt order, to full marks with the right answers', async () => {
		const s = await start(A, bank);
		const ids = (await storedDraw(s.attempt.id))!;
		const shown = attemptOrder(drawQuiz(bank, ids), s.attempt.id);
		const answers: [string, Answer][] = shown.questions.map((q) => [q.id, rightAnswer(q)]);
		await sendAnswers(t.quiz, A, s.attempt.id, answers, s.attempt.startedAt.getTime());
		const done = await t.quiz.submitQuiz(A, s.attempt.id);
		expect(done.result!.questions.map((q) => q.id)).toEqual(shown.questions.map((q) => q.id));
		expect(done.result!.questionCount).toBe(drawSize(bank));
		expect(done.result!.total.max).toBe(shown.questions.reduce((n, q) => n + q.points, 0));
		expect(done.result).toEqual(gradeQuiz(shown, Object.fromEntries(answers), { rules: rules() }));
		expect(done.result!.total.percent).toBe(100);
	});

	it('refuses an answer to a question of the bank the attempt did not draw', async () => {
		const small = fixtureQuiz('db-bank');
		const s = await start(A, small);
		const ids = new Set(await storedDraw(s.attempt.id));
		const undrawn = small.questions.find((q) => !ids.has(q.id))!;
		expect(await refusal(sendAnswers(t.quiz, A, s.attempt.id, [[undrawn.id, true]], s.attempt.startedAt.getTime()))).toBe('bad-input');
	});
});

describe('the stored draw in the database', () => {
	it('is never changed, joins only active quiz attempts, and goes with its attempt', async () => {
		const s = await start(B, fixtureQuiz('db-bank'), { mode: 'practice' });
		const forged = (sql: string, params: unknown[]) => asService(t.db, (tx) => tx.query(sql, params)).then(() => 'done', (e: Error) => e.message);
		expect(await forged("update app.quiz_draws set question_ids = '{bank-i,bank-d,bank-8a}' where attempt_id = $1", [s.attempt.id])).toMatch(/never changes/);
		expect(await forged('delete from app.quiz_draws where attempt_id = $1', [s.attempt.id])).toMatch(/never changes/);
		const roleplay = await t.store.startAttempt(B, { scenarioId: 'tiny', version: t.library.get('tiny')!.version, mode: 'practice' });
		expect(await forged("insert into app.quiz_draws (attempt_id, question_ids) values ($1, '{bank-i}')", [roleplay.id])).toMatch(/not an active quiz attempt/);
		expect(await forged("insert into app.quiz_draws (attempt_id, question_ids) values ($1, '{Bank I}')", [roleplay.id])).toMatch(/quiz_draws_question_ids_form|not an active/);
		await asService(t.db, (tx) => tx.query('delete from app.attempts where id = $1', [s.attempt.id]));
		expect(await storedDraw(s.attempt.id)).toBeNull();
	});
});
