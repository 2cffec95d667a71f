// Path enumeration on graphs small enough to count by hand; every witness is replayed on the real
// engine to prove it plays the path it stands for.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { choose1, replay, startActor } from './engine';
import { checkText, PATH_WARNING } from './files';
import { countPaths } from './path-count';
import { applyReply, initialState, routeTarget, type PlayState } from './semantics';
import { diamonds, moodLadder, sameNext } from '../scoring/best-shapes';
import { enumeratePaths, MAX_PATHS, MAX_VISITS, MAX_WORK, scenarioStats, type PathReport } from './paths';
import type { CompiledScenario } from './types';

const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const exampleText = readFileSync(EXAMPLE, 'utf8');
const example = compileScenario(EXAMPLE, exampleText).scenario!;

const header = (id: string, moodStart: number) => `format: 1
id: ${id}
title: 路径
summary: 测试用
class: 普通
channel: chat
difficulty: easy
minutes: 1
persona: { name: 顾客, archetype: angry }
objectives: [测试]
mood: { start: ${moodStart} }
nodes:
`;
function scenario(nodes: string, moodStart = 50): CompiledScenario {
	const r = compileScenario('inline.yaml', header('inline', moodStart) + nodes);
	if (!r.scenario || r.diagnostics.length) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
	return r.scenario;
}
const ending = (id: string) => `  - id: ${id}
    type: ending
    outcome: resolved
    title: ${id}
    debrief: ${id}
`;
const reply = (id: string, next: string, mood = 0) => `      - id: ${id}
        text: 回复 ${id}
        mood: ${mood}
        feedback: 说明
        next: ${next}
`;
const decision = (id: string, ...replies: string[]) => `  - id: ${id}
    type: decision
    replies:
${replies.join('')}`;
const line = (id: string, next: string) => `  - id: ${id}
    type: line
    text: 第 ${id} 句
    next: ${next}
`;
const route = (id: string, routes: [string, string][], otherwise: string) => `  - id: ${id}
    type: route
    routes:
${routes.map(([when, next]) => `      - when: ${when}\n        next: ${next}\n`).join('')}    otherwise: ${otherwise}
`;

