// Assignments (issue 14) on real Postgres (PGlite), acted out as the roles the app uses: T1 leads
// cohort K1 (members A, B, D), T2 leads K2 (member C). What is refused and why (detail.reason, the
// Chinese message's key), and each member's status as read from their attempts: done (finished in
// the assigned mode after the assignment was set), in progress, not started, and late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssignmentStore, type AssignmentStore } from '../../src/lib/server/db/assignments';
import type { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, play, trainee, trainer, type TestStore } from './helpers';
import { publish, teamScenario } from './publish-fixture';
import { sendAnswers } from './quiz-answers';

let t: TestStore;
let s: AssignmentStore;
let A: Claims, B: Claims, C: Claims, D: Claims, T1: Claims, T2: Claims;
let K1 = '';
let K2 = '';
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600_000).toISOString();

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
	try {
		await p;
	} catch (e) {
		const err = e as StoreError;
		return { code: err.code, ...(err.detail?.reason ? { reason: err.detail.reason } : {}) };
	}
	throw new Error('not refused');
}

/** Plays tiny to its end in this mode (a finished, scored attempt). */
async function finishTiny(who: Claims, mode: 'practice' | 'assessment' = 'practice') {
	const a = await t.store.startAttempt(who, { scenarioId: 'tiny', version: t.library.get('tiny')!.version, mode });
	await play(t.store, who, a.id, ['sorry', 'ask']);
	return a.id;
}
const finishedAt = async (attemptId: string) =>
	(await t.db.query<{ finished_at: Date }>('select finished_at from app.attempts where id = $1', [attemptId])).rows[0].finished_at;
/** Moves an assignment's times, as the connection's own (super)user: the past cannot be made otherwise. */
const setTimes = (id: string, createdAt: Date, dueAt: Date) =>
	t.db.query('update app.assignments set created_at = $2, due_at = $3 where id = $1', [id, createdAt, dueAt]);

beforeAll(async () => {
	t = await freshStore();
	s = createAssignmentStore({ db: t.db, shipped: (kind, id) => (kind === 'roleplay' ? t.library.has(id) : t.quizzes.has(id)) });
	[A, B, C, D] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => trainee(t.store, n)));
	T1 = await trainer(t.store, 'T1');
	T2 = await trainer(t.store, 'T2');
	K1 = (await t.store.createCohort(T1, '一班')).id;
	K2 = (await t.store.createCohort(T2, '二班')).id;
	for (const m of [A, B, D]) await t.store.addMember(T1, K1, m.sub);
	await t.store.addMember(T2, K2, C.sub);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('creating an assignment', () => {
	const ok = () => ({ cohortId: K1, kind: 'roleplay' as const, contentId: 'tiny', mode: 'practice' as const, dueAt: inDays(3) });

	it('is the cohort trainer\'s alone', async () => {
		expect(await refusal(s.createAssignment(null, ok()))).toEqual({ code: 'anonymous' });
		expect(await refusal(s.createAssignment(A, ok()))).toEqual({ code: 'forbidden' });
		expect(await refusal(s.createAssignment(T2, ok()))).toEqual({ code: 'forbidden' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), cohortId: 'not-a-cohort' }))).toEqual({ code: 'unknown-cohort' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), cohortId: K2 }))).toEqual({ code: 'forbidden' });
		expect((await t.db.query('select count(*)::int as n from app.assignments')).rows[0]).toEqual({ n: 0 });
	});

	it('refuses a due time not in the future or over a year ahead, content that is not there, a bad mode or note, with a reason', async () => {
		expect(await refusal(s.createAssignment(T1, { ...ok(), dueAt: new Date(Date.now() - 60_000).toISOString() }))).toEqual({ code: 'bad-input', reason: 'due-past' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), dueAt: inDays(400) }))).toEqual({ code: 'bad-input', reason: 'due-far' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), dueAt: '下周五' }))).toEqual({ code: 'bad-input', reason: 'due-invalid' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), contentId: 'no-such-scenario' }))).toEqual({ code: 'bad-input', reason: 'content' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), kind: 'quiz' }))).toEqual({ code: 'bad-input', reason: 'content' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), contentId: '../etc' }))).toEqual({ code: 'bad-input', reason: 'content' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), mode: 'exam' as 'practice' }))).toEqual({ code: 'bad-input', reason: 'mode' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), note: '备'.repeat(201) }))).toEqual({ code: 'bad-input', reason: 'note' });
		expect(await refusal(s.createAssignment(T1, { ...ok(), createdBy: T2.sub } as never))).toEqual({ code: 'bad-input' });
		expect((await t.db.query('select count(*)::int as n from app.assignments')).rows[0]).toEqual({ n: 0 });
	});

	it('takes shipped scenarios and quizzes, and team content only from the trainer who has it live', async () => {
		const team = await publish(t.db, T1, { scenario: teamScenario('team-assign') });
		const quiz = await s.createAssignment(T1, { ...ok(), kind: 'quiz', contentId: 'db-quiz', mode: 'assessment', note: '  第一周\n的测验 ' });
		expect(quiz).toMatchObject({ cohortId: K1, kind: 'quiz', contentId: 'db-quiz', mode: 'assessment', note: '第一周 的测验', createdBy: T1.sub });
		expect((await s.createAssignment(T1, { ...ok(), contentId: team.id })).contentId).toBe('team-assign');
		expect(await refusal(s.createAssignment(T2, { ...ok(), cohortId: K2, contentId: team.id }))).toEqual({ code: 'bad-input', reason: 'content' });
		await t.db.query('delete from app.assignments');
	});
});

