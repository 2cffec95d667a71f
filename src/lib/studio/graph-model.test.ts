// The graph view's model: nodes and edges of a parsed draft, whole or half written, flagged as
// the checker would flag them; fast enough to run on every keystroke.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkText } from '../scenario/files';
import { generatedDraft } from './graph-fixtures';
import { diagnosticsByNode, graphOf, shorten, structureKey, summariseWhen, type Graph } from './graph-model';

const node = (g: Graph, id: string) => {
	const n = g.nodes.find((x) => x.id === id);
	if (!n) throw new Error(`no node ${id}`);
	return n;
};
const example = parseYaml(readFileSync('tests/fixtures/valid/example-late-parcel.yaml', 'utf8'));

describe('graphOf on a valid scenario', () => {
	const g = graphOf(example);
	it('reads every node with its kind, label and outcome', () => {
		expect(g.nodes.map((n) => [n.id, n.kind])).toEqual([
			['open', 'line'],
			['d1', 'decision'],
			['check', 'route'],
			['manager-in', 'line'],
			['d2', 'decision'],
			['wrap', 'line'],
			['end-ok', 'ending'],
			['end-escalated', 'ending']
		]);
		expect(node(g, 'open').label).toBe('我三天前就该收到的包裹，到现在还没影！');
		expect(node(g, 'open').speaker).toBe('customer');
		expect(node(g, 'manager-in').speaker).toBe('manager');
		expect(node(g, 'd1').label).toBe('顾客第一次开口，你先说什么？');
		expect(node(g, 'd1').branches).toBe(2);
		expect(node(g, 'end-escalated')).toMatchObject({ label: '主管介入', outcome: 'escalated' });
		expect(node(g, 'open').start).toBe(true);
		expect(g.nodes.filter((n) => n.start)).toHaveLength(1);
		expect(g.nodes.some((n) => n.unreachable || n.deadEnd || n.hasMissingTarget)).toBe(false);
	});
	it('reads every edge with its kind and label', () => {
		expect(g.edges.map((e) => `${e.from}>${e.to}:${e.kind}`)).toEqual([
			'open>d1:next',
			'd1>d2:reply',
			'd1>check:reply',
			'check>manager-in:route',
			'check>d2:otherwise',
			'manager-in>end-escalated:next',
			'd2>wrap:reply',
			'd2>wrap:reply',
			'wrap>end-ok:next'
		]);
		expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
		expect(g.edges.find((e) => e.from === 'd1' && e.to === 'check')!.label).toBe('快递又不是我们送的，你找快…');
		expect(g.edges.find((e) => e.kind === 'route')!.label).toBe('情绪≥投诉升级');
		expect(g.edges.find((e) => e.kind === 'otherwise')!.label).toBe('其他情况');
		expect(g.edges.every((e) => !e.missing)).toBe(true);
	});
});

