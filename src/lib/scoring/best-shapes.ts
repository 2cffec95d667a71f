// Generated scenario shapes that made exhaustive searches explode, for the best-score and path
// tests and scripts/bench-best.ts: n decisions whose replies all lead to the same next node (the
// issue 10 repro: 3^60 choice sequences, 1 path), diamonds in series (2^n paths), mood-route
// ladders, and long chains. Generated, so no huge fixture is kept. The shapes keep the search's
// cost as measured before the over-the-top rule (over-the-top.ts): it is off here.
import { compileScenario } from '../scenario/compiler';
import type { CompiledScenario } from '../scenario/types';

const HEAD = `format: 1
id: shape
title: 生成的情景
summary: 测试用
class: 普通
channel: phone
difficulty: easy
minutes: 5
persona: { name: 王, archetype: angry }
objectives: [测试]
overTheTop: false
mood: { start: 50 }
nodes:
`;

export interface ShapeReply {
	moves: string[];
	flags: string[];
	mood: number;
}

/** Three replies as an author writes them: feelings first, a flag, a plain fact. */
export const UNIFORM: ShapeReply[] = [
	{ moves: ['listen', 'empathy'], flags: [], mood: -3 },
	{ moves: [], flags: ['blame'], mood: 4 },
	{ moves: ['info'], flags: [], mood: 1 }
];

const CODES = ['info', 'demand', 'listen', 'propose', 'promise', 'confirm', 'empathy', 'apology', 'thanks'];
const FLAGS = ['argue', 'blame', 'dismiss', 'lecture', 'informal'];

/** Deterministic replies with two random codes each and sometimes a flag (a linear congruential generator). */
export function randomReplies(count: number, seed: number): ShapeReply[] {
	let x = seed;
	const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
	return Array.from({ length: count }, () => ({
		moves: [...new Set([CODES[Math.floor(next() * 9)], CODES[Math.floor(next() * 9)]])],
		flags: next() < 0.3 ? [FLAGS[Math.floor(next() * 5)]] : [],
		mood: Math.floor(next() * 21) - 10
	}));
}

const reply = (id: string, r: ShapeReply, next: string) =>
	`      - { id: ${id}, text: 回复 ${id}, moves: [${r.moves.join(', ')}], flags: [${r.flags.join(', ')}], mood: ${r.mood}, feedback: 说明, next: ${next} }`;
const decision = (id: string, replies: string[]) => [`  - id: ${id}`, '    type: decision', '    replies:', ...replies];
const line = (id: string, next: string) => [`  - { id: ${id}, type: line, text: 第 ${id} 句, next: ${next} }`];
const ENDINGS = [
	'  - id: check',
	'    type: route',
	'    routes:',
	'      - { when: { moodAtLeast: 85 }, next: lost }',
	'      - { when: { moodAtLeast: 60 }, next: escalated }',
	'    otherwise: resolved',
	'  - { id: resolved, type: ending, outcome: resolved, title: 好, debrief: 好 }',
	'  - { id: escalated, type: ending, outcome: escalated, title: 升级, debrief: 升级 }',
	'  - { id: lost, type: ending, outcome: lost, title: 流失, debrief: 流失 }'
];

function compile(lines: string[]): CompiledScenario {
	const r = compileScenario('shape.yaml', text(lines));
	if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
	return r.scenario;
}

const text = (lines: string[], id = 'shape') => HEAD.replace('id: shape', `id: ${id}`) + lines.join('\n') + '\n';

/** The YAML of sameNext, for tests that put it in a scenarios folder. */
export function sameNextText(n: number, replies: (i: number) => ShapeReply[] = () => UNIFORM, id = 'shape'): string {
	const out = line('open', 'd0');
	for (let i = 0; i < n; i++) out.push(...decision(`d${i}`, replies(i).map((r, j) => reply(`r${j}`, r, i + 1 < n ? `d${i + 1}` : 'check'))));
	return text([...out, ...ENDINGS], id);
}

/** n decisions, each reply leading to the next decision; `replies(i)` gives decision i's replies. */
export function sameNext(n: number, replies: (i: number) => ShapeReply[] = () => UNIFORM): CompiledScenario {
	const r = compileScenario('shape.yaml', sameNextText(n, replies));
	if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
	return r.scenario;
}

/** n diamonds in series: two replies through different lines, then the next decision (2^n paths). */
export function diamonds(n: number): CompiledScenario {
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const next = i + 1 < n ? `d${i + 1}` : 'check';
		out.push(...decision(`d${i}`, [reply('a', UNIFORM[0], `x${i}`), reply('b', UNIFORM[1], `y${i}`), reply('c', UNIFORM[2], `x${i}`)]), ...line(`x${i}`, next), ...line(`y${i}`, next));
	}
	return compile([...out, ...ENDINGS]);
}

/** n steps of a decision then a route on mood to one of two lines: the mood decides each rung. */
export function moodLadder(n: number): CompiledScenario {
	const out: string[] = [];
	const calm = { moves: ['listen', 'apology'], flags: [], mood: -9 };
	const push = { moves: ['propose'], flags: [], mood: 7 };
	const rude = { moves: ['info'], flags: ['lecture'], mood: 12 };
	for (let i = 0; i < n; i++) {
		const next = i + 1 < n ? `d${i + 1}` : 'check';
		out.push(...decision(`d${i}`, [reply('calm', calm, `r${i}`), reply('push', push, `r${i}`), reply('rude', rude, `r${i}`)]));
		out.push(`  - id: r${i}`, '    type: route', '    routes:', `      - { when: { moodAtLeast: ${40 + (i % 3) * 10} }, next: hot${i} }`, `    otherwise: cool${i}`);
		out.push(...line(`hot${i}`, next), ...line(`cool${i}`, next));
	}
	return compile([...out, ...ENDINGS]);
}

/** A chain of n decisions of two replies: long paths, one way through. */
export function longChain(n: number): CompiledScenario {
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const next = i + 1 < n ? `d${i + 1}` : 'check';
		out.push(...decision(`d${i}`, [reply('a', { moves: ['listen'], flags: [], mood: -1 }, next), reply('b', { moves: ['info'], flags: [], mood: 1 }, next)]));
	}
	return compile([...out, ...ENDINGS]);
}
