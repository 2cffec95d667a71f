// Past the top of the scale, mistakes still cost: the customer leaves (or asks for a manager).
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { offScript1, replay, startActor } from './engine';
import { OVER_THE_TOP_ENDING, OVER_THE_TOP_LINE } from './over-the-top';
import { enumeratePaths } from './paths';
import type { CompiledScenario } from './types';

function at(moodStart: number, extra = ''): CompiledScenario {
	const r = compileScenario(
		'top.yaml',
		`format: 1
id: top
title: 到顶
summary: 测试
class: 普通
channel: counter
difficulty: easy
minutes: 1
persona: { name: 顾客, archetype: angry }
objectives: [测试]
${extra}mood: { start: ${moodStart} }
nodes:
  - { id: open, type: line, text: 怎么回事, next: d1 }
  - id: d1
    type: decision
    replies:
      - { id: argue, text: 这不是我们的问题, flags: [argue], mood: 15, feedback: 差, next: d2 }
      - { id: calm, text: 非常抱歉让您着急了, moves: [apology], mood: -10, feedback: 好, next: d2 }
      - { id: flat, text: 嗯, mood: 0, feedback: 一般, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: ok, text: 我马上处理, moves: [propose], mood: -5, feedback: 好, next: end }
      - { id: no, text: 没办法, flags: [dismiss], mood: 10, feedback: 差, next: end }
  - { id: end, type: ending, outcome: resolved, title: 完, debrief: 完 }
`
	);
	if (!r.scenario) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
	return r.scenario;
}

describe('over the top', () => {
	it('ends the conversation when a reply leaves the customer at the top of the scale', () => {
		const snap = replay(at(90), ['argue']);
		expect(snap.status).toBe('done');
		expect(snap.context.ending).toBe(OVER_THE_TOP_ENDING);
		expect(snap.context.outcome).toBe('lost');
		expect(snap.context.transcript.at(-1)).toMatchObject({ kind: 'line', node: OVER_THE_TOP_LINE, speaker: 'customer' });
	});

	it('keeps the customer when the reply calms them, even from the top', () => {
		expect(replay(at(100), ['calm']).value).toBe('d2');
		// A reply that leaves them at the top without calming is a mistake too.
		expect(replay(at(100), ['flat']).context.ending).toBe(OVER_THE_TOP_ENDING);
		// Below the top, a mistake costs mood but the talk goes on.
		expect(replay(at(60), ['argue']).value).toBe('d2');
	});

	it('lets an ending reached straight from a reply stand', () => {
		expect(replay(at(95), ['calm', 'no']).context.ending).toBe('end');
	});

	it('sends off-script words that push the customer to the top the same way', () => {
		const s = at(97);
		const actor = startActor(s);
		offScript1(s, actor, { text: '你自己没看清楚', moves: [], flags: ['blame'] });
		expect(actor.getSnapshot().context.ending).toBe(OVER_THE_TOP_ENDING);
	});

	it('has the customer ask for a manager where the scenario has one, and can be turned off', () => {
		expect(replay(at(90, 'manager: { name: 刘主管 }\n'), ['argue']).context.outcome).toBe('escalated');
		const off = at(90, 'overTheTop: false\n');
		expect(off.nodes[OVER_THE_TOP_LINE]).toBeUndefined();
		expect(replay(off, ['argue']).value).toBe('d2');
	});

	it('is a path the analysis finds, adding one way through, not one per reply', () => {
		const on = enumeratePaths(at(90));
		const off = enumeratePaths(at(90, 'overTheTop: false\n'));
		expect(on.endings).toContain(OVER_THE_TOP_ENDING);
		expect(on.paths.some((p) => p.nodes.at(-1) === OVER_THE_TOP_ENDING)).toBe(true);
		expect(Number(on.count)).toBeLessThanOrEqual(Number(off.count) + 2);
	});
});
