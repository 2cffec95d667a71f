// A typed, tolerant view of a scenario document for the outline editor: every field may be
// missing or of the wrong type (the checker says so; the outline shows what there is). Each node and
// reply carries its source lines, so a diagnostic's line finds the card that contains it.
import { isMap, isScalar, isSeq, type LineCounter, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../scenario/types';
import { pairOf, parseText } from './yaml-edit';

/** 1-based lines, both ends included. */
export interface LineRange {
	from: number;
	to: number;
}
/** The line of each key written in a map (`text`, `persona.name`, …). */
export type FieldLines = Record<string, number>;

export interface OutlineCondition {
	moodAtLeast?: string | number;
	moodBelow?: string | number;
	chose?: string[];
	notChose?: string[];
	flagged?: string[];
	moved?: string[];
}

export interface OutlineVariant {
	index: number;
	when: OutlineCondition;
	text?: string;
	lines: LineRange;
}

export interface OutlineRoute {
	index: number;
	when: OutlineCondition;
	next?: string;
	lines: LineRange;
}

export interface OutlineReply {
	index: number;
	id: string;
	text?: string;
	/** Code → weight (1–3), whichever form the file uses. */
	moves: Record<string, number>;
	flags: Record<string, number>;
	mood?: number;
	feedback?: string;
	response?: string;
	next?: string;
	lines: LineRange;
	fields: FieldLines;
}

interface NodeBase {
	index: number;
	/** Unique among the outline's nodes: the id, or the id and index for a repeated or missing id. */
	key: string;
	id: string;
	lines: LineRange;
	fields: FieldLines;
}
export type OutlineNode =
	| (NodeBase & { kind: 'line'; speaker?: string; text?: string; direction?: string; variants: OutlineVariant[]; next?: string })
	| (NodeBase & { kind: 'decision'; prompt?: string; input?: string; offScript?: string; replies: OutlineReply[] })
	| (NodeBase & { kind: 'route'; routes: OutlineRoute[]; otherwise?: string })
	| (NodeBase & { kind: 'ending'; outcome?: string; title?: string; debrief?: string })
	| (NodeBase & { kind: 'unknown'; type?: string });

export interface OutlineMeta {
	id?: string;
	title?: string;
	summary?: string;
	class?: string;
	channel?: string;
	difficulty?: string;
	minutes?: number;
	persona: { name?: string; archetype?: string; description?: string };
	manager?: string;
	objectives: string[];
	tags: string[];
	moodStart?: number;
	start?: string;
	/** From the first line to the `nodes:` key. */
	lines: LineRange;
	fields: FieldLines;
}

export type Outline = { ok: true; meta: OutlineMeta; nodes: OutlineNode[] } | { ok: false; message: string; line: number };

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] | undefined => (v === undefined || v === null ? undefined : (Array.isArray(v) ? v : [v]).map((x) => str(x) ?? ''));

function condition(v: unknown): OutlineCondition {
	const o = obj(v);
	const mood = (x: unknown) => (typeof x === 'number' ? x : str(x));
	const c: OutlineCondition = {};
	if (o.moodAtLeast !== undefined) c.moodAtLeast = mood(o.moodAtLeast);
	if (o.moodBelow !== undefined) c.moodBelow = mood(o.moodBelow);
	for (const k of ['chose', 'notChose', 'flagged', 'moved'] as const) if (o[k] !== undefined) c[k] = strs(o[k]);
	return c;
}

/** Codes as code → weight, from the list or the map form. */
function codes(v: unknown): Record<string, number> {
	if (Array.isArray(v)) return Object.fromEntries(v.map((c) => [String(c), 1]));
	return Object.fromEntries(Object.entries(obj(v)).map(([k, w]) => [k, typeof w === 'number' ? w : 1]));
}

