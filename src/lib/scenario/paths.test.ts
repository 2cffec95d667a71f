// Path enumeration on graphs small enough to count by hand; every witness is replayed on the real
// engine to prove it plays the path it stands for.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { choose1, replay, startActor } from './engine';
import { checkFile, checkText, PATH_WARNING } from './files';
import { countPaths } from './path-count';
import { build, decision, ending, finishing, header, line, reply, route, scenario, specArb, treadmill, type Spec } from './path-fixtures';
import { coveringPaths, enumeratePaths, MAX_PATHS, MAX_VISITS, MAX_WORK, scenarioStats, type PathReport, type ScenarioPath } from './paths';
import type { CompiledScenario } from './types';

const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const exampleText = readFileSync(EXAMPLE, 'utf8');
const example = compileScenario(EXAMPLE, exampleText).scenario!;

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

const summary = (r: PathReport) => r.paths.map((p) => ({ nodes: p.nodes.join(' '), witness: p.witness.join(' ') }));

describe('enumeratePaths', () => {
	it('counts the example by hand: one path per way through, replies to the same place merged', () => {
		const r = enumeratePaths(example);
		expect(r.truncated).toBe(false);
		expect(summary(r)).toEqual([
			// Every reply's target has the over-the-top guard in front (over-the-top.ts): the same for all
			// replies to it, so it adds no path; no play of the example reaches the top of the scale.
			{ nodes: 'open d1 ~top>d2 d2 ~top>wrap wrap end-ok', witness: 'calm ask' },
			{ nodes: 'open d1 ~top>check check manager-in end-escalated', witness: 'blame' }
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
			`14:3: warning: 512 paths: the tests replay each one, keep it under ${PATH_WARNING}`
		]);
	});

	it('refuses the file with an error when the work limit stopped the count, without calling endings unreachable', () => {
		const r = finishing(() => checkText('treadmill.yaml', treadmill()));
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`14:3: error: too many ways through (loops, or mood and earlier choices combining): counting the paths stopped after ${MAX_WORK} steps; cut loops short or let fewer moods and choices decide routes`
		]);
	});

	it('counts every path when not all are listed, and warns with the exact count', () => {
		const r = checkText('chain.yaml', chainText(13));
		expect(r.paths).toMatchObject({ truncated: true, limit: 'paths', count: 8192n });
		expect(r.paths!.paths).toHaveLength(MAX_PATHS);
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`14:3: warning: 8192 paths: the tests replay each one, keep it under ${PATH_WARNING}`
		]);
	});
});

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


// Browser tests play a covering set of paths (tests/browser/paths.spec.ts); every path of every
// shipped scenario is replayed here, on the engine the browser runs.
describe('shipped scenarios', () => {
	const dir = 'scenarios';
	const shipped = readdirSync(dir)
		.filter((f) => f.endsWith('.yaml'))
		.map((f) => checkFile(join(dir, f)));

	it.each(shipped.map((c) => [c.file, c] as const))('%s: every path replays to its ending', (_file, checked) => {
		expect(checked.scenario).not.toBeNull();
		expect(checked.paths!.truncated).toBe(false);
		expectWitnessesPlay(checked.scenario!, checked.paths!);
	});

	it.each(shipped.map((c) => [c.file, c] as const))('%s: the covering paths take every node, reply and ending some path takes', (_file, checked) => {
		const s = checked.scenario!;
		const items = (ps: ScenarioPath[]) =>
			new Set(
				ps.flatMap((p) => {
					const decisions = p.nodes.filter((n) => s.nodes[n].type === 'decision');
					return [...p.nodes.map((n) => `node:${n}`), ...decisions.map((n, i) => `reply:${n}.${p.witness[i]}`), `ending:${p.ending}`];
				})
			);
		const cover = coveringPaths(s, checked.paths!);
		expect(items(cover)).toEqual(items(checked.paths!.paths));
		expect(cover.length).toBeLessThanOrEqual(checked.paths!.paths.length);
	});
});
