import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { compileScenario } from '../scenario/compiler';
import { resolveAttempt } from './attempt';
import { scoreAttempt } from './score';

const rules = shippedRules();
const scenario = compileScenario(
	's.yaml',
	`format: 1
id: s
title: t
summary: s
class: 普通
channel: phone
difficulty: easy
minutes: 5
persona: { name: 王先生, archetype: angry }
objectives: [o]
mood: { start: 50 }
nodes:
  - { id: open, type: line, text: 你们的快递又丢了, next: d1 }
  - id: d1
    type: decision
    replies:
      - { id: sorry, text: '非常抱歉给您添麻烦了,我理解您的心情', moves: { apology: 2, empathy: 1 }, mood: -10, feedback: 好, next: d2 }
      - { id: argue, text: '不可能,我们从来没丢过件', flags: [argue], mood: 20, feedback: 差, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: ask, text: 请问您的运单号是多少?, moves: [info], mood: -5, feedback: 好, next: end }
      - { id: away, text: '这个我管不了,你去找快递员吧', flags: [dismiss, informal], mood: 20, feedback: 差, next: end }
  - { id: end, type: ending, outcome: resolved, title: 结束, debrief: 总结 }
`
).scenario!;

describe('resolveAttempt', () => {
	it('routes typed words on the server and scores them like the player did', () => {
		const r = resolveAttempt(scenario, rules, [{ typed: '真的很抱歉,给您添麻烦了', ms: 3000 }, { reply: 'ask', ms: null }]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.input.choices).toEqual(['sorry', 'ask']);
		expect(r.input.typed?.[0]?.moves).toContain('apology');
		expect(r.input.typed?.[1]).toBeNull();
		expect(r.input.responseMs).toEqual([3000, null]);
		const report = scoreAttempt(scenario, r.input);
		expect(report.turns[0].reply.text).toBe('真的很抱歉,给您添麻烦了');
		expect(report.finished).toBe(true);
	});

	it('plays typed words that match no reply as an off-script turn: the customer reacts and the decision stays open', () => {
		const r = resolveAttempt(scenario, rules, [{ typed: '嗯' }, { typed: '这个我管不了,你自己去找快递员' }, { reply: 'sorry' }]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.input.choices).toEqual([null, null, 'sorry']);
		expect(r.input.typed?.[0]?.reading).toBe('unclear');
		expect(r.input.typed?.[1]).toMatchObject({ reading: 'off-script' });
		expect(r.input.typed?.[1]?.flags).toContain('dismiss');
	});

	it('refuses typed words claimed to be another reply, a reply not offered, and turns after the end', () => {
		expect(resolveAttempt(scenario, rules, [{ typed: '嗯', reply: 'sorry' }])).toEqual({
			ok: false,
			error: { kind: 'mismatch', turn: 1, claimed: 'sorry', routed: null }
		});
		expect(resolveAttempt(scenario, rules, [{ typed: '真的很抱歉,给您添麻烦了', reply: 'argue' }])).toEqual({
			ok: false,
			error: { kind: 'mismatch', turn: 1, claimed: 'argue', routed: 'sorry' }
		});
		expect(resolveAttempt(scenario, rules, [{ reply: 'ask' }])).toEqual({ ok: false, error: { kind: 'not-offered', turn: 1, reply: 'ask' } });
		expect(resolveAttempt(scenario, rules, [{ reply: 'sorry' }, { reply: 'ask' }, { reply: 'ask' }])).toEqual({ ok: false, error: { kind: 'ended', turn: 3 } });
	});

	it('replays a call: timed silence makes the caller speak up, a hold only where the decision allows it', () => {
		const r = resolveAttempt(scenario, rules, [{ reply: 'sorry', ms: 40_000, timed: true }, { reply: 'ask', ms: 40_000 }]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.input.pressure).toEqual([{ timedMs: 40_000, hold: null }, null]);
		const report = scoreAttempt(scenario, r.input);
		expect(report.turns.map((t) => t.waits)).toEqual([3, 0]);
		expect(resolveAttempt(scenario, rules, [{ reply: 'sorry', hold: { asked: true, ms: 5_000 } }])).toEqual({ ok: false, error: { kind: 'no-hold', turn: 1 } });
	});

	it('hands scoring the replayed snapshot, which scores exactly as a fresh replay', () => {
		const turns = [{ typed: '真的很抱歉,给您添麻烦了', ms: 3000 }, { reply: 'ask', ms: 40_000, timed: true as const }];
		const r = resolveAttempt(scenario, rules, turns);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.input.replayed?.status).toBe('done');
		const { replayed, ...rest } = r.input;
		expect(scoreAttempt(scenario, r.input)).toEqual(scoreAttempt(scenario, rest));
		expect(replayed!.context.steps.map((s) => s.reply)).toEqual(['sorry', 'ask']);
	});
});
