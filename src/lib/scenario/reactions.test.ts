import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../domain';
import { compileScenario } from './compiler';
import { replay, startActor, offScript1, choose1 } from './engine';
import { hashText, LEGACY_REACTIONS, mergeReactions, offScriptEffect, pickLine, RANGE_SLACK, REACTION_KEYS, type CompiledReactions } from './reactions';
import { compileReactionDefaults, REACTIONS_PATH } from './reactions-file';

const shipped = compileReactionDefaults(REACTIONS_PATH, readFileSync(REACTIONS_PATH, 'utf8'));
const defaults = shipped.defaults!;
const table: CompiledReactions = mergeReactions(defaults, 'analytical', undefined);

describe('the shared reaction table', () => {
	it('compiles and gives every code and unclear a mood change and lines', () => {
		expect(shipped.diagnostics).toEqual([]);
		for (const c of ALL_CODES) expect(typeof defaults.mood[c], c).toBe('number');
		for (const k of REACTION_KEYS) expect(defaults.lines[k]?.length, k).toBeGreaterThan(0);
	});

	it('reports a missing code and a bad value with its line', () => {
		const text = readFileSync(REACTIONS_PATH, 'utf8').replace(/\n  thanks: -2\n/, '\n').replace('  unclear: 2 ', '  unclear: 0 ');
		const r = compileReactionDefaults('d.yaml', text);
		expect(r.defaults).toBeNull();
		expect(r.diagnostics.length).toBeGreaterThan(0);
		const line = text.split('\n').findIndex((l) => l.startsWith('  unclear: 0')) + 1;
		expect(r.diagnostics.some((d) => d.line === line && d.file === 'd.yaml')).toBe(true);
	});
});


describe('offScriptEffect: what the words do, within the decision', () => {
	const angry = mergeReactions(defaults, 'angry', undefined);
	const silent = mergeReactions(defaults, 'silent', undefined);
	const at = (t: CompiledReactions, moves: string[], flags: string[], opts: Partial<Parameters<typeof offScriptEffect>[2]> = {}) =>
		offScriptEffect(t, { moves: moves as never, flags: flags as never }, { calmAllowed: true, ...opts });

	it('stacked flags cost no more than the worst authored reply of the decision (a little beyond), and never nothing', () => {
		const range = [-6, 13, 23];
		const stacked = at(angry, [], ['argue', 'blame', 'lecture'], { range });
		expect(stacked.moodDelta).toBeLessThanOrEqual(23 + RANGE_SLACK);
		expect(stacked.moodDelta).toBeGreaterThanOrEqual(angry.costs.flagFloor);
		// Even where every authored reply calms, a flag costs.
		expect(at(angry, ['empathy', 'apology'], ['informal'], { range: [-8, -5] }).moodDelta).toBeGreaterThan(0);
	});

	it('good words calm in proportion to what they do, never more than the best authored reply', () => {
		const one = at(table, ['listen'], [], { range: [-6, 10] }).moodDelta;
		const three = at(table, ['listen', 'empathy', 'apology'], [], { range: [-6, 10] }).moodDelta;
		expect(three).toBeLessThan(one);
		expect(three).toBeGreaterThanOrEqual(-6);
		expect(at(table, ['listen', 'empathy', 'apology', 'propose'], [], { range: [-3, 10] }).moodDelta).toBeGreaterThanOrEqual(-3);
	});

	it('words about the case with no code: the customer presses, at a small cost; nothing heard: 没听明白', () => {
		const pressed = at(angry, [], [], { heard: true, text: '这事我去问问' });
		expect(pressed.dominant).toBe('press');
		expect(angry.lines.press).toContain(pressed.line);
		expect(pressed.moodDelta).toBeGreaterThan(0);
		expect(at(angry, [], [], { text: '嗯' }).dominant).toBe('unclear');
	});

	it('blame on the system or the maker gets its own lines; blame on the customer keeps “怪我”', () => {
		const others = at(table, [], ['blame'], { text: '主要是厂家那边缺货，也不全是我们的问题' });
		expect(others.dominant).toBe('blameOthers');
		expect(table.lines.blameOthers).toContain(others.line);
		expect(at(table, [], ['blame'], { text: '这是您自己没看清说明书造成的' }).dominant).toBe('blame');
		// Equal hurt (the angry persona weighs arguing and blame alike): blame on the customer is what they hear.
		expect(angry.mood.argue).toBe(angry.mood.blame);
		expect(at(angry, [], ['argue', 'blame'], { text: '系统不会错的，是您自己没看短信' }).dominant).toBe('blame');
	});

	it('a new question is not answered as a repeated one', () => {
		expect(at(table, ['info'], [], { text: '断的时候屏幕上显示几格信号？' }).dominant).toBe('info');
		expect(at(table, ['info'], [], { text: '麻烦您把地址再说一遍' }).dominant).toBe('repeat');
		expect(at(table, [], [], { heard: true, text: '刚才没听清，您能再说一遍吗' }).dominant).toBe('repeat');
		expect(table.lines.info.some((l) => l.includes('已经提供过'))).toBe(false);
	});

	it('a quiet customer does not shout', () => {
		for (const key of ['unclear', 'press', 'demand', 'argue', 'dismiss', 'lecture'] as const)
			for (const line of silent.lines[key]) expect(line, key).not.toMatch(/！/);
	});

	it('lines vary with the words, deterministically, and never repeat the one just said', () => {
		const texts = ['您先别急', '我去查一下', '这个问题我来处理', '让我想想办法', '我马上跟进', '您稍等我问问'];
		const lines = new Set(texts.map((text) => at(table, [], [], { heard: true, text }).line));
		expect(lines.size).toBeGreaterThan(1);
		for (const text of texts) expect(at(table, [], [], { heard: true, text }).line).toBe(at(table, [], [], { heard: true, text }).line);
		const first = at(table, [], [], { heard: true, text: texts[0] }).line;
		expect(at(table, [], [], { heard: true, text: texts[0], avoid: first }).line).not.toBe(first);
		expect(pickLine(['只有一句'], { text: 'x', avoid: '只有一句' })).toBe('只有一句');
		expect(hashText('您好')).toBe(hashText('您好'));
	});
});

