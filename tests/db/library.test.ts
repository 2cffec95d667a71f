// Team content (issue 11) on real Postgres (PGlite), acted out by each role: a trainer publishes a
// scenario and a quiz for the cohorts they lead; a member lists them, plays and takes them, scored
// on the version played; a member of another trainer's cohort, a trainee in no cohort and nobody
// signed in never see them and cannot start an attempt on them even knowing id and version; taken
// down, they leave the lists and refuse new attempts while a finished attempt still reads its version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { createLibrary, type Library } from '../../src/lib/server/library';
import { bestScore } from '../../src/lib/scoring/best';
import { createQuizStore } from '../../src/lib/server/db/quiz-store';
import { createStore } from '../../src/lib/server/db/store';
import { DB_TIMEOUT, freshStore, newKey, play, rules, trainee, trainer, type TestStore } from './helpers';
import { publish, teamQuiz, teamScenario, unpublish, type Published } from './publish-fixture';
import { attemptOrder, rightAnswer, sendAnswers } from './quiz-answers';

let t: TestStore;
let lib: Library;
let A: Claims, B: Claims, C: Claims, N: Claims, T1: Claims, T2: Claims;
const scenario = teamScenario('team-tiny', '团队的小场景');
const quiz = teamQuiz('team-quiz', '团队的测验');
let pubScenario: Published, pubQuiz: Published;

/** The store's refusal, as a route would map it (never a bare error, which would be a 500). */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; status: number }> {
	try {
		await run();
	} catch (e) {
		if (e instanceof StoreError) return { code: e.code, status: e.status };
		throw e;
	}
	throw new Error('not refused');
}
const attemptCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from app.attempts')).rows[0].n;
const startTeam = (u: Claims | null, over: Record<string, unknown> = {}) =>
	t.store.startAttempt(u, { scenarioId: 'team-tiny', version: scenario.version, mode: 'practice', ...over });
const startTeamQuiz = (u: Claims | null) => t.quiz.startQuizAttempt(u, { quizId: 'team-quiz', version: quiz.version, mode: 'assessment' });