describe('graphOf on drafts', () => {
	it('gives an empty graph for anything that is not a scenario', () => {
		for (const d of [null, undefined, 3, 'text', [], {}, { nodes: 'x' }, { nodes: null }]) expect(graphOf(d)).toEqual({ nodes: [], edges: [] });
	});
	it('keeps nodes with missing ids, unknown types and duplicate ids, with unique keys', () => {
		const g = graphOf({ nodes: [{ id: 'a', type: 'line', text: 'hi', next: 'b' }, { type: 'decision' }, { id: 'a', type: 'ending' }, 'junk', { id: 'b', type: 'speech', next: 'z' }] });
		expect(g.nodes.map((n) => [n.id, n.ref, n.kind])).toEqual([
			['a', 'a', 'line'],
			['#2', '#2', 'decision'],
			['a#3', 'a', 'ending'],
			['#4', '#4', 'unknown'],
			['b', 'b', 'unknown']
		]);
		// an unknown type still shows the arrows it has
		expect(g.edges.map((e) => [e.from, e.to, e.missing])).toEqual([
			['a', 'b', false],
			['b', 'z', true]
		]);
		expect(node(g, 'b')).toMatchObject({ hasMissingTarget: true, deadEnd: true, unreachable: false });
		expect(node(g, 'a#3')).toMatchObject({ unreachable: true, deadEnd: false });
		expect(node(g, '#2')).toMatchObject({ unreachable: true, deadEnd: true, hasMissingTarget: false, branches: 0 });
	});
	it('flags references to nothing and required references left out', () => {
		const g = graphOf({
			nodes: [
				{ id: 'd', type: 'decision', replies: [{ id: 'x', text: '好', next: 'e' }, { id: 'y', text: '不', next: 'nowhere' }, { id: 'z' }] },
				{ id: 'l', type: 'line', text: '...' },
				{ id: 'r', type: 'route', routes: [{ when: { moodBelow: 30 }, next: 'e' }] },
				{ id: 'e', type: 'ending', outcome: 'happy', title: '完' }
			]
		});
		expect(node(g, 'd').hasMissingTarget).toBe(true);
		expect(node(g, 'd').deadEnd).toBe(false); // one reply reaches the ending
		expect(g.edges.filter((e) => e.from === 'd').map((e) => [e.to, e.missing, e.label])).toEqual([
			['e', false, '好'],
			['nowhere', true, '不']
		]);
		expect(graphOf({ nodes: [{ id: 'd', type: 'decision', replies: [{ id: 'calm', next: 'd' }] }] }).edges[0].label).toBe('calm');
		expect(node(g, 'l')).toMatchObject({ hasMissingTarget: true, deadEnd: true, unreachable: true });
		expect(node(g, 'r')).toMatchObject({ hasMissingTarget: true, deadEnd: false }); // no otherwise
		expect(g.edges.find((e) => e.from === 'r')!.label).toBe('情绪<30');
		expect(node(g, 'e').outcome).toBeUndefined(); // not one of OUTCOMES
	});
	it('starts where `start` says, and nowhere when it names nothing', () => {
		const nodes = [
			{ id: 'a', type: 'line', text: '1', next: 'b' },
			{ id: 'b', type: 'ending', outcome: 'lost', title: '完' }
		];
		expect(graphOf({ start: 'b', nodes }).nodes.map((n) => [n.start, n.unreachable])).toEqual([
			[false, true],
			[true, false]
		]);
		expect(graphOf({ start: 'zz', nodes }).nodes.every((n) => !n.start && n.unreachable)).toBe(true);
	});
	it('marks a loop with no way out as dead ends, and an offScript edge', () => {
		const g = graphOf({
			nodes: [
				{ id: 'd', type: 'decision', offScript: 'm', replies: [{ id: 'a', text: '1', next: 'l' }, { id: 'b', text: '2', next: 'end' }] },
				{ id: 'l', type: 'line', text: '转圈', next: 'l2' },
				{ id: 'l2', type: 'line', text: '再转', next: 'l' },
				{ id: 'm', type: 'line', speaker: 'manager', text: '我来', next: 'end' },
				{ id: 'end', type: 'ending', outcome: 'resolved', title: '完' }
			]
		});
		expect(g.nodes.filter((n) => n.deadEnd).map((n) => n.id)).toEqual(['l', 'l2']);
		expect(g.edges.find((e) => e.kind === 'offScript')).toMatchObject({ from: 'd', to: 'm', label: '偏离剧本' });
	});
});

describe('the graph agrees with the checker', () => {
	const files = [
		...readdirSync('tests/fixtures/broken').map((f) => join('tests/fixtures/broken', f)),
		...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f)),
		'tests/fixtures/valid/example-late-parcel.yaml'
	];
	it.each(files)('%s', { timeout: 30_000 }, (file) => {
		const text = readFileSync(file, 'utf8');
		let data: unknown;
		try {
			data = parseYaml(text);
		} catch {
			return; // not YAML: the graph view gets no data
		}
		const messages = checkText(file, text).diagnostics.map((d) => d.message);
		const g = graphOf(data);
		const named = (re: RegExp) => messages.flatMap((m) => [...m.matchAll(re)].map((x) => x[1]));
		const unreachable = named(/^node "([^"]+)" can never be reached/g);
		const noEnding = named(/^no ending can be reached from node "([^"]+)"/g);
		for (const id of unreachable) expect(node(g, id).unreachable, id).toBe(true);
		for (const id of noEnding) expect(node(g, id).deadEnd, id).toBe(true);
		// when the checker got as far as the graph checks, it finds the same unreachable nodes
		if (messages.every((m) => !/missing required field|unknown field|expected|each node needs|duplicate node/.test(m)) && g.nodes.length)
			expect(g.nodes.filter((n) => n.unreachable).map((n) => n.id).sort()).toEqual([...new Set(unreachable)].sort());
		if (file.startsWith('scenarios/')) expect(g.nodes.some((n) => n.unreachable || n.deadEnd || n.hasMissingTarget)).toBe(false);
	});
});