describe('mergeReactions', () => {
	it('applies defaults, then the persona archetype, then the scenario: lines replace per key', () => {
		const angry = mergeReactions(defaults, 'angry', { mood: { blame: 20 }, lines: { thanks: ['少来。'] }, costs: { unclear: 4 } });
		expect(angry.mood.blame).toBe(20); // scenario over persona (15) over default (12)
		expect(angry.mood.argue).toBe(defaults.personas.angry!.mood!.argue);
		expect(angry.mood.info).toBe(defaults.mood.info);
		expect(angry.lines.thanks).toEqual(['少来。']);
		expect(angry.lines.blame).toEqual(defaults.personas.angry!.lines!.blame);
		expect(angry.costs).toEqual({ ...defaults.costs, ...defaults.personas.angry?.costs, unclear: 4 });
	});
});

describe('offScriptEffect', () => {
	const effect = (moves: string[], flags: string[], calmAllowed = true, nth = 0) =>
		offScriptEffect(table, { moves: moves as never, flags: flags as never }, { calmAllowed, nth });

	it('costs a little patience when nothing was recognised', () => {
		expect(effect([], [])).toMatchObject({ dominant: 'unclear', moodDelta: table.costs.unclear });
		expect(table.lines.unclear).toContain(effect([], []).line);
	});

	it('never lets a flag go free, and answers the flag that hurts most', () => {
		const e = effect(['empathy', 'apology', 'listen', 'thanks'], ['informal']);
		expect(e.moodDelta).toBeGreaterThanOrEqual(table.costs.flagFloor);
		expect(e.dominant).toBe('informal');
		const worst = effect([], ['informal', 'blame']);
		expect(worst.dominant).toBe(table.mood.blame >= table.mood.informal ? 'blame' : 'informal');
		expect(worst.moodDelta).toBe(table.costs.base + table.mood.informal + table.mood.blame);
	});

	it('calms at most calmLimit, and only the first time at a decision', () => {
		const e = effect(['empathy', 'apology', 'listen', 'thanks', 'demand', 'propose'], []);
		expect(e.moodDelta).toBe(-table.costs.calmLimit);
		expect(effect(['empathy', 'apology'], [], false).moodDelta).toBe(table.costs.base);
	});

	it('answers the most soothing move when there is no flag, and picks lines by nth', () => {
		const e = effect(['info', 'empathy'], []);
		expect(e.dominant).toBe(table.mood.empathy <= table.mood.info ? 'empathy' : 'info');
		const lines = table.lines[e.dominant];
		expect(effect(['info', 'empathy'], [], true, 1).line).toBe(lines[1 % lines.length]);
	});
});

