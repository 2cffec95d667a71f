import { describe, expect, it } from 'vitest';
import { compileScenario } from '../scenario/compiler';
import { ChoiceError } from '../scenario/engine';
import type { CompiledScenario } from '../scenario/types';
import { bestScore } from './best';
import { PENALTY, scoreAttempt } from './score';

function scenario(nodes: string, extra = '', channel = 'chat'): CompiledScenario {
	const yaml = `format: 1
id: s
title: t
summary: s
class: 普通
channel: ${channel}
difficulty: easy
minutes: 5
persona: { name: 王先生, archetype: angry }
objectives: [o]
${extra}mood: { start: 50 }
nodes:
${nodes}`;
	const r = compileScenario('s.yaml', yaml);
	if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
	return r.scenario;
}

const ending = (id: string, outcome = 'resolved') => `  - { id: ${id}, type: ending, outcome: ${outcome}, title: 结束, debrief: 总结 }\n`;

// Two decisions: d1 offers listen/empathy or a premature remedy; d2 offers info or a flagged reply.
const two = scenario(
	`  - { id: open, type: line, text: 你们怎么回事, next: d1 }
  - id: d1
    type: decision
    replies:
      - { id: feel, text: 您别急我理解, moves: { empathy: 2, listen: 1 }, mood: -10, feedback: 好, next: d2 }
      - { id: fix, text: 给您换一台, moves: [propose], mood: 5, feedback: 太早, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: ask, text: 请问订单号, moves: [info], mood: -5, feedback: 好, next: end }
      - { id: rude, text: 你自己看说明书, flags: { lecture: 2, informal: 1 }, mood: 20, feedback: 差, next: end }
` + ending('end')
);

