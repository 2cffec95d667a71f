// The graph view's layout: every node placed, none overlapping, top to bottom, the same every
// time, and laid out again only when the structure changes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generatedDraft } from './graph-fixtures';
import { graphOf, type Graph } from './graph-model';
import { ghostKey, layoutGraph, layoutMemo, NODE_SIZE, type Box, type Layout } from './graph-layout';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectSound(g: Graph, l: Layout) {
	for (const n of g.nodes) {
		const b = l.boxes.get(n.id)!;
		expect(b, n.id).toBeDefined();
		expect(b).toMatchObject(NODE_SIZE[n.kind]);
		expect(Number.isFinite(b.x) && Number.isFinite(b.y)).toBe(true);
	}
	const boxes = [...l.boxes.entries()];
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`).toBe(false);
	for (const e of g.edges) {
		const r = l.edges.get(e.id)!;
		expect(r.points.length, e.id).toBeGreaterThanOrEqual(2);
		expect(r.label === null).toBe(e.kind === 'next');
	}
}

describe('layoutGraph', () => {
	it('lays out the shipped scenarios top to bottom, nothing overlapping', () => {
		for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
			const g = graphOf(parseYaml(readFileSync(`scenarios/${f}`, 'utf8')));
			const l = layoutGraph(g);
			expectSound(g, l);
			const start = g.nodes.find((n) => n.start)!;
			// the start is on the top rank; every ending lies below it
			expect(Math.min(...[...l.boxes.values()].map((b) => b.y))).toBe(l.boxes.get(start.id)!.y);
			for (const n of g.nodes.filter((x) => x.kind === 'ending')) expect(l.boxes.get(n.id)!.y).toBeGreaterThan(l.boxes.get(start.id)!.y);
			console.log(`layout ${f}: ${g.nodes.length} nodes, ${g.edges.length} edges, ${l.ms.toFixed(1)} ms, ${Math.round(l.width)}×${Math.round(l.height)}`);
		}
	});

	it('lays out a 200-node scenario without overlaps (time shown, not asserted)', () => {
		const g = graphOf(generatedDraft(200));
		const l = layoutGraph(g);
		expectSound(g, l);
		console.log(`layout 200 nodes, ${g.edges.length} edges: ${l.ms.toFixed(1)} ms, ${Math.round(l.width)}×${Math.round(l.height)}`);
	});

	it('is deterministic', () => {
		const draft = generatedDraft(60);
		const a = layoutGraph(graphOf(draft));
		const b = layoutGraph(graphOf(structuredClone(draft)));
		expect([...b.boxes]).toEqual([...a.boxes]);
		expect([...b.edges]).toEqual([...a.edges]);
	});

	it('places a ghost for each reference to nothing, shared by the edges to it', () => {
		const g = graphOf({
			nodes: [
				{ id: 'd', type: 'decision', replies: [{ id: 'a', text: '1', next: 'gone' }, { id: 'b', text: '2', next: 'gone' }, { id: 'c', text: '3', next: 'e' }] },
				{ id: 'loop', type: 'line', text: '自己', next: 'loop' },
				{ id: 'e', type: 'ending', outcome: 'lost', title: '完' },
				{ type: 'nonsense' }
			]
		});
		const l = layoutGraph(g);
		expectSound(g, l);
		expect([...l.boxes.keys()].sort()).toEqual(['#4', '?gone', 'd', 'e', 'loop']);
		expect(l.boxes.get(ghostKey('gone'))).toMatchObject(NODE_SIZE.ghost);
		expect(layoutGraph({ nodes: [], edges: [] }).boxes.size).toBe(0);
	});
});

describe('layoutMemo', () => {
	it('lays out again only when the structure changes', () => {
		const layout = layoutMemo();
		const draft = generatedDraft(30);
		const first = layout(graphOf(draft));
		const nodes = draft.nodes as Record<string, unknown>[];
		nodes[1].text = '完全不同的一句话，长得多也没关系';
		(nodes[0].replies as Record<string, unknown>[])[0].text = '改过的回复';
		expect(layout(graphOf(draft))).toBe(first);
		nodes[1].next = 'end-0';
		const second = layout(graphOf(draft));
		expect(second).not.toBe(first);
		expect(layout(graphOf(draft))).toBe(second);
	});
});
