// Path enumeration on graphs small enough to count by hand; every witness is replayed on the real
// engine to prove it plays the path it stands for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { replay } from './engine';
import { checkText, PATH_WARNING } from './files';
import { enumeratePaths, MAX_PATHS, MAX_VISITS, scenarioStats, type PathReport } from './paths';
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
function expectWitnessesPlay(s: CompiledScenario, report: PathReport) {
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
			'83:9: warning: ending "end-escalated" is never reached in play: no mood or earlier choice leads there'
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

	it('warns when the enumeration was cut short', () => {
		const r = checkText('chain.yaml', chainText(13));
		expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`)).toEqual([
			`13:3: warning: more than ${MAX_PATHS} paths; the figures count only the first ${MAX_PATHS}`
		]);
	});
});