/** Replays each witness and checks it ends at the path's ending through exactly its nodes. */
function expectWitnessesPlay(s: CompiledScenario, report: Pick<PathReport, 'paths'>) {
	for (const p of report.paths) {
		const snap = replay(s, p.witness);
		expect(snap.status).toBe('done');
		expect(snap.context.ending).toBe(p.ending);
		expect(p.nodes.at(-1)).toBe(p.ending);
		const decisions = p.nodes.filter((n) => s.nodes[n].type === 'decision');
		expect(snap.context.steps.map((st) => st.decision)).toEqual(decisions);
		expect(p.witness).toHaveLength(decisions.length);
		expect(p.decisions).toBe(decisions.length);
		// The transcript names every spoken line and every decision, in the path's order.
		const spoken = snap.context.transcript.filter((t) => t.kind !== 'response').map((t) => t.node);
		expect(spoken).toEqual(p.nodes.filter((n) => s.nodes[n].type === 'line' || s.nodes[n].type === 'decision'));
	}
}
/** Runs fn, failing instead of hanging when it does not return within ms (a vm timeout can stop a sync loop). */
function finishing<T>(fn: () => T, ms = 20_000): T {
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
const treadmill = (n = 6) => {
	let nodes = '';
	for (let i = 0; i < n; i++) {
		const targets = [1, 2, 3, 4].map((k) => `c${(i + k) % n}`);
		if (i === 0) targets[3] = 'gate';
		nodes += decision(`c${i}`, ...targets.map((t, k) => reply(`r${k}`, t)));
	}
	return header('treadmill', 50) + nodes + route('gate', [['{ moodAtLeast: 100 }', 'end']], 'c1') + ending('end');
};

const summary = (r: PathReport) => r.paths.map((p) => ({ nodes: p.nodes.join(' '), witness: p.witness.join(' ') }));

describe('enumeratePaths', () => {
	it('counts the example by hand: one path per way through, replies to the same place merged', () => {
		const r = enumeratePaths(example);
		expect(r.truncated).toBe(false);
		expect(summary(r)).toEqual([
			{ nodes: 'open d1 d2 wrap end-ok', witness: 'calm ask' },
			{ nodes: 'open d1 check manager-in end-escalated', witness: 'blame' }
		]);
		expectWitnessesPlay(example, r);
	});

	it('counts branches that merge again once', () => {
		// Two replies with different moods both lead to d2; no condition reads the mood.
		const s = scenario(decision('d1', reply('a', 'd2', -10), reply('b', 'd2', 10)) + decision('d2', reply('c', 'end', 5), reply('d', 'end', 0)) + ending('end'));
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([{ nodes: 'd1 d2 end', witness: 'a c' }]);
		expectWitnessesPlay(s, r);
	});

	it('multiplies distinct branches: 2 × 2 = 4 paths through a diamond', () => {
		const s = scenario(
			decision('d1', reply('a', 'x'), reply('b', 'y')) +
				line('x', 'd2') +
				line('y', 'd2') +
				decision('d2', reply('c', 'e1'), reply('d', 'e2'), reply('e', 'e2')) +
				ending('e1') +
				ending('e2')
		);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 x d2 e1', witness: 'a c' },
			{ nodes: 'd1 x d2 e2', witness: 'a d' },
			{ nodes: 'd1 y d2 e1', witness: 'b c' },
			{ nodes: 'd1 y d2 e2', witness: 'b d' }
		]);
		expectWitnessesPlay(s, r);
		expect(scenarioStats(s, r)).toEqual({
			id: 'inline',
			nodes: 6,
			decisions: 2,
			endings: 2,
			paths: 4,
			pathCount: '4',
			pathsTruncated: false,
			shortestPath: 2,
			longestPath: 2,
			reachableEndings: ['e1', 'e2'],
			unreachableEndings: []
		});
	});

	it('splits a path at a route when earlier replies leave different moods', () => {
		const s = scenario(
			decision('d1', reply('a', 'r', -10), reply('b', 'r', 10)) + route('r', [['{ moodAtLeast: 55 }', 'bad']], 'ok') + ending('ok') + ending('bad'),
			50
		);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 r ok', witness: 'a' },
			{ nodes: 'd1 r bad', witness: 'b' }
		]);
		expectWitnessesPlay(s, r);
	});

	it('splits a merged path later when a route reads an earlier choice', () => {
		const s = scenario(
			decision('d1', reply('a', 'd2'), reply('b', 'd2')) +
				decision('d2', reply('c', 'r'), reply('d', 'r')) +
				route('r', [['{ chose: d1.b }', 'x']], 'y') +
				line('x', 'end') +
				line('y', 'end') +
				ending('end')
		);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 d2 r y end', witness: 'a c' },
			{ nodes: 'd1 d2 r x end', witness: 'b c' }
		]);
		expectWitnessesPlay(s, r);
	});

	it('follows the first holding route, as the engine does', () => {
		// After "b" (mood 60) both routes hold; only the first one's ending is on a path.
		const s = scenario(
			decision('d1', reply('a', 'r', -10), reply('b', 'r', 10)) +
				route('r', [['{ moodAtLeast: 55 }', 'first'], ['{ moodAtLeast: 50 }', 'second']], 'ok') +
				ending('ok') +
				ending('first') +
				ending('second'),
			50
		);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 r ok', witness: 'a' },
			{ nodes: 'd1 r first', witness: 'b' }
		]);
		expectWitnessesPlay(s, r);
		expect(scenarioStats(s, r).unreachableEndings).toEqual(['second']);
	});

	it('does not split when no reachable state tells the routes apart', () => {
		const s = scenario(decision('d1', reply('a', 'r', -10), reply('b', 'r', 10)) + route('r', [['{ moodAtLeast: 90 }', 'bad']], 'ok') + ending('ok') + ending('bad'), 50);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([{ nodes: 'd1 r ok', witness: 'a' }]);
		const stats = scenarioStats(s, r);
		expect(stats.reachableEndings).toEqual(['ok']);
		expect(stats.unreachableEndings).toEqual(['bad']);
	});

	it('bounds a loop by MAX_VISITS', () => {
		expect(MAX_VISITS).toBe(3);
		const s = scenario(decision('d1', reply('again', 'd1', 5), reply('stop', 'end')) + ending('end'));
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 d1 d1 end', witness: 'again again stop' },
			{ nodes: 'd1 d1 end', witness: 'again stop' },
			{ nodes: 'd1 end', witness: 'stop' }
		]);
		expectWitnessesPlay(s, r);
		const stats = scenarioStats(s, r);
		expect([stats.paths, stats.shortestPath, stats.longestPath]).toEqual([MAX_VISITS, 1, MAX_VISITS]);
	});

	it('bounds a loop through a line node the same way', () => {
		const s = scenario(line('hello', 'd1') + decision('d1', reply('again', 'hello'), reply('stop', 'end')) + ending('end'));
		const r = enumeratePaths(s);
		expect(r.paths.map((p) => p.nodes.filter((n) => n === 'd1').length).sort()).toEqual([1, 2, 3]);
		expect(r.paths.every((p) => p.nodes.filter((n) => n === 'hello').length <= MAX_VISITS)).toBe(true);
		expectWitnessesPlay(s, r);
	});

	it('can find a mood-gated ending only after going round a loop', () => {
		// Each "push" adds 20 from 40: 60, 80, 100. The gate at 80 opens on the second visit.
		const s = scenario(
			decision('d1', reply('push', 'r', 20), reply('stop', 'calm')) + route('r', [['{ moodAtLeast: 80 }', 'angry']], 'd1') + ending('calm') + ending('angry'),
			40
		);
		const r = enumeratePaths(s);
		expect(summary(r)).toEqual([
			{ nodes: 'd1 r d1 r angry', witness: 'push push' },
			{ nodes: 'd1 r d1 calm', witness: 'push stop' },
			{ nodes: 'd1 calm', witness: 'stop' }
		]);
		expectWitnessesPlay(s, r);
	});

	it('stops at MAX_PATHS and says so', () => {
		// k binary choices, each through its own line, give 2^k distinct paths.
		const chain = (k: number) => {
			let nodes = '';
			for (let i = 0; i < k; i++) {
				const next = i + 1 < k ? `d${i + 1}` : 'end';
				nodes += decision(`d${i}`, reply('a', `a${i}`), reply('b', `b${i}`)) + line(`a${i}`, next) + line(`b${i}`, next);
			}
			return scenario(nodes + ending('end'));
		};
		const small = enumeratePaths(chain(12));
		expect(small.truncated).toBe(false);
		expect(small.paths).toHaveLength(4096);
		expect(new Set(small.paths.map((p) => p.witness.join())).size).toBe(4096);
		const big = enumeratePaths(chain(13));
		expect(big.truncated).toBe(true);
		expect(big.paths).toHaveLength(MAX_PATHS);
		expect(scenarioStats(chain(13), big).pathsTruncated).toBe(true);
		expect(big.limit).toBe('paths');
	});

	it(`stops after MAX_WORK steps (${MAX_WORK}) when loops multiply the ways through, and says so`, () => {
		const s = compileScenario('treadmill.yaml', treadmill()).scenario!;
		const model = countPaths(s);
		expect(model.root).toBeNull();
		expect(model.work).toBeLessThan(MAX_WORK + 10_000);
		const r = finishing(() => enumeratePaths(s, model));
		expect(r).toMatchObject({ paths: [], truncated: true, limit: 'work', count: null });
	});

	it('walks a chain of 4,999 nodes without a deep call stack or quadratic memory', { timeout: 60_000 }, () => {
		let nodes = '';
		for (let i = 0; i < 4998; i++) nodes += i % 2 ? line(`n${i}`, i + 1 < 4998 ? `n${i + 1}` : 'end') : decision(`n${i}`, reply('a', `n${i + 1}`, 1), reply('b', `n${i + 1}`, -1));
		const s = scenario(nodes + ending('end'));
		const r = finishing(() => enumeratePaths(s));
		expect(r.truncated).toBe(false);
		expect(r.paths).toHaveLength(1);
		expect(r.paths[0].nodes).toHaveLength(4999);
		expect(r.paths[0].witness).toEqual(Array(2499).fill('a'));
	});
});