describe('status', () => {
	it('is done only for an attempt in the assigned mode finished after the assignment was set; late when past due', async () => {
		const before = await finishTiny(D, 'assessment'); // finished before the assignment: does not count
		const a = await s.createAssignment(T1, { cohortId: K1, kind: 'roleplay', contentId: 'tiny', mode: 'assessment', dueAt: inDays(2) });
		const aDone = await finishTiny(A, 'assessment');
		await finishTiny(B); // practice: the wrong mode
		await t.store.startAttempt(B, { scenarioId: 'tiny', version: t.library.get('tiny')!.version, mode: 'assessment' }); // open

		const byName = async () => {
			const [x] = await s.cohortAssignments(T1, K1);
			return Object.fromEntries(x.members.map((m) => [m.member.displayName, { state: m.state, late: m.late }]));
		};
		expect(await byName()).toEqual({
			A: { state: 'done', late: false },
			B: { state: 'in-progress', late: false },
			D: { state: 'not-started', late: false }
		});
		const [mine] = await s.myAssignments(A);
		expect(mine).toMatchObject({ id: a.id, cohortName: '一班', status: { state: 'done', late: false, finishedAt: await finishedAt(aDone) } });

		// Set just after D's earlier attempt and due a millisecond later, which is past now: A finished
		// after the due time (late), the others did not finish by it.
		const created = new Date((await finishedAt(before)).getTime() + 1);
		expect(created.getTime()).toBeLessThan((await finishedAt(aDone)).getTime() - 1);
		await setTimes(a.id, created, new Date(created.getTime() + 1));
		expect(await byName()).toEqual({
			A: { state: 'done', late: true },
			B: { state: 'in-progress', late: true },
			D: { state: 'not-started', late: true }
		});
		expect((await s.myAssignments(D))[0].status).toEqual({ state: 'not-started', late: true, finishedAt: null });
		await t.db.query('delete from app.assignments');
	});

	it('counts a submitted quiz attempt in the assigned mode', async () => {
		const a = await s.createAssignment(T1, { cohortId: K1, kind: 'quiz', contentId: 'db-quiz', mode: 'assessment', dueAt: inDays(1) });
		const q = (await t.quiz.startQuizAttempt(B, { quizId: 'db-quiz', version: t.quizzes.get('db-quiz')!.version, mode: 'assessment' })).attempt;
		await sendAnswers(t.quiz, B, q.id, [['hates', [0]]], q.startedAt.getTime());
		expect((await s.myAssignments(B)).find((x) => x.id === a.id)!.status.state).toBe('in-progress');
		await t.quiz.submitQuiz(B, q.id);
		expect((await s.myAssignments(B)).find((x) => x.id === a.id)!.status).toMatchObject({ state: 'done', late: false });
		await t.db.query('delete from app.assignments');
	});
});

describe('who sees and deletes assignments', () => {
	it('shows members their cohorts\' assignments, the trainer their cohort\'s, nobody else anything', async () => {
		const a = await s.createAssignment(T1, { cohortId: K1, kind: 'roleplay', contentId: 'tiny', mode: 'practice', dueAt: inDays(5) });
		expect((await s.myAssignments(A)).map((x) => x.id)).toEqual([a.id]);
		expect(await s.myAssignments(C)).toEqual([]);
		expect(await s.myAssignments(T1)).toEqual([]); // a trainer is not a member
		expect(await s.myAssignments(null)).toEqual([]);
		expect((await s.cohortAssignments(T1, K1)).map((x) => x.id)).toEqual([a.id]);
		expect(await refusal(s.cohortAssignments(T2, K1))).toEqual({ code: 'forbidden' });
		expect(await refusal(s.cohortAssignments(A, K1))).toEqual({ code: 'forbidden' });

		expect(await refusal(s.deleteAssignment(T2, a.id))).toEqual({ code: 'unknown-assignment' });
		expect(await refusal(s.deleteAssignment(A, a.id))).toEqual({ code: 'unknown-assignment' });
		expect(await refusal(s.deleteAssignment(T1, 'x'))).toEqual({ code: 'unknown-assignment' });
		await s.deleteAssignment(T1, a.id);
		expect(await s.cohortAssignments(T1, K1)).toEqual([]);
		expect(await s.myAssignments(A)).toEqual([]);
	});
});
