// Recording an event replays the attempt; the analyzer reads each typed turn once, when it is
// recorded, not again at every later event (src/lib/server/db/typed-readings.ts). The analyzer's
// router is counted where it is (the real one, wrapped), and the stored results are held to an
// unmemoised replay of the same turns.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/lib/analyzer/route', async (original) => {
	const real = await original<typeof import('../../src/lib/analyzer/route')>();
	return { ...real, routeTyped: vi.fn(real.routeTyped) };
});

const { routeTyped } = await import('../../src/lib/analyzer/route');
const { resolveAttempt } = await import('../../src/lib/scoring/attempt');
const { scoreAttempt } = await import('../../src/lib/scoring/score');
const { createTypedReadings } = await import('../../src/lib/server/db/typed-readings');
const { DB_TIMEOUT, compileYaml, freshStore, newKey, rules, trainee } = await import('./helpers');
import type { Claims } from '../../src/lib/server/db/session';
import type { TestStore } from './helpers';

const calls = vi.mocked(routeTyped);

// Six decisions in a row, each answered in the trainee's own words.
const TURNS = 6;
const replies = [
	['非常抱歉给您添麻烦了，我理解您的心情', '不可能，我们从来没丢过件'],
	['请问您的运单号是多少？', '这个我管不了，你去找快递员吧'],
	['我马上帮您查一下包裹现在在哪里', '你自己去网上查吧'],
	['查到了，包裹在中转站滞留了两天', '系统里什么都没有'],
	['我今天就安排专人给您重新派送', '等着吧，总会到的'],
	['还有别的需要帮您的吗？谢谢您的耐心', '没事我挂了']
];
const YAML = `format: 1
id: typed-six
title: 打字六步
summary: 测试用
class: 普通
channel: chat
difficulty: easy
minutes: 5
persona: { name: 王先生, archetype: angry }
objectives: [先安抚]
mood: { start: 40 }
nodes:
  - { id: open, type: line, text: 你们的快递又丢了, next: d1 }
${replies
	.map(
		([good, bad], i) => `  - id: d${i + 1}
    type: decision
    replies:
      - { id: good${i + 1}, text: ${good}, moves: [empathy], mood: -5, feedback: 好, next: ${i + 1 < TURNS ? `d${i + 2}` : 'end'} }
      - { id: bad${i + 1}, text: ${bad}, flags: [dismiss], mood: 5, feedback: 差, next: ${i + 1 < TURNS ? `d${i + 2}` : 'end'} }`
	)
	.join('\n')}
  - { id: end, type: ending, outcome: resolved, title: 结束, debrief: 总结 }
`;
// What the trainee types: close to the good reply, never its exact words.
const typed = replies.map(([good]) => `嗯，${good}`);

let t: TestStore;
let A: Claims;
beforeAll(async () => {
	t = await freshStore([compileYaml(YAML)]);
	A = await trainee(t.store, '打字学员');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('typed words are read once', () => {
	it('calls the analyzer once per new typed turn, and stores what a full replay gives', async () => {
		const scenario = t.library.get('typed-six')!;
		const a = await t.store.startAttempt(A, { scenarioId: scenario.meta.id, version: scenario.version, mode: 'practice' });
		const at = (i: number) => new Date(a.startedAt.getTime() + (i + 1) * 2000).toISOString();
		calls.mockClear();
		let last;
		for (const [i, text] of typed.entries()) {
			last = await t.store.recordEvent(A, a.id, { idempotencyKey: newKey(), seq: i + 1, typed: text, ms: 1500, clientTime: at(i) });
			// Without the kept readings this is 1 + 2 + … + (i + 1).
			expect(calls).toHaveBeenCalledTimes(i + 1);
		}
		expect(last!.attempt.state).toBe('finished');

		// The same as reading every turn afresh (resolveAttempt's own reader, routeTyped each time).
		calls.mockClear();
		const detail = (await t.store.getAttempt(A, a.id))!;
		const fresh = resolveAttempt(scenario, rules(), detail.turns);
		expect(calls).toHaveBeenCalledTimes(TURNS);
		if (!fresh.ok) throw new Error(JSON.stringify(fresh.error));
		expect(detail.events.map((e) => e.replyId)).toEqual(fresh.input.choices);
		expect(fresh.input.choices.every((c) => c !== null)).toBe(true);
		const report = scoreAttempt(scenario, { ...fresh.input, bestPossible: detail.score!.bestPossible });
		expect(JSON.parse(JSON.stringify(detail.score!.report))).toEqual(JSON.parse(JSON.stringify(report)));
	}, DB_TIMEOUT);

	it('keeps readings apart by words, decision, scenario version and rules, and forgets the least recently used', () => {
		const scenario = compileYaml(YAML);
		const repliesAt = (id: string) => {
			const n = scenario.nodes[id];
			if (n.type !== 'decision') throw new Error(`${id} is not a decision`);
			return n.replies;
		};
		const d1 = repliesAt('d1');
		const d2 = repliesAt('d2');
		const memo = createTypedReadings(3);
		const on = { rulesVersion: 'r1', rules: rules(), scenarioId: 'typed-six', scenarioVersion: 'v1' };
		const read = memo.reader(on);
		calls.mockClear();
		const first = read(typed[0], 'd1', d1);
		expect(read(typed[0], 'd1', d1)).toBe(first);
		expect(calls).toHaveBeenCalledTimes(1);
		expect(first).toEqual(routeTyped(typed[0], d1, rules()));
		calls.mockClear();
		read(typed[0], 'd2', d2); // another decision
		memo.reader({ ...on, scenarioVersion: 'v2' })(typed[0], 'd1', d1); // another version
		memo.reader({ ...on, rulesVersion: 'r2' })(typed[0], 'd1', d1); // other rules
		expect(calls).toHaveBeenCalledTimes(3);
		expect(memo.size).toBe(3);
		// Bounded: the oldest reading (d1 in v1 with r1) went when a fourth came.
		calls.mockClear();
		read(typed[0], 'd2', d2);
		expect(calls).toHaveBeenCalledTimes(0);
		read(typed[0], 'd1', d1);
		expect(calls).toHaveBeenCalledTimes(1);
		expect(memo.size).toBe(3);
	});
});
