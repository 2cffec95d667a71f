// Where the graph view draws each node and edge: a top-to-bottom layered layout by dagre. Node
// sizes depend on the kind only, and edge labels get a fixed box, so a layout depends on the
// graph's structure alone (graph-model.ts `structureKey`): text edits never move anything, and
// `layoutMemo` lays a graph out again only when its structure changes. Deterministic: the same
// graph gives the same positions. Pure (no DOM).
import dagre from '@dagrejs/dagre';
import { structureKey, type GEdge, type GNodeKind, type Graph } from './graph-model';

export interface Size {
	width: number;
	height: number;
}
export interface Box extends Size {
	/** Top-left corner. */
	x: number;
	y: number;
}
export interface Point {
	x: number;
	y: number;
}
export interface EdgeRoute {
	/** The layout keys of the edge's ends (a ghost's key for a missing target). */
	from: string;
	to: string;
	/** From the source's border to the target's border, through the bends dagre chose. */
	points: Point[];
	/** Centre of the label's box, for edges with a label. */
	label: Point | null;
}
export interface Layout {
	/** Every node of the graph, and a ghost for each missing target (key `ghostKey(name)`). */
	boxes: Map<string, Box>;
	edges: Map<string, EdgeRoute>;
	width: number;
	height: number;
	/** Time the layout took (ms), for the bench and the tests' output. */
	ms: number;
}

export const NODE_SIZE: Record<GNodeKind | 'ghost', Size> = {
	line: { width: 210, height: 78 },
	decision: { width: 230, height: 82 },
	route: { width: 170, height: 58 },
	ending: { width: 200, height: 74 },
	unknown: { width: 200, height: 74 },
	ghost: { width: 150, height: 36 }
};
export const EDGE_LABEL_SIZE: Size = { width: 140, height: 20 };

/** The node standing in for a reference to nothing. `?` never occurs in an authored id. */
export function ghostKey(name: string): string {
	return `?${name}`;
}
/** Every edge but a line's `next` gets room for a label, written or not (so typing one moves nothing). */
export function hasLabelBox(e: GEdge): boolean {
	return e.kind !== 'next';
}

export function layoutGraph(g: Graph): Layout {
	const t0 = performance.now();
	const dg = new dagre.graphlib.Graph({ multigraph: true });
	dg.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, edgesep: 12, marginx: 16, marginy: 16 });
	dg.setDefaultEdgeLabel(() => ({}));
	for (const n of g.nodes) dg.setNode(n.id, { ...NODE_SIZE[n.kind] });
	for (const e of g.edges) {
		const to = e.missing ? ghostKey(e.to) : e.to;
		if (e.missing && !dg.hasNode(to)) dg.setNode(to, { ...NODE_SIZE.ghost });
		dg.setEdge(e.from, to, hasLabelBox(e) ? { ...EDGE_LABEL_SIZE, labelpos: 'c' } : { width: 0, height: 0 }, e.id);
	}
	dagre.layout(dg);
	const boxes = new Map<string, Box>();
	for (const id of dg.nodes()) {
		const n = dg.node(id);
		boxes.set(id, { x: n.x! - n.width / 2, y: n.y! - n.height / 2, width: n.width, height: n.height });
	}
	const edges = new Map<string, EdgeRoute>();
	for (const e of g.edges) {
		const to = e.missing ? ghostKey(e.to) : e.to;
		const label = dg.edge(e.from, to, e.id);
		edges.set(e.id, {
			from: e.from,
			to,
			points: (label?.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })),
			label: hasLabelBox(e) && label?.x !== undefined && label.y !== undefined ? { x: label.x, y: label.y } : null
		});
	}
	const box = dg.graph();
	return { boxes, edges, width: box.width ?? 0, height: box.height ?? 0, ms: performance.now() - t0 };
}

export const EMPTY_LAYOUT: Layout = { boxes: new Map(), edges: new Map(), width: 0, height: 0, ms: 0 };

/**
 * A layout function that remembers its last answer: the same structure (graph-model.ts
 * `structureKey`) gives the same Layout object back without laying anything out.
 */
export function layoutMemo(): (g: Graph) => Layout {
	let lastKey: string | null = null;
	let last: Layout | null = null;
	return (g) => {
		const key = structureKey(g);
		if (key !== lastKey || !last) {
			last = layoutGraph(g);
			lastKey = key;
		}
		return last;
	};
}