class Lines {
	constructor(
		private text: string,
		private counter: LineCounter
	) {}
	line(offset: number): number {
		return this.counter.linePos(offset).line;
	}
	range(node: unknown): LineRange {
		const r = (node as YamlNode | undefined)?.range;
		if (!r) return { from: 1, to: 1 };
		let end = r[1];
		while (end > r[0] && /\s/.test(this.text[end - 1])) end--;
		return { from: this.line(r[0]), to: this.line(Math.max(r[0], end - 1)) };
	}
	fields(map: unknown, prefix = '', out: FieldLines = {}): FieldLines {
		if (!isMap(map)) return out;
		for (const p of map.items) {
			const key = isScalar(p.key) ? String(p.key.value) : '';
			const at = (p.key as YamlNode | null)?.range?.[0];
			if (key && at !== undefined) out[prefix + key] = this.line(at);
			if (key === 'persona' || key === 'manager' || key === 'mood') this.fields(p.value, `${key}.`, out);
		}
		return out;
	}
}

function seqItems(map: unknown, key: string): unknown[] {
	if (!isMap(map)) return [];
	const v = pairOf(map as YAMLMap, key)?.value;
	return isSeq(v) ? v.items : [];
}

type Unkeyed<T> = T extends unknown ? Omit<T, 'key'> : never;

function readNode(data: Obj, yaml: unknown, index: number, lines: Lines): Unkeyed<OutlineNode> {
	const base = { index, id: str(data.id) ?? '', lines: lines.range(yaml), fields: lines.fields(yaml) };
	switch (data.type) {
		case 'line': {
			const ys = seqItems(yaml, 'variants');
			const variants = list(data.variants).map((v, i) => ({ index: i, when: condition(obj(v).when), text: str(obj(v).text), lines: lines.range(ys[i]) }));
			return { ...base, kind: 'line', speaker: str(data.speaker), text: str(data.text), direction: str(data.direction), variants, next: str(data.next) };
		}
		case 'decision': {
			const ys = seqItems(yaml, 'replies');
			const replies = list(data.replies).map((v, i): OutlineReply => {
				const r = obj(v);
				return {
					index: i,
					id: str(r.id) ?? '',
					text: str(r.text),
					moves: codes(r.moves),
					flags: codes(r.flags),
					mood: num(r.mood),
					feedback: str(r.feedback),
					response: str(r.response),
					next: str(r.next),
					lines: lines.range(ys[i]),
					fields: lines.fields(ys[i])
				};
			});
			return { ...base, kind: 'decision', prompt: str(data.prompt), input: str(data.input), offScript: str(data.offScript), replies };
		}
		case 'route': {
			const ys = seqItems(yaml, 'routes');
			const routes = list(data.routes).map((v, i) => ({ index: i, when: condition(obj(v).when), next: str(obj(v).next), lines: lines.range(ys[i]) }));
			return { ...base, kind: 'route', routes, otherwise: str(data.otherwise) };
		}
		case 'ending':
			return { ...base, kind: 'ending', outcome: str(data.outcome), title: str(data.title), debrief: str(data.debrief) };
		default:
			return { ...base, kind: 'unknown', type: str(data.type) };
	}
}

// Nodes whose source text and first line are unchanged keep their object, so a UI keyed by node
// re-renders only the cards an edit touched.
let memo = new Map<string, OutlineNode>();

