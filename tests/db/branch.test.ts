// 「从这里重来」 recorded in the store (migration 20261207000006_branch_practice): a practice role
// play may branch from the same user's practice role play of the same scenario, and says so
// wherever it is read; anything else is refused with a clear message by the store ('bad-branch')
// and, for anyone writing SQL directly, by row-level security and the table's checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { storeErrors } from '../../src/lib/i18n/zh-CN/server';
import { DB_TIMEOUT, TINY_YAML, compileYaml, counts, freshStore, play, probe, trainee, trainer, type TestStore } from './helpers';

let t: TestStore;
let A: Claims, B: Claims, T: Claims, Other: Claims;
let version: string;
let aPractice: string, aAssessment: string, aOtherScenario: string, bPractice: string;

const start = (u: Claims, over: Record<string, unknown> = {}) => t.store.startAttempt(u, { scenarioId: 'tiny', version, mode: 'practice', ...over });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof StoreError ? `${e.code}: ${e.message}` : String(e)));

beforeAll(async () => {
	t = await freshStore([compileYaml(TINY_YAML), compileYaml(TINY_YAML.replace('id: tiny', 'id: tiny-two'))]);
	version = t.library.get('tiny')!.version;
	A = await trainee(t.store, '分支甲');
	B = await trainee(t.store, '分支乙');
	T = await trainer(t.store, '分支老师');
	Other = await trainer(t.store, '别班老师');
	const cohort = await t.store.createCohort(T, '分支班');
	await t.store.addMember(T, cohort.id, A.sub);
	await t.store.addMember(T, cohort.id, B.sub);
	aPractice = (await start(A)).id;
	await play(t.store, A, aPractice, ['sorry']);
	aAssessment = (await start(A, { mode: 'assessment' })).id;
	aOtherScenario = (await start(A, { scenarioId: 'tiny-two', version: t.library.get('tiny-two')!.version })).id;
	bPractice = (await start(B)).id;
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('「从这里重来」 in the store', () => {
	it('records a practice branch of the user’s own practice attempt, and shows it wherever the attempt is read', async () => {
		await t.store.abandonAttempt(A, aPractice);
		const branch = await start(A, { branchedFrom: { attemptId: aPractice, turn: 2 } });
		expect(branch).toMatchObject({ mode: 'practice', branchedFrom: { attemptId: aPractice, turn: 2 } });
		await play(t.store, A, branch.id, ['sorry', 'ask']);
		expect((await t.store.listMyAttempts(A)).find((x) => x.id === branch.id)).toMatchObject({ branchedFrom: { attemptId: aPractice, turn: 2 }, state: 'finished' });
		expect((await t.store.getAttempt(A, branch.id))!.attempt.branchedFrom).toEqual({ attemptId: aPractice, turn: 2 });
		// Not a branch: says so.
		expect((await t.store.getAttempt(A, aPractice))!.attempt.branchedFrom).toBeNull();
		// The trainer reads it as a branch too (the member's latest role play of tiny).
		const progress = await t.store.cohortProgress(T, (await t.store.listCohorts(T))[0].id);
		const mine = progress.find((m) => m.member.id === A.sub)!.scenarios.find((s) => s.scenarioId === 'tiny')!;
		expect(mine.latest).toMatchObject({ attemptId: branch.id, mode: 'practice', branched: true });
	}, DB_TIMEOUT);

	it('refuses, with a clear message and nothing stored, every branch that is not the user’s own practice of this scenario', async () => {
		const before = await counts(t.db);
		const cases: [string, Claims, Record<string, unknown>][] = [
			["from another trainee's attempt", A, { branchedFrom: { attemptId: bPractice, turn: 1 } }],
			['by the trainer, from a member’s attempt they may read', T, { branchedFrom: { attemptId: aPractice, turn: 1 } }],
			['by another cohort’s trainer', Other, { branchedFrom: { attemptId: aPractice, turn: 1 } }],
			['in assessment', A, { mode: 'assessment', branchedFrom: { attemptId: aPractice, turn: 1 } }],
			['from an assessment', A, { branchedFrom: { attemptId: aAssessment, turn: 1 } }],
			['from another scenario', A, { branchedFrom: { attemptId: aOtherScenario, turn: 1 } }],
			['from an attempt that does not exist', A, { branchedFrom: { attemptId: crypto.randomUUID(), turn: 1 } }]
		];
		for (const [what, who, over] of cases) expect(await refusal(start(who, over)), what).toMatch(/^bad-branch: /);
		expect(storeErrors['bad-branch']).toContain('练习');
		for (const bad of [{ attemptId: 'not-a-uuid', turn: 1 }, { attemptId: aPractice, turn: 0 }, { attemptId: aPractice }, { attemptId: aPractice, turn: 1, score: 100 }])
			expect(await refusal(start(A, { branchedFrom: bad }))).toMatch(/^bad-input: /);
		expect(await refusal(t.store.startAttempt(null, { scenarioId: 'tiny', version, mode: 'practice', branchedFrom: { attemptId: aPractice, turn: 1 } }))).toMatch(/^anonymous/);
		expect(await counts(t.db)).toEqual(before);
	}, DB_TIMEOUT);

	it('holds the same rule for SQL written as the user (row-level security and the table’s checks)', async () => {
		const insert = (who: Claims, from: string, mode = 'practice', scenario = 'tiny', at: number | null = 1) =>
			probe(t.db, who, (tx) =>
				tx.query(
					`insert into app.attempts (user_id, kind, scenario_id, scenario_version, mode, branched_from, branched_at)
					 values (auth.uid(), 'roleplay', $1, $2, $3, $4, $5)`,
					[scenario, t.library.get(scenario)!.version, mode, from, at]
				)
			);
		expect(await insert(A, aPractice)).toMatchObject({ ok: true, rowCount: 1 });
		expect(await insert(A, bPractice)).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(T, aPractice)).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(A, aAssessment)).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(A, aOtherScenario)).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(A, aPractice, 'assessment')).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(A, aPractice, 'practice', 'tiny', null)).toMatchObject({ ok: false, code: '23514' });
		// The table's own checks hold even for the server's role: a branch is a practice role play with its turn.
		const asOwner = (mode: string, at: number | null) =>
			t.db
				.query(
					`insert into app.attempts (user_id, kind, scenario_id, scenario_version, mode, branched_from, branched_at) values ($1, 'roleplay', 'tiny', $2, $3, $4, $5)`,
					[A.sub, version, mode, aPractice, at]
				)
				.then(() => 'stored', (e: { code?: string }) => e.code);
		expect(await asOwner('assessment', 1)).toBe('23514');
		expect(await asOwner('practice', null)).toBe('23514');
		// Nobody changes what an attempt branched from afterwards.
		expect(await probe(t.db, A, (tx) => tx.query('update app.attempts set branched_from = null where id = $1', [aAssessment]))).toMatchObject({ ok: false, code: '42501' });
	}, DB_TIMEOUT);
});
