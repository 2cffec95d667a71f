// The studio's graph view, as data: nodes and edges read from a scenario draft as `yaml.parse`
// gives it (plain JS). Drafts are often half written, so nothing here trusts the shape: missing
// fields, unknown node types, duplicate ids and references to nothing all still give a graph,
// with the problem flagged on the node or edge. Pure and framework-free (no Svelte, no DOM).
// Reachability and dead ends follow the checker's static reading (compiler.ts `checkGraph`: every
// edge counts, whatever its condition).
import { CODE_LABELS, MOOD_STAGES, OUTCOMES, type Code, type Outcome } from '../domain';
import type { Diagnostic } from '../scenario/types';
import { studioGraph as words } from '../i18n/zh-CN/studio-graph';

export const NODE_KINDS = ['line', 'decision', 'route', 'ending', 'unknown'] as const;
export type GNodeKind = (typeof NODE_KINDS)[number];
export const EDGE_KINDS = ['next', 'reply', 'route', 'otherwise', 'offScript'] as const;
export type GEdgeKind = (typeof EDGE_KINDS)[number];

export interface GNode {
	/**
	 * The node's key in the graph, unique: its authored `id`, or, when that is missing or repeats
	 * an earlier node's, `#<position>` (missing) or `<id>#<position>` (repeat). A `#` never occurs in
	 * an authored id, so such keys cannot collide with real ones.
	 */
	id: string;
	/** What selecting the node should open: the authored id, or `#<position>` (1-based) when it has none. */
	ref: string;
	/** Position in the file's `nodes` list (0-based). */
	index: number;
	kind: GNodeKind;
	/** Short plain text: a line's text, a decision's prompt, an ending's title ('' when not written). */
	label: string;
	/** Who speaks a line (as authored; default customer). */
	speaker?: string;
	/** Number of replies (decision) or conditions (route). */
	branches?: number;
	/** An ending's outcome, when it is one of OUTCOMES. */
	outcome?: Outcome;
	start: boolean;
	/** Not reachable from the start. */
	unreachable: boolean;
	/** Not an ending, and no ending can be reached from it (or it leads nowhere). */
	deadEnd: boolean;
	/** Some reference it needs is missing or names no node. */
	hasMissingTarget: boolean;
}

export interface GEdge {
	/** Unique: `<from key>:<kind>:<n>`. */
	id: string;
	/** Graph key of the source node. */
	from: string;
	/** The referenced id: a node's graph key, or, when `missing`, the name that matches no node. */
	to: string;
	kind: GEdgeKind;
	/** A reply's text shortened, a route's condition summarised, '' otherwise. */
	label: string;
	missing: boolean;
}

