// 不要让我等 and 迂回暂缓: the rules, and the engine playing them live and in replay alike.
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { ChoiceError, play1, replay, startActor } from './engine';
import { header } from './path-fixtures';
import { DEFAULT_HOLD_SECONDS, holdEffect, MAX_WAITS, RESPONSE_SECONDS, responseSeconds, waitEffect, waitsFor } from './pressure';
import { LEGACY_REACTIONS } from './reactions';
import type { CompiledNode, CompiledScenario } from './types';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

function call(moodStart: number, decisionExtra = ''): CompiledScenario {
	const yaml = `${header('call', moodStart)}  - { id: open, type: line, text: 喂？, next: d1 }
  - id: d1
    type: decision
${decisionExtra}    replies:
      - { id: a, text: 您好请讲, moves: [listen], mood: -5, feedback: 好, next: d2 }
      - { id: b, text: 等一下, flags: [dismiss], mood: 10, feedback: 差, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: c, text: 好的, moves: [confirm], mood: 0, feedback: 好, next: end }
      - { id: d, text: 再见, flags: [dismiss], mood: 5, feedback: 差, next: end }
  - { id: end, type: ending, outcome: resolved, title: 完, debrief: 完 }
`;
	const r = compileScenario('call.yaml', yaml);
	if (!r.scenario || r.diagnostics.length) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
	return r.scenario;
}
const costs = LEGACY_REACTIONS.costs;

describe('the rules', () => {
	it('gives a calmer caller more time, unless the author set it', () => {
		const d = call(0).nodes.d1 as Decision;
		expect(responseSeconds(d, 0)).toBe(RESPONSE_SECONDS.latent);
		expect(responseSeconds(d, 90)).toBe(RESPONSE_SECONDS.escalated);
		expect(RESPONSE_SECONDS.latent).toBeGreaterThan(RESPONSE_SECONDS.escalated);
		const authored = call(0, '    responseTime: 7\n').nodes.d1 as Decision;
		expect(responseSeconds(authored, 0)).toBe(7);
	});

	it('counts one prompt per response time of silence, up to MAX_WAITS', () => {
		expect(waitsFor(9_999, 10)).toBe(0);
		expect(waitsFor(10_000, 10)).toBe(1);
		expect(waitsFor(25_000, 10)).toBe(2);
		expect(waitsFor(10 * 60_000, 10)).toBe(MAX_WAITS);
	});

	it('calms after a hold asked for and ended in time, angers after an unannounced or long one', () => {
		expect(holdEffect(undefined, { asked: true, ms: 20_000 }, 30, 0)).toMatchObject({ key: 'holdThanks', moodDelta: -costs.holdCalm });
		expect(holdEffect(undefined, { asked: false, ms: 20_000 }, 30, 0)).toMatchObject({ key: 'holdUnannounced', moodDelta: costs.holdUnannounced });
		expect(holdEffect(undefined, { asked: true, ms: 31_000 }, 30, 0)).toMatchObject({ key: 'holdLong', moodDelta: costs.holdLong });
		expect(holdEffect(undefined, { asked: false, ms: 31_000 }, 30, 0).moodDelta).toBe(costs.holdUnannounced + costs.holdLong);
		expect(waitEffect(undefined, 0)).toMatchObject({ key: 'waiting', moodDelta: costs.waiting });
	});

	it('compiles hold and response time on a decision', () => {
		const d = call(0, '    hold: {}\n    responseTime: 12\n').nodes.d1 as Decision;
		expect(d.hold).toEqual({ seconds: DEFAULT_HOLD_SECONDS });
		expect(d.responseSeconds).toBe(12);
		const bad = compileScenario('x.yaml', header('x', 0) + `  - id: d1\n    type: decision\n    responseTime: 1\n    hold: { seconds: 2 }\n    replies:\n      - { id: a, text: 好, mood: 0, feedback: f, next: e }\n      - { id: b, text: 坏, mood: 0, feedback: f, next: e }\n  - { id: e, type: ending, outcome: resolved, title: 完, debrief: 完 }\n`);
		expect(bad.diagnostics.map((x) => x.message)).toEqual(
			expect.arrayContaining([expect.stringContaining('at least 3 seconds'), expect.stringContaining('at least 5 seconds')])
		);
	});
});