describe('scenarioStats', () => {
	it('reports the example', () => {
		expect(scenarioStats(example)).toEqual({
			id: 'example-late-parcel',
			nodes: 8,
			decisions: 2,
			endings: 2,
			paths: 2,
			pathCount: '2',
			pathsTruncated: false,
			shortestPath: 1,
			longestPath: 2,
			reachableEndings: ['end-ok', 'end-escalated'],
			unreachableEndings: []
		});
	});

	it('finds an ending that no play reaches, in the example with a softer blame', () => {
		// blame now takes 60 to 80, short of escalated (84): the manager never comes.
		const text = exampleText.replace('mood: 30', 'mood: 20');
		const s = compileScenario(EXAMPLE, text).scenario!;
		const stats = scenarioStats(s);
		expect(stats.unreachableEndings).toEqual(['end-escalated']);
		expect(stats.reachableEndings).toEqual(['end-ok']);
		expect(stats.paths).toBe(2); // calm and blame both end at end-ok, by different nodes
		expect(checkText(EXAMPLE, text).diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			'86:9: warning: ending "end-escalated" is never reached in play: no mood or earlier choice leads there'
		]);
	});

	it('finds an ending behind a choice-based route that contradicts itself', () => {
		const s = scenario(
			decision('d1', reply('a', 'r'), reply('b', 'r')) + route('r', [['{ chose: d1.a, notChose: d1.a }', 'never']], 'end') + ending('end') + ending('never')
		);
		expect(scenarioStats(s).unreachableEndings).toEqual(['never']);
	});
});

