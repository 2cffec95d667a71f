// The cohort dashboard (analytics.ts), acted out: the cohort's trainer sees figures equal to what
// the stored score reports say; another cohort's trainer, a member and nobody are refused; the
// drill-down shows a member's transcripts, finished or not, to their trainer only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension } from '../../src/lib/domain';
import type { ScoreReport } from '../../src/lib/scoring/score';
import { TIPPING_MOOD } from '../../src/lib/server/db/analytics';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, compileYaml, freshStore, newKey, play, trainee, trainer, type TestStore } from './helpers';

// Two decisions; arguing at the first tips the customer into 投诉 (50 → 70), brushing them off at
// the second loses them.
const DASH_YAML = `format: 1
id: dash
title: 看板场景
summary: 测试用
class: 普通
channel: chat
difficulty: easy
minutes: 2
persona: { name: 王先生, archetype: angry }
objectives: [先安抚]
mood: { start: 50 }
nodes:
  - { id: open, type: line, speaker: customer, text: 你们的快递又丢了, next: d1 }
  - id: d1
    type: decision
    prompt: 客户一上来就很生气。
    replies:
      - { id: sorry, text: 非常抱歉给您添麻烦了，我理解您的心情, moves: { apology: 2, empathy: 1 }, mood: -10, feedback: 好, response: 那你们赶紧查, next: d2 }
      - { id: argue, text: 不可能，我们从来没丢过件, flags: [argue], mood: 20, feedback: 差, response: 你还不承认？, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: ask, text: 请问您的运单号是多少？我马上帮您查, moves: { info: 1, promise: 1 }, mood: -5, feedback: 好, next: fixed }
      - { id: away, text: 这个我管不了，你去找快递员吧, flags: [dismiss, informal], mood: 20, feedback: 差, next: gone }
  - { id: fixed, type: ending, outcome: resolved, title: 解决, debrief: 总结 }
  - { id: gone, type: ending, outcome: lost, title: 流失, debrief: 总结 }
`;

let t: TestStore;
let T1: Claims, T2: Claims, A: Claims, B: Claims, C: Claims;
let K1: string, K2: string;
let version: string;
const ids: Record<string, string> = {};

const start = (u: Claims, mode: 'practice' | 'assessment' = 'practice') => t.store.startAttempt(u, { scenarioId: 'dash', version, mode });
const report = async (u: Claims, attemptId: string) => (await t.store.getAttempt(u, attemptId))!.score!.report as ScoreReport;
const figure = (r: ScoreReport, d: Dimension) => (d === 'emotion' ? r.emotion.score : r.dimensions[d].score);
const code = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (e instanceof StoreError) return e.code;
		throw e;
	}
};