/** The outline of a scenario text, or the first YAML syntax error (message and line). */
export function outlineOf(text: string): Outline {
	const parsed = parseText(text);
	if (parsed.error) return { ok: false, message: parsed.error.message, line: parsed.error.line };
	const root = parsed.doc.contents;
	if (root === null) return { ok: true, meta: { persona: {}, objectives: [], tags: [], lines: { from: 1, to: 1 }, fields: {} }, nodes: [] };
	if (!isMap(root)) return { ok: false, message: '这份文件不是一组“字段: 值”。', line: 1 };
	const lines = new Lines(text, parsed.lines);
	// Values are read per part (toJS of the whole document costs a third of a parse at 200 nodes).
	const js = (node: unknown): unknown => {
		if (!node || typeof node !== 'object' || !('toJS' in node)) return node ?? undefined;
		try {
			return (node as YamlNode).toJS(parsed.doc, { maxAliasCount: 10_000 });
		} catch {
			return undefined;
		}
	};
	const data: Obj = {};
	for (const p of root.items) if (isScalar(p.key) && p.key.value !== 'nodes') data[String(p.key.value)] = js(p.value);
	const persona = obj(data.persona);
	const nodesPair = pairOf(root, 'nodes');
	const nodesLine = nodesPair?.key && (nodesPair.key as YamlNode).range ? lines.line((nodesPair.key as YamlNode).range![0]) : lines.line(text.length);
	const meta: OutlineMeta = {
		id: str(data.id),
		title: str(data.title),
		summary: str(data.summary),
		class: str(data.class),
		channel: str(data.channel),
		difficulty: str(data.difficulty),
		minutes: num(data.minutes),
		persona: { name: str(persona.name), archetype: str(persona.archetype), description: str(persona.description) },
		manager: str(obj(data.manager).name),
		objectives: list(data.objectives).map((o) => str(o) ?? ''),
		tags: list(data.tags).map((o) => str(o) ?? ''),
		moodStart: num(obj(data.mood).start),
		start: str(data.start),
		lines: { from: 1, to: nodesLine },
		fields: lines.fields(root)
	};
	const yamlNodes: unknown[] = isSeq(nodesPair?.value) ? nodesPair.value.items : [];
	const seen = new Set<string>();
	const next = new Map<string, OutlineNode>();
	const nodes = yamlNodes.map((y, i) => {
		const r = (y as YamlNode | null)?.range;
		const memoKey = r ? `${i}:${lines.line(r[0])}:${text.slice(r[0], r[1])}` : '';
		const old = memoKey ? memo.get(memoKey) : undefined;
		const id = old?.id ?? (isMap(y) ? (str(js(pairOf(y, 'id')?.value)) ?? '') : '');
		const key = id && !seen.has(id) ? id : `${id}#${i}`;
		seen.add(id);
		const node = old && old.key === key ? old : ({ ...readNode(obj(js(y)), y, i, lines), key } as OutlineNode);
		if (memoKey) next.set(memoKey, node);
		return node;
	});
	memo = next;
	return { ok: true, meta, nodes };
}

/** Where each diagnostic belongs: a reply, a node, the meta card, or the document as a whole. */
export interface PlacedDiagnostics {
	meta: Diagnostic[];
	general: Diagnostic[];
	/** By node index. */
	nodes: Map<number, Diagnostic[]>;
	/** By `<node index>.<reply index>`. */
	replies: Map<string, Diagnostic[]>;
}

export function placeDiagnostics(nodes: OutlineNode[], meta: OutlineMeta | null, diagnostics: Diagnostic[]): PlacedDiagnostics {
	const out: PlacedDiagnostics = { meta: [], general: [], nodes: new Map(), replies: new Map() };
	const add = <K>(m: Map<K, Diagnostic[]>, k: K, d: Diagnostic) => (m.get(k) ?? m.set(k, []).get(k)!).push(d);
	for (const d of diagnostics) {
		const node = findNode(nodes, d.line);
		if (node) {
			const reply = node.kind === 'decision' ? node.replies.find((r) => d.line >= r.lines.from && d.line <= r.lines.to) : undefined;
			if (reply) add(out.replies, `${node.index}.${reply.index}`, d);
			else add(out.nodes, node.index, d);
		} else if (meta && d.line < meta.lines.to) out.meta.push(d);
		else out.general.push(d);
	}
	return out;
}

/** The node whose lines contain a line (nodes are in source order: binary search). */
function findNode(nodes: OutlineNode[], line: number): OutlineNode | undefined {
	let lo = 0;
	let hi = nodes.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const n = nodes[mid];
		if (line < n.lines.from) hi = mid - 1;
		else if (line > n.lines.to) lo = mid + 1;
		else return n;
	}
	return undefined;
}

/** The field of a card written on a line, if any (for placing a diagnostic beside its control). */
export function fieldAt(fields: FieldLines, line: number): string | undefined {
	for (const [k, l] of Object.entries(fields)) if (l === line) return k;
	return undefined;
}