describe('path warnings', () => {
	const chainText = (k: number) => {
		let nodes = '';
		for (let i = 0; i < k; i++) {
			const next = i + 1 < k ? `d${i + 1}` : 'end';
			nodes += decision(`d${i}`, reply('a', `a${i}`), reply('b', `b${i}`)) + line(`a${i}`, next) + line(`b${i}`, next);
		}
		return header('chain', 50) + nodes + ending('end');
	};

	it('is quiet up to the warning threshold', () => {
		expect(2 ** 8).toBeLessThanOrEqual(PATH_WARNING);
		expect(checkText('chain.yaml', chainText(8)).diagnostics).toEqual([]);
	});

	it('warns when the paths exceed the threshold', () => {
		const r = checkText('chain.yaml', chainText(9));
		expect(r.scenario).not.toBeNull();
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`13:3: warning: 512 paths: browser tests play each one, keep it under ${PATH_WARNING}`
		]);
	});

	it('refuses the file with an error when the work limit stopped the count, without calling endings unreachable', () => {
		const r = finishing(() => checkText('treadmill.yaml', treadmill()));
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`13:3: error: too many ways through (loops, or mood and earlier choices combining): counting the paths stopped after ${MAX_WORK} steps; cut loops short or let fewer moods and choices decide routes`
		]);
	});

	it('counts every path when not all are listed, and warns with the exact count', () => {
		const r = checkText('chain.yaml', chainText(13));
		expect(r.paths).toMatchObject({ truncated: true, limit: 'paths', count: 8192n });
		expect(r.paths!.paths).toHaveLength(MAX_PATHS);
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`13:3: warning: 8192 paths: browser tests play each one, keep it under ${PATH_WARNING}`
		]);
	});
});

// A spine d0 → d1 → … keeps every node reachable; other edges go forward (lines, routes) or
// anywhere (decisions), so every loop contains a decision.
interface Spec {
	kinds: ('decision' | 'line' | 'route')[];
	endings: number;
	moodStart: number;
	edges: number[][]; // per node: extra successor picks
	moods: number[][];
	flags: boolean[][];
	conds: number[][];
	back: boolean;
}
const specArb = (back: boolean) =>
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