describe('diagnosticsByNode', () => {
	const g = graphOf({ nodes: [{ id: 'a', type: 'line' }, { type: 'decision' }, { id: 'c', type: 'ending' }, { id: 'd', type: 'line' }, { id: 'a', type: 'line' }] });
	const d = (message: string, severity: 'error' | 'warning' = 'error') => ({ file: 'x', line: 1, col: 1, severity, message });
	it('finds the node a message names, worst severity first', () => {
		const found = diagnosticsByNode(
			[
				d('node "a": missing required field "next"'),
				d('node #2: missing required field "id"'),
				d('ending "c" is never reached in play: no mood or earlier choice leads there', 'warning'),
				d('decision "c" › reply "x": too long', 'warning'),
				d('loop with no way out: "d" → "a" → "d" never reaches an ending', 'warning'),
				d('node "c" › title: must not be empty'),
				d('title: must not be empty'),
				d('node "zz" can never be reached'),
				d('duplicate node id "a" (first defined at line 3)', 'warning')
			],
			g
		);
		expect(Object.fromEntries(found)).toEqual({ a: 'error', '#2': 'error', c: 'error', d: 'warning', 'a#5': 'warning' });
	});
});

describe('helpers', () => {
	it('shortens text to plain one-line text', () => {
		expect(shorten('  一二\n三  ', 10)).toBe('一二 三');
		expect(shorten('一二三四五六', 4)).toBe('一二三…');
		expect(shorten({ a: 1 }, 4)).toBe('');
		expect(shorten('😀😀😀😀😀', 3)).toBe('😀😀…');
	});
	it('summarises conditions', () => {
		expect(summariseWhen({ moodAtLeast: 'complaint', chose: ['d1.a', 'd2.b'] })).toBe('情绪≥投诉，选过 d1.a或d2.b');
		expect(summariseWhen({ flagged: 'blame', moved: ['info'] })).toBe('出现 推卸/责难，做到 信息收集');
		expect(summariseWhen(null)).toBe('');
	});
	it('keys the structure, not the words', () => {
		const a = generatedDraft(40);
		const b = structuredClone(a);
		((b.nodes as Record<string, unknown>[])[1] as { text: string }).text = '改过的台词';
		expect(structureKey(graphOf(b))).toBe(structureKey(graphOf(a)));
		((b.nodes as Record<string, unknown>[])[1] as { next: string }).next = 'n5';
		expect(structureKey(graphOf(b))).not.toBe(structureKey(graphOf(a)));
	});
});

describe('size', () => {
	it('reads a 200-node draft in well under 10 ms', () => {
		const draft = generatedDraft(200);
		const g = graphOf(draft);
		expect(g.nodes).toHaveLength(200);
		expect(g.nodes.some((n) => n.unreachable || n.deadEnd || n.hasMissingTarget)).toBe(false);
		for (let i = 0; i < 20; i++) graphOf(draft); // warm up
		const runs: number[] = [];
		for (let i = 0; i < 50; i++) {
			const t0 = performance.now();
			graphOf(draft);
			runs.push(performance.now() - t0);
		}
		const median = runs.sort((x, y) => x - y)[25];
		console.log(`graphOf, 200 nodes: median ${median.toFixed(3)} ms`);
		expect(median).toBeLessThan(10);
	});
});