const scenarioText = (offScript = '') => `format: 1
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
reactions:
  lines: { argue: ['你还跟我犟？'] }
nodes:
  - { id: open, type: line, text: 快递又丢了, next: d1 }
  - id: d1
    type: decision${offScript}
    replies:
      - { id: sorry, text: 非常抱歉, moves: [apology], mood: -10, feedback: 好, next: end }
      - { id: argue, text: 不可能, flags: [argue], mood: 20, feedback: 差, next: manager }
  - { id: manager, type: line, speaker: manager, text: 我是主管，我来处理。, next: end }
  - { id: end, type: ending, outcome: resolved, title: 结束, debrief: 总结 }
`;

describe('off-script turns in the engine', () => {
	const s = compileScenario('s.yaml', scenarioText(), defaults).scenario!;
	const words = { text: '您说的不对', moves: [], flags: ['argue' as const] };

	it('the customer reacts with the scenario’s line, the mood moves, and the decision is offered again', () => {
		const snap = replay(s, [null], [words]);
		expect(String(snap.value)).toBe('d1');
		const ctx = snap.context;
		expect(ctx.steps).toEqual([expect.objectContaining({ decision: 'd1', reply: null, typed: '您说的不对', flags: { argue: 1 }, moves: {} })]);
		expect(ctx.play.mood).toBe(50 + offScriptEffect(s.reactions!, words, { calmAllowed: true, nth: 0 }).moodDelta);
		expect(ctx.play.flagged).toEqual(['argue']);
		expect(ctx.transcript.slice(-2)).toEqual([
			expect.objectContaining({ kind: 'reply', reply: null, text: '您说的不对', typed: true, feedback: '' }),
			expect.objectContaining({ kind: 'response', text: '你还跟我犟？', reaction: 'argue' })
		]);
		expect(ctx.moodTrail).toHaveLength(2);
		// Then an authored reply goes on as usual.
		expect(replay(s, [null, 'sorry'], [words, null]).status).toBe('done');
	});

	it('follows the decision’s offScript node when it has one', () => {
		const routed = compileScenario('s.yaml', scenarioText('\n    offScript: manager'), defaults).scenario!;
		const snap = replay(routed, [null], [words]);
		expect(snap.status).toBe('done');
		expect(snap.context.transcript.map((e) => e.text)).toContain('我是主管，我来处理。');
	});

	it('an unknown offScript node is an error at its line, with a suggestion', () => {
		const text = scenarioText('\n    offScript: manger');
		const r = compileScenario('s.yaml', text, defaults);
		expect(r.scenario).toBeNull();
		const line = text.split('\n').findIndex((l) => l.includes('offScript: manger')) + 1;
		expect(r.diagnostics).toContainEqual(expect.objectContaining({ line, message: expect.stringContaining('did you mean "manager"') }));
	});

	it('soothing words calm only once at a decision; repeating them costs the base', () => {
		const kind = { text: '我理解您的心情', moves: ['empathy' as const], flags: [] };
		const snap = replay(s, [null, null], [kind, kind]);
		const [first, second] = snap.context.steps;
		expect(first.moodAfter - first.moodBefore).toBeLessThan(0);
		expect(second.moodAfter - second.moodBefore).toBe(s.reactions!.costs.base);
	});

	it('refuses an off-script turn where no decision stands, and uses a fallback table for old versions', () => {
		const actor = startActor(s);
		choose1(s, actor, 'sorry');
		expect(() => offScript1(s, actor, words)).toThrow(/already ended/);
		const old = { ...s, reactions: undefined };
		expect(replay(old, [null], [words]).context.transcript.at(-1)?.text).toBe(LEGACY_REACTIONS.lines.argue[0]);
	});
});

describe('the shipped scenarios', () => {
	const load = (id: string) => compileScenario(`${id}.yaml`, readFileSync(`scenarios/${id}.yaml`, 'utf8'), defaults).scenario!;

	it('dropped-calls answers blame with its own lines on top of the analytical persona', () => {
		const s = load('dropped-calls');
		expect(s.reactions!.lines.blame[0]).toContain('依据');
		expect(s.reactions!.mood.blame).toBe(16);
		expect(s.reactions!.lines.overpromise).toEqual(defaults.personas.analytical!.lines!.overpromise);
	});

	it('angry-caller: off-script words when he demands the manager go to the manager check, not back to the same question', () => {
		const s = load('angry-caller');
		const d = s.nodes['fire-me'];
		expect(d.type === 'decision' && d.offScript).toBe('check-manager');
	});
});