beforeAll(async () => {
	t = await freshStore([compileYaml(DASH_YAML)]);
	version = t.library.get('dash')!.version;
	T1 = await trainer(t.store, '王老师');
	T2 = await trainer(t.store, '李老师');
	A = await trainee(t.store, '小A');
	B = await trainee(t.store, '小B');
	C = await trainee(t.store, '小C');
	K1 = (await t.store.createCohort(T1, '一班')).id;
	K2 = (await t.store.createCohort(T2, '二班')).id;
	await t.store.addMember(T1, K1, A.sub);
	await t.store.addMember(T1, K1, B.sub);
	await t.store.addMember(T2, K2, C.sub);

	// A: one good assessment, one lost practice. B: typed words at d1, then a good reply; and one
	// unfinished attempt. C (another cohort): a lost one.
	ids.a1 = (await start(A, 'assessment')).id;
	await play(t.store, A, ids.a1, ['sorry', 'ask']);
	ids.a2 = (await start(A)).id;
	await play(t.store, A, ids.a2, ['argue', 'away']);
	ids.b1 = (await start(B)).id;
	const from = Date.now() - 60_000;
	await t.store.recordEvent(B, ids.b1, { idempotencyKey: newKey(), seq: 1, typed: '真的非常抱歉给您添麻烦了，我很理解您的心情', ms: 900, clientTime: new Date(from + 1000).toISOString() });
	await t.store.recordEvent(B, ids.b1, { idempotencyKey: newKey(), seq: 2, reply: 'ask', ms: 900, clientTime: new Date(from + 2000).toISOString() });
	ids.b2 = (await start(B)).id;
	await play(t.store, B, ids.b2, ['argue']);
	ids.c1 = (await start(C)).id;
	await play(t.store, C, ids.c1, ['argue', 'away']);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('cohort dashboard', () => {
	it("shows the cohort's trainer each member's mean per dimension, equal to the stored reports", async () => {
		const d = await t.store.cohortDashboard(T1, K1);
		expect(d.cohort).toEqual({ id: K1, name: '一班' });
		expect(d.heatmap.map((r) => [r.member.displayName, r.finished])).toEqual([
			['小A', 2],
			['小B', 1]
		]);
		const reports = { A: [await report(A, ids.a1), await report(A, ids.a2)], B: [await report(B, ids.b1)] };
		for (const [who, row] of [['A', d.heatmap[0]], ['B', d.heatmap[1]]] as const)
			for (const dim of DIMENSIONS) {
				const xs = reports[who].map((r) => figure(r, dim)).filter((x): x is number => x !== null);
				expect(row.cells[dim], `${who} ${dim}`).toEqual({ mean: xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null, n: xs.length });
			}
		// Something was assessed, and the two members differ (not a table of nulls or zeros).
		expect(d.heatmap[0].cells.emotion.n).toBe(2);
		expect(d.heatmap[0].cells.emotion.mean).not.toBe(d.heatmap[1].cells.emotion.mean);
	});

	it('counts per decision who chose each reply, who typed, where the mood tipped and where the customer was lost', async () => {
		const d = await t.store.cohortDashboard(T1, K1);
		expect(d.scenarios).toHaveLength(1);
		const s = d.scenarios[0];
		// Finished attempts only: A's two and B's typed one (B's unfinished one is not in the figures).
		expect(s).toMatchObject({ scenarioId: 'dash', attempts: 3, members: 2, lost: 1 });
		expect(s.decisions.map((x) => x.decision)).toEqual(['d1', 'd2']);
		const [d1, d2] = s.decisions;
		expect(d1).toMatchObject({ attempts: 3, members: 2, tipped: 1, lost: 1, lostHere: 0 });
		expect(TIPPING_MOOD).toBe(67);
		const sorry = d1.replies.find((r) => r.reply === 'sorry')!;
		expect(sorry).toMatchObject({ members: 2, times: 2, typed: 1, lost: 0 });
		expect(d1.replies.find((r) => r.reply === 'argue')).toMatchObject({ members: 1, times: 1, typed: 0, lost: 1 });
		// At d2 the lost attempt's mood was already past the line (70): tipped at d1, not again here.
		expect(d2).toMatchObject({ attempts: 3, members: 2, tipped: 0, lost: 1, lostHere: 1 });
		expect(d2.replies.map((r) => [r.reply, r.times, r.lost])).toEqual([
			['ask', 2, 0],
			['away', 1, 1]
		]);
		// The other cohort's lost attempt is not counted anywhere.
		expect(d.heatmap.some((r) => r.member.id === C.sub)).toBe(false);
	});

	it("lists the cohort's typed replies with the analyzer's reading once the attempt is finished", async () => {
		const d = await t.store.cohortDashboard(T1, K1);
		expect(d.typed.total).toBe(1);
		expect(d.typed.items[0]).toMatchObject({
			attemptId: ids.b1,
			member: { id: B.sub, displayName: '小B' },
			seq: 1,
			text: '真的非常抱歉给您添麻烦了，我很理解您的心情',
			decision: 'd1',
			reading: { reading: 'matched' }
		});
	});

	it('filters by mode', async () => {
		const d = await t.store.cohortDashboard(T1, K1, { mode: 'assessment' });
		expect(d.heatmap.map((r) => r.finished)).toEqual([1, 0]);
		expect(d.scenarios[0]).toMatchObject({ attempts: 1, lost: 0 });
		expect(d.typed.total).toBe(0);
		expect(await code(t.store.cohortDashboard(T1, K1, { mode: 'exam' } as never))).toBe('bad-input');
	});

	it("refuses another cohort's trainer, a member, nobody, and a cohort that does not exist", async () => {
		expect(await code(t.store.cohortDashboard(T2, K1))).toBe('forbidden');
		expect(await code(t.store.cohortDashboard(A, K1))).toBe('forbidden');
		expect(await code(t.store.cohortDashboard(null, K1))).toBe('anonymous');
		expect(await code(t.store.cohortDashboard(T1, 'not-a-uuid'))).toBe('unknown-cohort');
		expect(await code(t.store.cohortDashboard(T1, K2))).toBe('forbidden');
	});
});

describe('member drill-down', () => {
	it("shows a member's attempts with their transcripts, finished from the report and unfinished replayed", async () => {
		const m = await t.store.memberDrillDown(T1, K1, B.sub);
		expect(m.member).toEqual({ id: B.sub, displayName: '小B' });
		expect(m.attempts.map((a) => a.id).sort()).toEqual([ids.b1, ids.b2].sort());
		const finished = m.attempts.find((a) => a.id === ids.b1)!;
		const r = await report(B, ids.b1);
		expect(finished.overall).toBe(r.overall);
		expect(finished.transcript).toEqual(r.turns.map((x) => ({ turn: x.turn, decision: x.decision, heard: x.heard, reply: x.reply.text, typed: x.typed, moodBefore: x.moodBefore, moodAfter: x.moodAfter })));
		expect(finished.transcript![0]).toMatchObject({ heard: [{ speaker: 'customer', text: '你们的快递又丢了' }], reply: '真的非常抱歉给您添麻烦了，我很理解您的心情', typed: true });
		const open = m.attempts.find((a) => a.id === ids.b2)!;
		expect(open).toMatchObject({ state: 'active', overall: null });
		expect(open.transcript).toEqual([expect.objectContaining({ decision: 'd1', reply: '不可能，我们从来没丢过件', typed: false, moodBefore: 50, moodAfter: 70 })]);
	});

	it("is refused to another cohort's trainer, the member, and for someone not in the cohort", async () => {
		expect(await code(t.store.memberDrillDown(T2, K1, A.sub))).toBe('forbidden');
		expect(await code(t.store.memberDrillDown(A, K1, A.sub))).toBe('forbidden');
		expect(await code(t.store.memberDrillDown(null, K1, A.sub))).toBe('anonymous');
		// T1 leads K1, but C is in K2: not theirs to read through K1.
		expect(await code(t.store.memberDrillDown(T1, K1, C.sub))).toBe('unknown-profile');
		expect(await code(t.store.memberDrillDown(T1, K1, 'x'))).toBe('unknown-profile');
	});
});
