// Builders for the path tests (paths.test.ts, path-count.test.ts): scenarios written inline, a
// random graph generator, a loop graph that multiplies keys, and paths by brute force.
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { compileScenario } from './compiler';
import { MAX_VISITS } from './path-count';
import { applyReply, initialState, routeTarget, type PlayState } from './semantics';
import type { CompiledScenario } from './types';

export const header = (id: string, moodStart: number) => `format: 1
id: ${id}
title: 路径
summary: 测试用
class: 普通
channel: chat
difficulty: easy
minutes: 1
persona: { name: 顾客, archetype: angry }
objectives: [测试]
overTheTop: false
mood: { start: ${moodStart} }
nodes:
`;
export function scenario(nodes: string, moodStart = 50): CompiledScenario {
	const r = compileScenario('inline.yaml', header('inline', moodStart) + nodes);
	if (!r.scenario || r.diagnostics.length) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
	return r.scenario;
}
export const ending = (id: string) => `  - id: ${id}
    type: ending
    outcome: resolved
    title: ${id}
    debrief: ${id}
`;
export const reply = (id: string, next: string, mood = 0) => `      - id: ${id}
        text: 回复 ${id}
        mood: ${mood}
        feedback: 说明
        next: ${next}
`;
export const decision = (id: string, ...replies: string[]) => `  - id: ${id}
    type: decision
    replies:
${replies.join('')}`;
export const line = (id: string, next: string) => `  - id: ${id}
    type: line
    text: 第 ${id} 句
    next: ${next}
`;
export const route = (id: string, routes: [string, string][], otherwise: string) => `  - id: ${id}
    type: route
    routes:
${routes.map(([when, next]) => `      - when: ${when}\n        next: ${next}\n`).join('')}    otherwise: ${otherwise}
`;


/** Runs fn, failing instead of hanging when it does not return within ms (a vm timeout can stop a sync loop). */
export function finishing<T>(fn: () => T, ms = 20_000): T {
	try {
		return runInNewContext('run()', { run: fn }, { timeout: ms }) as T;
	} catch (e) {
		if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Error(`did not finish within ${ms} ms`);
		throw e;
	}
}

/**
 * Six decisions that send each other round (four replies each), and a way out through a route
 * whose condition never holds: every way through dies on the visit limit, none is a path. Before
 * the work limit, five decisions took 40 s here, and each one more multiplies that.
 */
export const treadmill = (n = 6) => {
	let nodes = '';
	for (let i = 0; i < n; i++) {
		const targets = [1, 2, 3, 4].map((k) => `c${(i + k) % n}`);
		if (i === 0) targets[3] = 'gate';
		nodes += decision(`c${i}`, ...targets.map((t, k) => reply(`r${k}`, t)));
	}
	return header('treadmill', 50) + nodes + route('gate', [['{ moodAtLeast: 100 }', 'end']], 'c1') + ending('end');
};

// A spine d0 → d1 → … keeps every node reachable; other edges go forward (lines, routes) or
// anywhere (decisions), so every loop contains a decision.
export interface Spec {
	kinds: ('decision' | 'line' | 'route')[];
	endings: number;
	moodStart: number;
	edges: number[][]; // per node: extra successor picks
	moods: number[][];
	flags: boolean[][];
	conds: number[][];
	back: boolean;
}
export const specArb = (back: boolean) =>
	fc
		.record({
			kinds: fc.array(fc.constantFrom('decision', 'decision', 'line', 'route') as fc.Arbitrary<'decision' | 'line' | 'route'>, { minLength: 1, maxLength: 6 }),
			endings: fc.integer({ min: 1, max: 3 }),
			moodStart: fc.integer({ min: 0, max: 100 }),
			edges: fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
			moods: fc.array(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
			flags: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
			conds: fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 })
		})
		.map((r): Spec => ({ ...r, back }));

export function build(spec: Spec): string {
	const n = spec.kinds.length;
	const ends = Array.from({ length: spec.endings }, (_, k) => `e${k}`);
	const id = (i: number) => `n${i}`;
	const next = (i: number) => (i + 1 < n ? id(i + 1) : ends[0]);
	const decisions = spec.kinds.map((k, i) => (k === 'decision' ? i : -1)).filter((i) => i >= 0);
	const forward = (i: number, pick: number) => {
		const options = [...Array.from({ length: n - i - 1 }, (_, k) => id(i + 1 + k)), ...ends];
		return options[pick % options.length];
	};
	const anywhere = (pick: number) => {
		const options = [...Array.from({ length: n }, (_, k) => id(k)), ...ends];
		return options[pick % options.length];
	};
	const condition = (pick: number, i: number) => {
		const c = pick % 6;
		if (c === 0) return `{ moodAtLeast: ${(pick * 7) % 101} }`;
		if (c === 1) return `{ moodBelow: ${(pick * 13) % 101} }`;
		if (c === 2) return '{ flagged: blame }';
		if (c === 3) return '{ moved: listen }';
		const d = decisions[pick % Math.max(1, decisions.length)];
		if (d === undefined) return '{ moodAtLeast: potential }';
		return `{ ${c === 4 ? 'chose' : 'notChose'}: ${id(d)}.r${pick % 2} }`;
	};
	let out = '';
	spec.kinds.forEach((kind, i) => {
		const [p1, p2, p3] = spec.edges[i];
		if (kind === 'line') out += line(id(i), next(i)).replace('    next:', `    variants:\n      - when: ${condition(spec.conds[i][0], i)}\n        text: 变体\n    next:`);
		else if (kind === 'route')
			out += route(
				id(i),
				[
					[condition(spec.conds[i][0], i), forward(i, p1)],
					[condition(spec.conds[i][1], i), forward(i, p2)]
				],
				next(i)
			);
		else {
			const targets = [next(i), spec.back ? anywhere(p2) : forward(i, p2), spec.back ? anywhere(p3) : forward(i, p3)];
			const replies = targets.slice(0, 2 + (p1 % 2)).map(
				(t, k) => `      - id: r${k}
        text: 回复 ${k}
        mood: ${spec.moods[i][k]}
${spec.flags[i][k] ? '        flags: [blame]\n' : '        moves: [listen]\n'}        feedback: 说明
        next: ${t}
`
			);
			out += decision(id(i), ...replies);
		}
	});
	return header('random', spec.moodStart) + out + ends.map(ending).join('');
}


/** Every distinct node sequence, by trying every choice sequence (a node at most MAX_VISITS times per path). */
export function bruteForcePaths(s: CompiledScenario, budget = 30_000): Map<string, { decisions: number; ending: string }> | null {
	const out = new Map<string, { decisions: number; ending: string }>();
	const walk = (id: string, st: PlayState, nodes: string[], decisions: number) => {
		if (--budget < 0) return;
		if (nodes.filter((n) => n === id).length >= MAX_VISITS) return;
		const n = s.nodes[id];
		const here = [...nodes, id];
		if (n.type === 'ending') out.set(here.join(' '), { decisions, ending: id });
		else if (n.type === 'line') walk(n.next, st, here, decisions);
		else if (n.type === 'route') walk(routeTarget(n, st), st, here, decisions);
		else for (const r of n.replies) walk(r.next, applyReply(n.id, r, st), here, decisions + 1);
	};
	walk(s.start, initialState(s), [], 0);
	return budget < 0 ? null : out;
}