beforeAll(async () => {
	t = await freshStore();
	lib = createLibrary({ db: async () => t.db, shippedScenario: (id) => t.library.get(id), shippedQuiz: (id) => t.quizzes.get(id) });
	A = await trainee(t.store, 'A');
	B = await trainee(t.store, 'B');
	C = await trainee(t.store, 'C');
	N = await trainee(t.store, 'N (no cohort)');
	T1 = await trainer(t.store, 'T1');
	T2 = await trainer(t.store, 'T2');
	const k1 = await t.store.createCohort(T1, 'K1');
	const k2 = await t.store.createCohort(T2, 'K2');
	await t.store.addMember(T1, k1.id, A.sub);
	await t.store.addMember(T1, k1.id, B.sub);
	await t.store.addMember(T2, k2.id, C.sub);
	pubScenario = await publish(t.db, T1, { scenario });
	pubQuiz = await publish(t.db, T1, { quiz });
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('who sees published team content', () => {
	it("lists it for the trainer's cohort members and the trainer, for nobody else", async () => {
		for (const who of [A, B, T1]) {
			expect((await lib.teamScenarios(who)).map((s) => [s.meta.id, s.version])).toEqual([['team-tiny', scenario.version]]);
			expect((await lib.teamQuizzes(who)).map((q) => [q.id, q.version])).toEqual([['team-quiz', quiz.version]]);
		}
		for (const who of [C, N, T2, null]) {
			expect(await lib.teamScenarios(who)).toEqual([]);
			expect(await lib.teamQuizzes(who)).toEqual([]);
		}
	});

	it('finds it by id for its team only; shipped ids answer with the shipped file', async () => {
		expect((await lib.scenarioFor(A, 'team-tiny'))?.meta.title).toBe('团队的小场景');
		expect((await lib.quizFor(A, 'team-quiz'))?.title).toBe('团队的测验');
		for (const who of [C, N, T2, null]) {
			expect(await lib.scenarioFor(who, 'team-tiny')).toBeUndefined();
			expect(await lib.quizFor(who, 'team-quiz')).toBeUndefined();
		}
		expect(await lib.scenarioFor(null, 'tiny')).toBe(t.library.get('tiny'));
		expect(await lib.quizFor(C, 'db-quiz')).toBe(t.quizzes.get('db-quiz'));
		// Ids that are no ids never reach the database.
		expect(await lib.scenarioFor(A, '../etc')).toBeUndefined();
		expect(await lib.storedScenarioVersion(A, 'team-tiny', "x' or 1=1")).toBeUndefined();
	});

	it('remembers compiled versions, never who may read them', async () => {
		expect(await lib.storedScenarioVersion(A, 'team-tiny', scenario.version)).toEqual(scenario);
		// The same version, now in memory, is still refused to another team and to nobody.
		expect(await lib.storedScenarioVersion(C, 'team-tiny', scenario.version)).toBeUndefined();
		expect(await lib.storedScenarioVersion(null, 'team-tiny', scenario.version)).toBeUndefined();
		expect(await lib.scenarioFor(C, 'team-tiny')).toBeUndefined();
	});

	it('lets shipped content win over a team version under the same id', async () => {
		const clash = teamScenario('tiny', '冒名');
		// (The studio refuses such a publish; here the rows are forced in to show the library's rule.)
		const p = await publish(t.db, T1, { scenario: clash });
		try {
			expect((await lib.teamScenarios(A)).map((s) => s.meta.id)).toEqual(['team-tiny']);
			expect((await lib.scenarioFor(A, 'tiny'))?.meta.title).toBe('小场景');
		} finally {
			await t.db.query('delete from app.published_content where document_id = $1', [p.documentId]);
		}
	});
});

describe('playing team content', () => {
	let finished: string;

	it('a member plays a team scenario to its ending, scored against its best possible', async () => {
		const a = await startTeam(A);
		expect(a).toMatchObject({ scenarioId: 'team-tiny', scenarioVersion: scenario.version, state: 'active' });
		const results = await play(t.store, A, a.id, ['sorry', 'ask']);
		const last = results.at(-1)!;
		expect(last.attempt).toMatchObject({ state: 'finished', outcome: 'resolved' });
		expect(last.score?.bestPossible).toBe(bestScore(scenario).overall);
		expect(last.score?.overall).toBeGreaterThan(0);
		finished = a.id;
		// The trainer sees it among the member's progress.
		const progress = await t.store.cohortProgress(T1, (await t.store.listCohorts(T1))[0].id);
		expect(progress.find((m) => m.member.id === A.sub)?.scenarios.map((s) => s.scenarioId)).toEqual(['team-tiny']);
	});

	it('a member takes a team quiz, graded on the server against the stored version', async () => {
		const started = await startTeamQuiz(B);
		expect(started.view.title).toBe('团队的测验');
		const order = attemptOrder(quiz, started.attempt.id);
		await sendAnswers(
			t.quiz,
			B,
			started.attempt.id,
			order.questions.map((q) => [q.id, rightAnswer(q)]),
			started.attempt.startedAt.getTime()
		);
		const submitted = await t.quiz.submitQuiz(B, started.attempt.id);
		expect(submitted.score.overall).toBeGreaterThan(60);
		expect(submitted.result?.passed).toBe(true);
	});

	it('another team, a trainee in no cohort and nobody signed in cannot start an attempt, even knowing id and version', async () => {
		const before = await attemptCount();
		for (const who of [C, N, T2]) {
			expect(await refusal(() => startTeam(who))).toEqual({ code: 'unknown-scenario', status: 404 });
			expect(await refusal(() => startTeam(who, { id: crypto.randomUUID(), mode: 'assessment' }))).toEqual({ code: 'unknown-scenario', status: 404 });
			expect(await refusal(() => startTeamQuiz(who))).toEqual({ code: 'unknown-quiz', status: 404 });
		}
		expect(await refusal(() => startTeam(null))).toEqual({ code: 'anonymous', status: 401 });
		expect(await attemptCount()).toBe(before);
	});

	it("another team cannot read a member's attempt or its version", async () => {
		expect(await t.store.getAttempt(C, finished)).toBeNull();
		expect(await lib.storedScenarioVersion(C, 'team-tiny', scenario.version)).toBeUndefined();
	});

	it("a trainer shown a shared member's attempt on another trainer's content gets nothing, not an error", async () => {
		// M is in both trainers' cohorts: T2 reads M's attempts, but not T1's content they were played on.
		const M = await trainee(t.store, 'M (two cohorts)');
		const [k1, k2] = [(await t.store.listCohorts(T1))[0].id, (await t.store.listCohorts(T2))[0].id];
		await t.store.addMember(T1, k1, M.sub);
		await t.store.addMember(T2, k2, M.sub);
		const a = await startTeam(M);
		await play(t.store, M, a.id, ['sorry', 'ask']);
		const q = await startTeamQuiz(M);
		// A store that has not read these versions yet (a fresh server process).
		const fresh = createStore({ db: t.db, getScenario: (id) => t.library.get(id), getRules: rules });
		const freshQuiz = createQuizStore({ db: t.db, getQuiz: (id) => t.quizzes.get(id), getRules: rules });
		expect(await fresh.getAttempt(T2, a.id)).toBeNull();
		expect(await freshQuiz.getQuizAttempt(T2, q.attempt.id)).toBeNull();
		expect((await fresh.getAttempt(T1, a.id))?.scenario.version).toBe(scenario.version);
	});

	it('a new version is what the team plays next; the finished attempt keeps its own', async () => {
		const v2 = teamScenario('team-tiny', '团队的小场景(第二版)');
		await publish(t.db, T1, { scenario: v2 });
		expect((await lib.scenarioFor(A, 'team-tiny'))?.version).toBe(v2.version);
		const detail = await t.store.getAttempt(A, finished);
		expect(detail?.scenario.version).toBe(scenario.version);
		expect((await lib.teamTitles(A)).scenarios['team-tiny']).toBe('团队的小场景(第二版)');
		// Back to the first version for the tests below.
		await publish(t.db, T1, { scenario });
	});

	it('taken down: gone from the lists, no new attempt, yet the finished attempt still reads its stored version', async () => {
		await unpublish(t.db, pubScenario);
		await unpublish(t.db, pubQuiz, 'archived');
		for (const who of [A, B, T1]) {
			expect(await lib.teamScenarios(who)).toEqual([]);
			expect(await lib.teamQuizzes(who)).toEqual([]);
			expect(await lib.scenarioFor(who, 'team-tiny')).toBeUndefined();
		}
		const before = await attemptCount();
		expect(await refusal(() => startTeam(A))).toEqual({ code: 'unknown-scenario', status: 404 });
		expect(await refusal(() => startTeamQuiz(A))).toEqual({ code: 'unknown-quiz', status: 404 });
		expect(await attemptCount()).toBe(before);

		// The debrief of what A played, and the trainer's view of it.
		expect(await lib.storedScenarioVersion(A, 'team-tiny', scenario.version)).toEqual(scenario);
		expect((await t.store.getAttempt(A, finished))?.score?.overall).toBeGreaterThan(0);
		expect(await lib.storedScenarioVersion(T1, 'team-tiny', scenario.version)).toEqual(scenario);
		expect((await lib.teamTitles(A)).scenarios['team-tiny']).toBeDefined();
		// Taken down, a version stays readable only to its trainer and whoever played it: not to the
		// rest of the team, never to another team.
		expect(await lib.storedScenarioVersion(B, 'team-tiny', scenario.version)).toBeUndefined();
		expect(await lib.storedScenarioVersion(C, 'team-tiny', scenario.version)).toBeUndefined();
		expect((await lib.teamTitles(B)).quizzes['team-quiz']).toBe('团队的测验');
	});

	it('who played a version keeps reading it after leaving the team, and no longer sees the team\'s content', async () => {
		await publish(t.db, T1, { scenario });
		const L = await trainee(t.store, 'L (leaves)');
		const k1 = (await t.store.listCohorts(T1))[0].id;
		await t.store.addMember(T1, k1, L.sub);
		const a = await startTeam(L);
		await play(t.store, L, a.id, ['argue', 'away']);
		await t.store.removeMember(T1, k1, L.sub);
		expect(await lib.teamScenarios(L)).toEqual([]);
		expect(await lib.storedScenarioVersion(L, 'team-tiny', scenario.version)).toEqual(scenario);
		expect((await t.store.getAttempt(L, a.id))?.score).not.toBeNull();
		expect(await refusal(() => startTeam(L))).toEqual({ code: 'unknown-scenario', status: 404 });
	});

	it('an event to an attempt that started before the take-down is still stored', async () => {
		await publish(t.db, T1, { scenario });
		const a = await startTeam(B);
		await unpublish(t.db, pubScenario);
		const r = await t.store.recordEvent(B, a.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', clientTime: new Date().toISOString() });
		expect(r.event.replyId).toBe('sorry');
	});
});