describe('scoreAttempt', () => {
	it('scores each dimension as earned over achievable at the decisions faced', () => {
		const r = scoreAttempt(two, { choices: ['feel', 'ask'] });
		expect(r.dimensions.listen).toEqual({ earned: 1, possible: 1, score: 100 });
		expect(r.dimensions.info).toEqual({ earned: 1, possible: 1, score: 100 });
		expect(r.dimensions.propose).toEqual({ earned: 0, possible: 1, score: 0 });
		// No reply on this path carries demand, promise or confirm: not assessed, never a fake 0.
		expect(r.dimensions.demand.score).toBeNull();
		expect(r.dimensions.confirm.score).toBeNull();
		expect(r.emotion).toEqual({ earned: 2, possible: 2, score: 100 });
		// mean of listen 100, info 100, propose 0, emotion 100 = 75; no penalties
		expect(r.overall).toBe(75);
		expect(r.finished).toBe(true);
		expect(r.outcome).toBe('resolved');
	});

	it('finds a remedy offered before any listening or empathy, with its turn', () => {
		const r = scoreAttempt(two, { choices: ['fix', 'ask'] });
		expect(r.processFindings).toEqual([{ turn: 1, decision: 'd1', reply: 'fix', text: '给您换一台' }]);
		expect(r.penalties.processOrder).toBe(PENALTY.processOrder);
		// Emotion counts only up to the first remedy (turn 1), where 2 was possible and 0 earned.
		expect(r.emotion).toEqual({ earned: 0, possible: 2, score: 0 });
	});

	it('counts and penalises every flag with its turn, reply and weight', () => {
		const r = scoreAttempt(two, { choices: ['feel', 'rude'] });
		expect(r.flags.map((f) => [f.code, f.weight, f.turn, f.reply])).toEqual([
			['lecture', 2, 2, 'rude'],
			['informal', 1, 2, 'rude']
		]);
		expect(r.flagCounts.lecture).toBe(1);
		expect(r.flagCounts.argue).toBe(0);
		expect(r.penalties.flags).toBe(PENALTY.flag * 3);
	});

	it('measures response time always, and scores it only where the scenario opts in', () => {
		const shown = scoreAttempt(two, { choices: ['feel', 'ask'], responseMs: [45_000, 2_000] });
		expect(shown.timing.slowTurns).toEqual([1]);
		expect(shown.penalties.timing).toBe(0);
		expect(shown.turns[0].slow).toBe(true);
		const optIn = scenario(
			`  - id: d1
    type: decision
    replies:
      - { id: a, text: 好的, moves: [listen], mood: 0, feedback: f, next: end }
      - { id: b, text: 不行, flags: [dismiss], mood: 0, feedback: f, next: end }
` + ending('end'),
			'responseTime: { targetSeconds: 10, scored: true }\n'
		);
		const r = scoreAttempt(optIn, { choices: ['a'], responseMs: [11_000] });
		expect(r.penalties.timing).toBe(PENALTY.slowReply);
		expect(r.overall).toBe(100 - PENALTY.slowReply);
	});

	it('on a phone call judges timed turns against the time the caller gave, scores them by default, and leaves untimed turns alone', () => {
		const phone = scenario(
			`  - { id: open, type: line, text: 喂, next: d1 }
  - id: d1
    type: decision
    responseTime: 10
    hold: { seconds: 20 }
    replies:
      - { id: a, text: 好的, moves: [listen], mood: 0, feedback: f, next: end }
      - { id: b, text: 不行, flags: [dismiss], mood: 0, feedback: f, next: end }
` + ending('end'),
			'',
			'phone'
		);
		expect(phone.responseTime.scored).toBe(true);
		const untimed = scoreAttempt(phone, { choices: ['a'], responseMs: [60_000] });
		expect(untimed.timing.slowTurns).toEqual([]);
		const timed = scoreAttempt(phone, { choices: ['a'], responseMs: [25_000], pressure: [{ timedMs: 25_000 }] });
		expect(timed.timing.slowTurns).toEqual([1]);
		expect(timed.penalties.timing).toBe(PENALTY.slowReply);
		expect(timed.turns[0]).toMatchObject({ slow: true, respondWithin: 10, waits: 2, hold: null });
		// The caller spoke up twice: the mood paid for the silence too.
		expect(timed.turns[0].moodBefore).toBeGreaterThan(untimed.turns[0].moodBefore);
		const held = scoreAttempt(phone, { choices: ['a'], responseMs: [3_000], pressure: [{ timedMs: 3_000, hold: { asked: true, ms: 15_000 } }] });
		expect(held.turns[0]).toMatchObject({ slow: false, waits: 0, hold: { asked: true, ms: 15_000, long: false } });
		expect(held.turns[0].hold!.moodChange).toBeLessThan(0);
	});

	it('handles a one-decision path and all flags at once', () => {
		const s = scenario(
			`  - id: d1
    type: decision
    replies:
      - { id: all, text: 你自己的问题不可能没办法保证都赔, flags: [argue, blame, lecture, dismiss, overpromise, informal], mood: 30, feedback: f, next: lost }
      - { id: ok, text: 您好, moves: [thanks], mood: -5, feedback: f, next: end }
` + ending('end') + ending('lost', 'lost')
		);
		const r = scoreAttempt(s, { choices: ['all'] });
		expect(r.flags).toHaveLength(6);
		expect(r.penalties).toEqual({ flags: 30, processOrder: 0, timing: 0, outcome: PENALTY.outcome.lost });
		// emotion 0 of 1 possible is the only assessed dimension: 0 − 45 clamps to 0
		expect(r.overall).toBe(0);
		expect(scoreAttempt(s, { choices: ['ok'] }).overall).toBe(100);
	});

	it('shows, per turn, what was heard, the reply and a better one', () => {
		const r = scoreAttempt(two, { choices: ['fix', 'rude'] });
		expect(r.turns[0].heard).toEqual([{ speaker: 'customer', text: '你们怎么回事' }]);
		expect(r.turns[0].better?.id).toBe('feel');
		expect(r.turns[1].better?.id).toBe('ask');
		expect(scoreAttempt(two, { choices: ['feel', 'ask'] }).turns.every((t) => t.better === null)).toBe(true);
	});

	it('refuses a choice that is not offered', () => {
		expect(() => scoreAttempt(two, { choices: ['feel', 'nope'] })).toThrow(ChoiceError);
	});

	it('matches the worked example of docs/scoring.md for trainee B', () => {
		const r = scoreAttempt(two, { choices: ['fix', 'rude'] });
		expect([r.dimensions.info.score, r.dimensions.listen.score, r.dimensions.propose.score, r.emotion.score]).toEqual([0, 0, 100, 0]);
		expect(r.penalties).toEqual({ flags: 15, processOrder: 5, timing: 0, outcome: 0 });
		expect(r.overall).toBe(5);
	});

	it('is a pure function of the choices: the same input gives the same report', () => {
		expect(scoreAttempt(two, { choices: ['fix', 'rude'] })).toEqual(scoreAttempt(two, { choices: ['fix', 'rude'] }));
	});
});

