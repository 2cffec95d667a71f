// The studio graph view's own work, without a browser: reading a draft into a graph (graph-model.ts
// `graphOf`, on every edit) and laying it out (graph-layout.ts, dagre, on structural edits only,
// in a worker in the browser), for the shipped scenarios and generated drafts of 200 nodes.
// Medians over runs, in ms; measured, never asserted.
// Alone: `npx tsx scripts/bench-studio-graph.ts` prints JSON.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { scenarioFiles } from '../src/lib/scenario/files';
import { time } from './bench-compiler';
import { generatedDraft } from '../src/lib/studio/graph-fixtures';
import { graphOf, structureKey } from '../src/lib/studio/graph-model';
import { layoutGraph } from '../src/lib/studio/graph-layout';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function median(fn: () => void, runs: number) {
	fn(); // warm-up
	return time(fn, runs);
}

function measure(data: unknown, layoutRuns: number) {
	const graph = graphOf(data);
	const layout = layoutGraph(graph);
	return {
		nodes: graph.nodes.length,
		edges: graph.edges.length,
		graph_of: median(() => graphOf(data), 50),
		structure_key: median(() => structureKey(graph), 50),
		layout: median(() => layoutGraph(graph), layoutRuns),
		laid_out_px: `${Math.round(layout.width)}×${Math.round(layout.height)}`
	};
}

/** A 200-node draft shaped like the shipped ones: five copies of them side by side, joined at a first decision. */
function shippedShapedDraft(size: number, shipped: unknown[]) {
	const nodes: Record<string, unknown>[] = [];
	const starts: string[] = [];
	for (let copy = 0; nodes.length < size - 1; copy++) {
		const source = shipped[copy % shipped.length] as { nodes: Record<string, unknown>[] };
		const prefix = `c${copy}-`;
		const rename = (v: unknown) => (typeof v === 'string' ? prefix + v : v);
		const take = source.nodes.slice(0, size - 1 - nodes.length).map((n) => {
			const m: Record<string, unknown> = { ...n, id: rename(n.id) };
			if ('next' in n) m.next = rename(n.next);
			if ('otherwise' in n) m.otherwise = rename(n.otherwise);
			if ('offScript' in n) m.offScript = rename(n.offScript);
			if (Array.isArray(n.replies)) m.replies = n.replies.map((r: Record<string, unknown>) => ({ ...r, next: rename(r.next) }));
			if (Array.isArray(n.routes)) m.routes = n.routes.map((r: Record<string, unknown>) => ({ ...r, next: rename(r.next) }));
			return m;
		});
		starts.push(String(take[0].id));
		nodes.push(...take);
	}
	const first = { id: 'pick', type: 'decision', replies: starts.slice(0, 4).map((s, i) => ({ id: `r${i}`, text: `开始 ${i}`, mood: 0, feedback: '-', next: s })) };
	return { nodes: [first, ...nodes] };
}

export async function benchStudioGraph(): Promise<Record<string, unknown>> {
	const shipped = scenarioFiles(resolve(root, 'scenarios')).map((f) => ({ name: f.split('/').pop()!, data: parseYaml(readFileSync(f, 'utf8')) as unknown }));
	const perScenario: Record<string, unknown> = {};
	for (const { name, data } of shipped) perScenario[name] = measure(data, 9);
	return {
		studio_graph: {
			shipped: perScenario,
			// A branchy chain: every node leads to the next, decisions skip ahead, routes jump to endings at the bottom (many long edges).
			generated_200_chain: measure(generatedDraft(200), 5),
			// The shipped scenarios' shapes, copied up to 200 nodes.
			generated_200_shipped_shapes: measure(
				shippedShapedDraft(
					200,
					shipped.map((s) => s.data)
				),
				5
			)
		}
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(JSON.stringify(await benchStudioGraph(), null, 2));
}