function build(spec: Spec): string {
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

describe('random graphs: the enumeration and the engine agree', () => {
	const compiled = (spec: Spec) => {
		const r = compileScenario('random.yaml', build(spec));
		return r.scenario;
	};

	it('generates scenarios that mostly compile', { timeout: 60_000 }, () => {
		const specs = fc.sample(specArb(true), { numRuns: 200, seed: 42 });
		expect(specs.filter((s) => compiled(s)).length).toBeGreaterThan(100);
	});

	it('every witness plays its path to its ending', () => {
		fc.assert(
			fc.property(specArb(true), (spec) => {
				const s = compiled(spec);
				fc.pre(s !== null);
				const report = enumeratePaths(s!);
				expect(report.paths.length).toBeGreaterThan(0);
				expectWitnessesPlay(s!, { paths: report.paths.slice(0, 40) });
			}),
			{ numRuns: 150 }
		);
	}, 60_000);

	it('without loops, any play of the engine is one of the enumerated paths', () => {
		fc.assert(
			fc.property(specArb(false), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (spec, picks) => {
				const s = compiled(spec);
				fc.pre(s !== null);
				const report = enumeratePaths(s!);
				const actor = startActor(s!);
				for (const pick of picks) {
					const snap = actor.getSnapshot();
					if (snap.status === 'done') break;
					const node = s!.nodes[String(snap.value)];
					if (node.type !== 'decision') throw new Error(`stopped at ${node.id}`);
					choose1(s!, actor, node.replies[pick % node.replies.length].id);
				}
				const end = actor.getSnapshot();
				actor.stop();
				expect(end.status).toBe('done');
				const played = end.context.transcript.filter((t) => t.kind !== 'response').map((t) => t.node);
				const shown = (p: { nodes: string[] }) => p.nodes.filter((n) => s!.nodes[n].type === 'line' || s!.nodes[n].type === 'decision');
				const match = report.paths.find((p) => p.ending === end.context.ending && JSON.stringify(shown(p)) === JSON.stringify(played));
				expect(match, `play ${played.join(' ')} → ${end.context.ending} is not among the enumerated paths`).toBeDefined();
				expect(scenarioStats(s!, report).reachableEndings).toContain(end.context.ending);
			}),
			{ numRuns: 150 }
		);
	}, 60_000);
});

/** Every distinct node sequence, by trying every choice sequence (a node at most MAX_VISITS times per path). */
function bruteForcePaths(s: CompiledScenario, budget = 30_000): Map<string, { decisions: number; ending: string }> | null {
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

describe('counting paths by dynamic programming', () => {
	const diamondChain = (k: number) => {
		let nodes = '';
		for (let i = 0; i < k; i++) {
			const next = i + 1 < k ? `d${i + 1}` : 'end';
			nodes += decision(`d${i}`, reply('a', `a${i}`, -3), reply('b', `b${i}`, 4), reply('c', `a${i}`, 1)) + line(`a${i}`, next) + line(`b${i}`, next);
		}
		return scenario(nodes + ending('end'));
	};

	it('counts 2^60 paths through 60 diamonds in series exactly, with work linear in the diamonds', () => {
		const small = countPaths(diamondChain(30));
		const big = countPaths(diamondChain(60));
		expect(big.root!.count).toBe(2n ** 60n);
		expect([big.root!.shortest, big.root!.longest]).toEqual([60, 60]);
		expect(big.work).toBeLessThan(2.2 * small.work);
		const r = enumeratePaths(diamondChain(60), big);
		expect(r).toMatchObject({ truncated: true, limit: 'paths', count: 2n ** 60n });
		expect(r.paths).toHaveLength(MAX_PATHS);
		expect(scenarioStats(diamondChain(60), r)).toMatchObject({ paths: 2 ** 60, pathCount: '1152921504606846976', pathsTruncated: true });
	});

	it('the issue 10 repro: 60 decisions of 3 replies to the same next node is one path per ending, found with linear work', () => {
		const s60 = countPaths(sameNext(60));
		const s120 = countPaths(sameNext(120));
		expect(s60.root!.count).toBe(3n); // the final mood route picks one of three endings
		// Once every mood can stand at a decision, each one more costs the same.
		expect(s120.work).toBeLessThan(2.2 * s60.work);
	});

	it('stops with bounded work, and the checker refuses the file, when mood sets multiply the keys', () => {
		// 60 diamonds whose replies change the mood, then a route on the mood: the set of moods that
		// can stand at a node differs by the way there, so no two ways share a key.
		for (const s of [diamonds(60), moodLadder(60)]) {
			const m = countPaths(s);
			expect(m.root).toBeNull();
			expect(m.work).toBeLessThan(MAX_WORK + 10_000);
		}
	});

	it('agrees with trying every choice sequence on random graphs, loops included', () => {
		fc.assert(
			fc.property(specArb(true), (spec) => {
				const s = compileScenario('random.yaml', build(spec)).scenario;
				fc.pre(s !== null);
				const truth = bruteForcePaths(s!);
				fc.pre(truth !== null);
				const r = enumeratePaths(s!);
				expect(r.count).toBe(BigInt(truth!.size));
				if (!r.truncated) expect(new Set(r.paths.map((p) => p.nodes.join(' ')))).toEqual(new Set(truth!.keys()));
				const lengths = [...truth!.values()].map((t) => t.decisions);
				expect([r.shortest, r.longest]).toEqual(truth!.size ? [Math.min(...lengths), Math.max(...lengths)] : [0, 0]);
				expect(new Set(r.endings)).toEqual(new Set([...truth!.values()].map((t) => t.ending)));
			}),
			{ numRuns: 150 }
		);
	}, 120_000);
});