export interface Graph {
	nodes: GNode[];
	edges: GEdge[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Plain text on one line, at most `max` characters (an ellipsis marks a cut). */
export function shorten(text: unknown, max: number): string {
	if (typeof text !== 'string' && typeof text !== 'number') return '';
	const flat = String(text).replace(/\s+/g, ' ').trim();
	const chars = Array.from(flat);
	return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

const LABEL_MAX = 40;
const EDGE_LABEL_MAX = 14;

function moodWord(v: unknown): string {
	const stage = MOOD_STAGES.find((s) => s.id === v);
	return stage ? stage.name : shorten(v, 8);
}
function codeWord(v: unknown): string {
	return typeof v === 'string' && Object.hasOwn(CODE_LABELS, v) ? CODE_LABELS[v as Code] : shorten(v, 12);
}

/** A route condition (`when`) in a few words: 「情绪≥投诉，选过 d1.calm」. */
export function summariseWhen(when: unknown): string {
	if (!isObj(when)) return '';
	const w = words.when;
	const many = (v: unknown, word: (x: unknown) => string) => (Array.isArray(v) ? v : [v]).map(word).join(w.or);
	const parts: string[] = [];
	for (const [key, v] of Object.entries(when)) {
		if (key === 'moodAtLeast') parts.push(w.moodAtLeast(moodWord(v)));
		else if (key === 'moodBelow') parts.push(w.moodBelow(moodWord(v)));
		else if (key === 'chose') parts.push(w.chose(many(v, (x) => shorten(x, 20))));
		else if (key === 'notChose') parts.push(w.notChose(many(v, (x) => shorten(x, 20))));
		else if (key === 'flagged') parts.push(w.flagged(many(v, codeWord)));
		else if (key === 'moved') parts.push(w.moved(many(v, codeWord)));
	}
	return shorten(parts.join(w.and), 24);
}

/** The nodes list of a draft, whatever the draft is. */
function nodesOf(data: unknown): unknown[] {
	return isObj(data) ? list(data.nodes) : [];
}

/** The graph of a parsed scenario draft. Linear in nodes + edges. */
export function graphOf(data: unknown): Graph {
	const raw = nodesOf(data);
	const nodes: GNode[] = [];
	const byId = new Map<string, GNode>();
	raw.forEach((n, index) => {
		const o = isObj(n) ? n : {};
		const authored = str(o.id);
		let key = authored === null ? `#${index + 1}` : byId.has(authored) ? `${authored}#${index + 1}` : authored;
		while (byId.has(key)) key += `#${index + 1}`; // only a draft that writes "#" in ids gets here
		const type = o.type;
		const kind: GNodeKind = type === 'line' || type === 'decision' || type === 'route' || type === 'ending' ? type : 'unknown';
		const g: GNode = { id: key, ref: authored ?? key, index, kind, label: '', start: false, unreachable: true, deadEnd: false, hasMissingTarget: false };
		if (kind === 'line') {
			g.label = shorten(o.text, LABEL_MAX);
			g.speaker = str(o.speaker) ?? 'customer';
		} else if (kind === 'decision') {
			g.label = shorten(o.prompt, LABEL_MAX);
			g.branches = list(o.replies).length;
		} else if (kind === 'route') g.branches = list(o.routes).length;
		else if (kind === 'ending') {
			g.label = shorten(o.title, LABEL_MAX);
			if ((OUTCOMES as readonly unknown[]).includes(o.outcome)) g.outcome = o.outcome as Outcome;
		} else g.label = shorten(o.text ?? o.prompt ?? o.title, LABEL_MAX);
		nodes.push(g);
		byId.set(key, g);
	});

	const edges: GEdge[] = [];
	const out = new Map<string, string[]>(nodes.map((g) => [g.id, []]));
	raw.forEach((n, i) => {
		const g = nodes[i];
		const o = isObj(n) ? n : {};
		let count = 0;
		/** A reference the node needs (required) or may have; an absent required one is a missing target. */
		const edge = (target: unknown, kind: GEdgeKind, label: string, required: boolean) => {
			const to = str(target);
			if (to === null) {
				if (required || target !== undefined) g.hasMissingTarget = true;
				return;
			}
			const missing = !byId.has(to);
			if (missing) g.hasMissingTarget = true;
			else out.get(g.id)!.push(to);
			edges.push({ id: `${g.id}:${kind}:${count++}`, from: g.id, to, kind, label, missing });
		};
		// Every reference the node holds, whatever its type: a half-typed type still shows its arrows.
		const required = (k: GNodeKind) => g.kind === k;
		if ('next' in o || g.kind === 'line') edge(o.next, 'next', '', required('line'));
		// A reply's words, or its id while it has none.
		if ('replies' in o) for (const r of list(o.replies)) edge(isObj(r) ? r.next : undefined, 'reply', isObj(r) ? shorten(r.text, EDGE_LABEL_MAX) || shorten(r.id, EDGE_LABEL_MAX) : '', true);
		if ('offScript' in o) edge(o.offScript, 'offScript', words.offScript, false);
		if ('routes' in o) for (const r of list(o.routes)) edge(isObj(r) ? r.next : undefined, 'route', isObj(r) ? summariseWhen(r.when) : '', true);
		if ('otherwise' in o || g.kind === 'route') edge(o.otherwise, 'otherwise', words.otherwise, required('route'));
	});

	// Reachable from the start: `start` when written (even when it names nothing), else the first node.
	const start = isObj(data) && 'start' in data ? str(data.start) : (nodes[0]?.id ?? null);
	const startNode = start === null ? undefined : byId.get(start);
	if (startNode) {
		startNode.start = true;
		const stack = [startNode.id];
		while (stack.length) {
			const g = byId.get(stack.pop()!)!;
			if (!g.unreachable) continue;
			g.unreachable = false;
			for (const to of out.get(g.id)!) if (byId.get(to)!.unreachable) stack.push(to);
		}
	}

	// Can reach an ending: backwards from every ending.
	const into = new Map<string, string[]>(nodes.map((g) => [g.id, []]));
	for (const [from, tos] of out) for (const to of tos) into.get(to)!.push(from);
	const canEnd = new Set<string>();
	const queue = nodes.filter((g) => g.kind === 'ending').map((g) => g.id);
	while (queue.length) {
		const id = queue.pop()!;
		if (canEnd.has(id)) continue;
		canEnd.add(id);
		queue.push(...into.get(id)!);
	}
	for (const g of nodes) g.deadEnd = g.kind !== 'ending' && !canEnd.has(g.id);
	return { nodes, edges };
}

/**
 * A key that changes only when the layout must: node keys and kinds, edges' ends and kinds.
 * Text edits inside a node (labels, prompts, replies' words) leave it unchanged.
 */
export function structureKey(g: Graph): string {
	let key = '';
	for (const n of g.nodes) key += `${n.id}\u0001${n.kind}\u0002`;
	key += '\u0003';
	for (const e of g.edges) key += `${e.from}\u0001${e.to}\u0001${e.kind}\u0001${e.missing ? 1 : 0}\u0002`;
	return key;
}

/**
 * Which nodes the checker's diagnostics are about, and the worst severity for each. Diagnostics
 * carry a line and column, not a node, but every node-level message names its node: `node "d1"`,
 * `decision "d1"`, `node #3` (no id yet), or a loop's quoted ids; the first such name wins. A
 * duplicate id marks the repeat.
 * Messages about the whole file (`title`, `mood`) mark no node.
 */
export function diagnosticsByNode(diagnostics: readonly Diagnostic[], g: Graph): Map<string, Diagnostic['severity']> {
	const byRef = new Map<string, string>();
	for (const n of g.nodes) if (!byRef.has(n.ref)) byRef.set(n.ref, n.id);
	const found = new Map<string, Diagnostic['severity']>();
	for (const d of diagnostics) {
		const id = nodeNamed(d.message, byRef, g);
		if (id === null || found.get(id) === 'error') continue;
		found.set(id, d.severity);
	}
	return found;
}

function nodeNamed(message: string, byRef: Map<string, string>, g: Graph): string | null {
	// A repeated id is reported at the repeat: the last node of that name.
	const dup = /^duplicate node id "([^"]+)"/.exec(message);
	if (dup) return g.nodes.findLast((n) => n.ref === dup[1])?.id ?? null;
	for (const m of message.matchAll(/\b(?:node|decision) (?:"([^"]+)"|#(\d+))/g)) {
		if (m[1] !== undefined && byRef.has(m[1])) return byRef.get(m[1])!;
		if (m[2] !== undefined) {
			const n = g.nodes[Number(m[2]) - 1];
			if (n) return n.id;
		}
	}
	if (/^loop /.test(message)) for (const m of message.matchAll(/"([^"]+)"/g)) if (byRef.has(m[1])) return byRef.get(m[1])!;
	return null;
}