describe('the engine on a call', () => {
	it('lets the caller speak up into silence: the mood rises, a line is said, the decision stays', () => {
		const s = call(20);
		const actor = startActor(s);
		actor.send({ type: 'WAIT' });
		const ctx = actor.getSnapshot().context;
		expect(actor.getSnapshot().value).toBe('d1');
		expect(ctx.play.mood).toBe(20 + costs.waiting);
		expect(ctx.transcript.at(-1)).toMatchObject({ kind: 'response', reaction: 'waiting', mood: 20 + costs.waiting });
		expect(ctx.pressure).toEqual([{ kind: 'wait', turn: 0, decision: 'd1', moodBefore: 20, mood: 20 + costs.waiting }]);
	});

	it('stops prompting after MAX_WAITS at one decision, and starts again at the next', () => {
		const s = call(0);
		const actor = startActor(s);
		for (let i = 0; i < MAX_WAITS + 2; i++) actor.send({ type: 'WAIT' });
		expect(actor.getSnapshot().context.pressure).toHaveLength(MAX_WAITS);
		play1(s, actor, 'a', null, 0);
		actor.send({ type: 'WAIT' });
		expect(actor.getSnapshot().context.pressure.at(-1)).toMatchObject({ turn: 1, decision: 'd2' });
	});

	it('puts the caller on hold only where the author allows it, once per turn', () => {
		const plain = startActor(call(40));
		plain.send({ type: 'HOLD', asked: true, ms: 5_000 });
		expect(plain.getSnapshot().context.pressure).toEqual([]);
		expect(() => play1(call(40), startActor(call(40)), 'a', null, 0, { hold: { asked: true, ms: 5_000 } })).toThrow(ChoiceError);

		const s = call(40, '    hold: { seconds: 20 }\n');
		const actor = startActor(s);
		actor.send({ type: 'HOLD', asked: true, ms: 10_000 });
		actor.send({ type: 'HOLD', asked: false, ms: 10_000 });
		const ctx = actor.getSnapshot().context;
		expect(ctx.play.mood).toBe(40 - costs.holdCalm);
		expect(ctx.pressure).toHaveLength(1);
		expect(ctx.pressure[0].hold).toEqual({ asked: true, ms: 10_000, long: false });
		expect(ctx.transcript.at(-1)).toMatchObject({ kind: 'response', reaction: 'holdThanks' });
	});

	it('replays a turn from its silence and hold to the same context as the live call', () => {
		const s = call(20, '    hold: { seconds: 20 }\n');
		const within = RESPONSE_SECONDS.brewing * 1000;
		// Live: the timer fired twice, the trainee held (unannounced) and answered after 2.5 response times.
		const live = startActor(s);
		live.send({ type: 'WAIT' });
		live.send({ type: 'HOLD', asked: false, ms: 25_000 });
		live.send({ type: 'WAIT' });
		play1(s, live, 'a', null, 0, { timedMs: within * 2.5, hold: { asked: false, ms: 25_000 } });
		play1(s, live, 'c', null, 1, { timedMs: 1_000 });
		// Replay, as the server does: nothing but the recorded turns.
		const again = replay(s, ['a', 'c'], [], [{ timedMs: within * 2.5, hold: { asked: false, ms: 25_000 } }, { timedMs: 1_000 }]);
		const mine = live.getSnapshot().context;
		expect(again.context.play.mood).toBe(mine.play.mood);
		expect(again.context.steps).toEqual(mine.steps);
		expect(again.context.pressure.map((p) => p.kind).sort()).toEqual(mine.pressure.map((p) => p.kind).sort());
		expect(mine.play.mood).toBe(20 + 2 * costs.waiting + costs.holdUnannounced + costs.holdLong - 5);
		// Untimed turns (voice off) bring no prompts however long they took.
		expect(replay(s, ['a'], [], [{ timedMs: null }]).context.pressure).toEqual([]);
	});
});