describe('bestScore', () => {
	it('finds the best overall over every choice sequence, and replaying it gives that score', () => {
		const b = bestScore(two);
		expect(b).toMatchObject({ overall: 75, choices: ['feel', 'ask'], exhaustive: true, sequences: 4 });
		expect(scoreAttempt(two, { choices: b.choices }).overall).toBe(b.overall);
	});

	it('returns the first of equal best paths, deterministically', () => {
		const s = scenario(
			`  - id: d1
    type: decision
    replies:
      - { id: a, text: 谢谢您, moves: [thanks], mood: 0, feedback: f, next: e1 }
      - { id: b, text: 感谢您, moves: [thanks], mood: 0, feedback: f, next: e2 }
` + ending('e1') + ending('e2')
		);
		expect(bestScore(s)).toMatchObject({ overall: 100, choices: ['a'], ending: 'e1', sequences: 2 });
	});

	it('says when it stopped at its limit', () => {
		expect(bestScore(two, 2)).toMatchObject({ exhaustive: false });
	});
});

describe('typed replies', () => {
	it('are scored on what the analyzer found, weighted as in the authored reply they routed to', () => {
		// Routed to "feel" (empathy 2, listen 1) but the words only showed empathy and an informal 你.
		const r = scoreAttempt(two, {
			choices: ['feel', 'ask'],
			typed: [{ text: '你别急,我懂', moves: ['empathy'], flags: ['informal'] }, null]
		});
		expect(r.emotion).toEqual({ earned: 2, possible: 2, score: 100 });
		expect(r.dimensions.listen).toEqual({ earned: 0, possible: 1, score: 0 });
		expect(r.flags).toEqual([{ code: 'informal', weight: 1, turn: 1, decision: 'd1', reply: 'feel', text: '你别急,我懂' }]);
		expect(r.turns[0].typed).toBe(true);
		expect(r.turns[0].reply.text).toBe('你别急,我懂');
		expect(r.turns[1].typed).toBe(false);
		// Mood and branching follow the authored reply.
		expect(r.moodTrail).toEqual(scoreAttempt(two, { choices: ['feel', 'ask'] }).moodTrail);
	});

	it('never earn more at a turn than the best authored reply there could', () => {
		const r = scoreAttempt(two, {
			choices: ['fix', 'ask'],
			typed: [{ text: '请问您希望怎么处理?给您换一台', moves: ['demand', 'propose', 'info'], flags: [] }, null]
		});
		// d1 offers no info and no demand: nothing to earn there; info is earned once, at d2.
		expect(r.dimensions.info).toEqual({ earned: 1, possible: 1, score: 100 });
		expect(r.dimensions.demand.score).toBeNull();
		expect(r.dimensions.propose).toEqual({ earned: 1, possible: 1, score: 100 });
	});

	it('offer the best authored reply as better, even when routed to it, if the words fell short', () => {
		const r = scoreAttempt(two, { choices: ['feel', 'ask'], typed: [{ text: '嗯', moves: [], flags: [] }, null] });
		expect(r.turns[0].better?.id).toBe('feel');
	});
});
