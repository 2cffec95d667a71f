// Item statistics for trainers on real Postgres: the figures equal hand-computed ones (the same
// four members' scores as src/lib/quiz/item-stats.test.ts), from submitted assessments of the
// trainer's own cohorts only: another cohort's attempts, practice attempts and the trainer's own
// assessment are not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, CompiledQuiz } from '../../src/lib/quiz';
import { createItemStatsStore } from '../../src/lib/server/db/item-stats';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, trainee, trainer, type TestStore } from './helpers';
import { attemptOrder, rightAnswer, sendAnswers, wrongAnswer } from './quiz-answers';

let t: TestStore;
let quiz: CompiledQuiz;
let T1: Claims, T2: Claims;
const stats = () => createItemStatsStore(t.db);

/** Scores wanted: lm (listen-meaning, 1 pt) and ef (emotion-first, 1 pt) 0 or 1; hates (3 pts) 0–3. */
async function take(user: Claims, lm: 0 | 1, ef: 0 | 1, hates: 0 | 1 | 2 | 3, mode: 'assessment' | 'practice' = 'assessment') {
	const s = await t.quiz.startQuizAttempt(user, { quizId: 'db-quiz', version: quiz.version, mode });
	const shown = attemptOrder(quiz, s.attempt.id);
	const q = (id: string) => shown.questions.find((x) => x.id === id)!;
	const right = rightAnswer(q('hates')) as number[];
	const answers: [string, Answer][] = [
		['listen-meaning', lm ? rightAnswer(q('listen-meaning')) : wrongAnswer(q('listen-meaning'))],
		['emotion-first', ef ? rightAnswer(q('emotion-first')) : wrongAnswer(q('emotion-first'))],
		['hates', hates ? right.slice(0, hates) : wrongAnswer(q('hates'))]
	];
	await sendAnswers(t.quiz, user, s.attempt.id, answers, s.attempt.startedAt.getTime());
	const done = await t.quiz.submitQuiz(user, s.attempt.id);
	expect(done.result!.total.score).toBe(lm + ef + hates);
}

beforeAll(async () => {
	t = await freshStore();
	quiz = t.quizzes.get('db-quiz')!;
	T1 = await trainer(t.store, 'T1');
	T2 = await trainer(t.store, 'T2');
	const [A, B, D, E, C] = await Promise.all(['A', 'B', 'D', 'E', 'C'].map((n) => trainee(t.store, n)));
	const k1 = await t.store.createCohort(T1, 'K1');
	for (const m of [A, B, D, E]) await t.store.addMember(T1, k1.id, m.sub);
	const k2 = await t.store.createCohort(T2, 'K2');
	await t.store.addMember(T2, k2.id, C.sub);
	// K1's assessments: totals 5, 3, 2, 1 of 12.
	await take(A, 1, 1, 3);
	await take(B, 1, 0, 2);
	await take(D, 0, 1, 1);
	await take(E, 1, 0, 0);
	// Not counted for T1: A's practice, T1's own assessment, and C of the other cohort.
	await take(A, 0, 0, 0, 'practice');
	await take(T1, 0, 0, 0);
	await take(C, 1, 1, 3);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe("a trainer's item statistics", () => {
	it('equal the hand-computed figures over their cohorts’ four assessments', async () => {
		const got = await stats().quizItemStats(T1, () => ['listen-meaning', 'emotion-first', 'hates']);
		expect(got.map((x) => x.quizId)).toEqual(['db-quiz']);
		const s = got[0].stats;
		expect(s.attempts).toBe(4);
		const item = (id: string) => s.items.find((x) => x.id === id)!;
		expect(s.items.slice(0, 3).map((x) => x.id)).toEqual(['listen-meaning', 'emotion-first', 'hates']);
		expect(item('listen-meaning')).toMatchObject({ n: 4, difficulty: 0.75, correctShare: 0.75, discrimination: 0 });
		expect(item('listen-meaning').pointBiserial).toBeCloseTo(0, 10);
		expect(item('emotion-first')).toMatchObject({ n: 4, difficulty: 0.5, correctShare: 0.5, discrimination: 1 });
		expect(item('emotion-first').pointBiserial).toBeCloseTo(0.5 / Math.sqrt(6.75), 10);
		expect(item('hates').difficulty).toBeCloseTo(0.5, 10);
		expect(item('hates')).toMatchObject({ correctShare: 0.25, discrimination: 1 });
		expect(item('hates').pointBiserial).toBeCloseTo(0.5 / Math.sqrt((5 / 9) * 0.75), 10);
		// Unanswered by everyone: no variation.
		expect(item('eight-d')).toMatchObject({ n: 4, difficulty: 0, discrimination: 0, pointBiserial: null });
	});

	it("count only the trainer's own cohorts: T2 sees C's one assessment, a trainee and nobody see nothing", async () => {
		const got = await stats().quizItemStats(T2);
		expect(got).toHaveLength(1);
		expect(got[0].stats.attempts).toBe(1);
		expect(got[0].stats.items.find((x) => x.id === 'hates')).toMatchObject({ n: 1, difficulty: 1, discrimination: null, pointBiserial: null });
		const trainee1 = await trainee(t.store, 'F');
		expect(await stats().quizItemStats(trainee1)).toEqual([]);
		expect(await stats().quizItemStats(null)).toEqual([]);
	});
});
