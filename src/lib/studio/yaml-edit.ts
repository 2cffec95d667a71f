// The studio's YAML core: parse a document once per text (cached), apply an edit to a copy of its
// yaml Document, and write the result back so that every line the edit did not touch keeps its
// bytes, even where yaml's printer would write it differently (`[info]` against `[ info ]`,
// aligned comments, …): the lines yaml would re-style are taken from the original text.
import { diffArrays } from 'diff';
import { FLAG_CODES, MOVE_CODES } from '../domain';
import { Document, isMap, isScalar, isSeq, LineCounter, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';

export type Path = (string | number)[];

export interface Parsed {
	text: string;
	doc: Document.Parsed;
	lines: LineCounter;
	/** The first YAML syntax error, or null. */
	error: { message: string; line: number } | null;
	/** The document as yaml prints it unchanged (computed on first use). */
	printed?: string;
}

const PARSE = { uniqueKeys: false, resolveKnownTags: false, prettyErrors: false } as const;
const cache: Parsed[] = [];
const CACHE_SIZE = 4;

/** The parsed document of a text; the last few texts are remembered, so the outline and the next edit share one parse. */
export function parseText(text: string): Parsed {
	const hit = cache.findIndex((p) => p.text === text);
	if (hit >= 0) {
		const [p] = cache.splice(hit, 1);
		cache.unshift(p);
		return p;
	}
	const lines = new LineCounter();
	const doc = parseDocument(text, { ...PARSE, lineCounter: lines });
	const first = doc.errors[0];
	const error = first ? { message: first.message.split('\n')[0], line: lines.linePos(first.pos[0]).line } : null;
	const parsed: Parsed = { text, doc, lines, error };
	cache.unshift(parsed);
	cache.length = Math.min(cache.length, CACHE_SIZE);
	return parsed;
}

/** How the text indents, so printed lines match it: the first indented key's indent, and whether `- ` items sit under their key's column. */
export function styleOf(text: string): { indent: number; indentSeq: boolean } {
	const indent = /^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n( +)[^\s-]/m.exec(text)?.[1].length ?? 2;
	const seq = /^([ ]*)[^\s#-][^\n]*:[ \t]*\n([ ]*)- /m.exec(text);
	const indentSeq = seq ? seq[2].length > seq[1].length : true;
	return { indent: Math.min(8, Math.max(1, indent)), indentSeq };
}

function print(doc: Document, text: string): string {
	return doc.toString({ lineWidth: 0, minContentWidth: 0, ...styleOf(text) });
}

/**
 * Applies `change` to a copy of the text's document and returns the new text. Throws an Error with
 * a Chinese message when the text does not parse.
 */
export function edit(text: string, change: (doc: Document) => void): string {
	const parsed = parseText(text);
	if (parsed.error) throw new Error(`第 ${parsed.error.line} 行有 YAML 语法错误，先在 YAML 编辑器里改好，再用大纲编辑。`);
	const empty = parsed.doc.contents === null;
	if (!empty && !isMap(parsed.doc.contents)) throw new Error('这份文件不是一组“字段: 值”，大纲编辑器无法修改它。');
	const doc: Document = parsed.doc.clone();
	if (empty) doc.contents = doc.createNode({});
	change(doc);
	const printed = print(doc, text);
	parsed.printed ??= printedCache.get(text) ?? print(parsed.doc, text);
	let out = printed;
	if (parsed.printed !== text) {
		const merged = keepLines(text, parsed.printed, printed);
		// The merge is a line patch: keep it only when it means exactly what yaml printed.
		const check = merged === printed ? null : parseText(merged);
		if (check && !check.error && print(check.doc, merged) === printed) out = merged;
	}
	// The next edit of the result needs its printing: it is the one just made.
	printedCache.set(out, printed);
	if (printedCache.size > CACHE_SIZE) printedCache.delete(printedCache.keys().next().value!);
	return out;
}
const printedCache = new Map<string, string>();

/**
 * Sets an existing one-line scalar by rewriting only its characters in the text (no re-printing):
 * the quick way for typing. Returns null when that is not possible (the caller then uses `edit`).
 */
export function spliceScalar(text: string, path: Path, value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	if (value === '' || (typeof value === 'number' && !Number.isFinite(value))) return null;
	const parsed = parseText(text);
	if (parsed.error) return null;
	const node = nodeAt(parsed.doc, path);
	if (!isScalar(node) || !node.range || typeof node.value !== typeof value) return null;
	let repr: string;
	if (typeof value === 'number') repr = String(value);
	else if (/[\n\r]/.test(value)) return null;
	else if (node.type === Scalar.QUOTE_SINGLE) repr = `'${value.replace(/'/g, "''")}'`;
	else if (node.type === Scalar.QUOTE_DOUBLE || !plainSafe(value)) repr = JSON.stringify(value);
	else if (node.type === Scalar.PLAIN) repr = value;
	else return null;
	return text.slice(0, node.range[0]) + repr + text.slice(node.range[1]);
}

/** A text that reads back as itself when written plain, in a block or a flow collection. */
function plainSafe(value: string): boolean {
	if (value !== value.trim() || /[,[\]{}#]|: |:$|^[-?:!&*|>'"%@`]/.test(value)) return false;
	const back = parseDocument(`k: ${value}`, PARSE);
	return !back.errors.length && back.get('k') === value;
}

/**
 * A three-way line merge: `original` is the author's text, `before` yaml's printing of it, `after`
 * yaml's printing of the edited document. Lines the edit left alone come from `original`.
 */
export function keepLines(original: string, before: string, after: string): string {
	const A = original.split('\n');
	const B = before.split('\n');
	const C = after.split('\n');
	// Segments of B and the lines of A they stand for: single equal lines, or a hunk yaml re-styled.
	type Segment = { b0: number; b1: number; a0: number; a1: number };
	const segments: Segment[] = [];
	let ai = 0;
	let bi = 0;
	let hunk: Segment | null = null;
	const flush = (h: Segment) => {
		// Lines re-styled one for one pair up line by line, so an edit of one leaves the others alone.
		if (h.b1 - h.b0 === h.a1 - h.a0) for (let k = 0; k < h.b1 - h.b0; k++) segments.push({ b0: h.b0 + k, b1: h.b0 + k + 1, a0: h.a0 + k, a1: h.a0 + k + 1 });
		else segments.push(h);
	};
	for (const part of diffArrays(B, A)) {
		if (!part.added && !part.removed) {
			if (hunk) flush(hunk), (hunk = null);
			for (let k = 0; k < part.count!; k++) segments.push({ b0: bi, b1: ++bi, a0: ai, a1: ++ai });
			continue;
		}
		hunk ??= { b0: bi, b1: bi, a0: ai, a1: ai };
		if (part.removed) bi = hunk.b1 = bi + part.count!;
		else ai = hunk.a1 = ai + part.count!;
	}
	if (hunk) flush(hunk);
	// What the edit did to B: lines kept, and lines inserted before each line of B.
	const kept = new Array<boolean>(B.length).fill(true);
	const inserted: string[][] = Array.from({ length: B.length + 1 }, () => []);
	bi = 0;
	for (const part of diffArrays(B, C)) {
		if (part.added) inserted[bi].push(...part.value);
		else if (part.removed) for (let k = 0; k < part.count!; k++) kept[bi++] = false;
		else bi += part.count!;
	}
	const out: string[] = [];
	for (const s of segments) {
		if (s.b0 === s.b1) {
			// Lines only the original has (yaml dropped them): keep them while their neighbourhood stays.
			if ((s.b0 < B.length && kept[s.b0]) || (s.b0 > 0 && kept[s.b0 - 1])) out.push(...A.slice(s.a0, s.a1));
			continue;
		}
		out.push(...inserted[s.b0]);
		let intact = true;
		for (let k = s.b0; k < s.b1; k++) if (!kept[k] || (k > s.b0 && inserted[k].length)) intact = false;
		if (intact) out.push(...A.slice(s.a0, s.a1));
		else
			for (let k = s.b0; k < s.b1; k++) {
				if (k > s.b0) out.push(...inserted[k]);
				if (kept[k]) out.push(B[k]);
			}
	}
	out.push(...inserted[B.length]);
	return alignComments(A, out).join('\n');
}

const COMMENTED = /^(\s*(?:- )?[^\s#:][^#:]*:)(.*?\S)( +)(#.*)$/;

/** A re-printed line whose original lined its comment up with others gets the same column back. */
function alignComments(original: string[], lines: string[]): string[] {
	const columns = new Map<string, number>();
	for (const line of original) {
		const m = COMMENTED.exec(line);
		if (m && m[3].length > 1) columns.set(`${m[1]}${m[4]}`, m[1].length + m[2].length + m[3].length);
	}
	if (!columns.size) return lines;
	return lines.map((line) => {
		const m = COMMENTED.exec(line);
		const column = m && m[3].length === 1 ? columns.get(`${m[1]}${m[4]}`) : undefined;
		if (!m || column === undefined) return line;
		const before = m[1] + m[2];
		return before + ' '.repeat(Math.max(1, column - before.length)) + m[4];
	});
}

// ---------------------------------------------------------------------------------------------
// Reading and writing inside a document

/** Key order of the format (docs/scenario-format.md): new keys go where an author would write them. */
export const ORDER = {
	meta: ['format', 'id', 'title', 'summary', 'class', 'channel', 'difficulty', 'minutes', 'persona', 'manager', 'objectives', 'tags', 'responseTime', 'mood', 'reactions', 'start', 'nodes'],
	persona: ['name', 'archetype', 'description'],
	node: ['id', 'type', 'speaker', 'direction', 'text', 'audio', 'variants', 'prompt', 'input', 'offScript', 'replies', 'routes', 'otherwise', 'outcome', 'title', 'debrief', 'next'],
	reply: ['id', 'text', 'moves', 'flags', 'mood', 'feedback', 'response', 'next'],
	variant: ['when', 'text', 'audio'],
	route: ['when', 'next'],
	condition: ['moodAtLeast', 'moodBelow', 'chose', 'notChose', 'flagged', 'moved']
} as const;

/** The key order for a map at a data path. */
function orderAt(path: Path): readonly string[] {
	const n = path.length;
	if (n === 0) return ORDER.meta;
	const last = path[n - 1];
	if (last === 'persona' && n === 1) return ORDER.persona;
	if (last === 'when') return ORDER.condition;
	if (last === 'moves') return MOVE_CODES;
	if (last === 'flags') return FLAG_CODES;
	if (typeof last === 'number') {
		const list = path[n - 2];
		if (list === 'nodes') return ORDER.node;
		if (list === 'replies') return ORDER.reply;
		if (list === 'variants') return ORDER.variant;
		if (list === 'routes') return ORDER.route;
	}
	return [];
}

/** Keys written as `{ a: 1 }` on one line, as the format's examples do. */
const FLOW_KEYS = new Set(['when', 'moves', 'flags']);

export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A map's pair for a key (plain scalar keys only). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
	return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === key) as Pair | undefined;
}

/** The node at a path, or undefined. */
export function nodeAt(doc: Document, path: Path): unknown {
	let cur: unknown = doc.contents;
	for (const seg of path) {
		if (isMap(cur)) cur = pairOf(cur, String(seg))?.value;
		else if (isSeq(cur) && typeof seg === 'number') cur = cur.items[seg];
		else return undefined;
	}
	return cur;
}

export function mapAt(doc: Document, path: Path, what: string): YAMLMap {
	const node = nodeAt(doc, path);
	if (!isMap(node)) throw new Error(`找不到${what}。`);
	return node;
}

export function seqAt(doc: Document, path: Path, what: string): YAMLSeq {
	const node = nodeAt(doc, path);
	if (!isSeq(node)) throw new Error(`找不到${what}。`);
	return node;
}

/** A new YAML node for a value, flow style for conditions and codes. */
export function createNode(doc: Document, value: unknown, key?: string): YamlNode {
	const node = doc.createNode(value) as YamlNode;
	if (key && FLOW_KEYS.has(key) && isMap(node)) node.flow = true;
	if (isMap(node) || isSeq(node))
		for (const item of node.items as unknown[]) {
			const pair = isMap(node) ? (item as Pair) : null;
			const child = pair ? pair.value : item;
			const name = pair && isScalar(pair.key) ? String(pair.key.value) : undefined;
			if (name && FLOW_KEYS.has(name) && isMap(child)) child.flow = true;
			if (isMap(child))
				for (const p of child.items) if (isScalar(p.key) && FLOW_KEYS.has(String(p.key.value)) && isMap(p.value)) p.value.flow = true;
		}
	return node;
}

/** Puts a pair into a map at its place in the conventional order (unknown keys stay where they are). */
export function insertOrdered(map: YAMLMap, pair: Pair, order: readonly string[]): void {
	const rank = order.indexOf(String(isScalar(pair.key) ? pair.key.value : pair.key));
	if (rank < 0) return void map.items.push(pair);
	const at = map.items.findIndex((p) => {
		const r = order.indexOf(String(isScalar(p.key) ? p.key.value : p.key));
		return r > rank;
	});
	if (at < 0) map.items.push(pair);
	else map.items.splice(at, 0, pair);
}

/**
 * Sets the value at a path (creating maps on the way), or removes the key when the value is
 * empty. A scalar keeps its node (and so its comment and quoting); a list of texts keeps its items.
 */
export function setAt(doc: Document, path: Path, value: unknown): void {
	if (!path.length) throw new Error('没有指定要修改的字段。');
	const parentPath = path.slice(0, -1);
	const key = path[path.length - 1];
	let parent = nodeAt(doc, parentPath);
	if (parent === undefined || parent === null || (isScalar(parent) && parent.value === null)) {
		if (isEmpty(value)) return;
		setAt(doc, parentPath, {});
		parent = nodeAt(doc, parentPath);
	}
	if (isSeq(parent)) {
		if (typeof key !== 'number' || key < 0 || key > parent.items.length) throw new Error('列表里没有这一项。');
		if (key === parent.items.length) parent.items.push(createNode(doc, value));
		else replaceValue(doc, parent.items, key, value);
		return;
	}
	if (!isMap(parent)) throw new Error('这里的内容不是一组字段，无法修改。');
	const name = String(key);
	const pair = pairOf(parent, name);
	if (isEmpty(value)) {
		if (pair) parent.items.splice(parent.items.indexOf(pair), 1);
		return;
	}
	if (pair) {
		const holder = [pair.value];
		replaceValue(doc, holder, 0, value, name);
		pair.value = holder[0];
	} else insertOrdered(parent, doc.createPair(name, createNode(doc, value, name)) as Pair, orderAt(parentPath));
}

function replaceValue(doc: Document, items: unknown[], i: number, value: unknown, key?: string): void {
	const old = items[i];
	if (isScalar(old) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
		const s = old as Scalar;
		// A number typed as text keeps being a number only when it was one.
		s.value = value;
		if (typeof value === 'string' && /\n/.test(value) && s.type !== Scalar.BLOCK_LITERAL) s.type = undefined;
		return;
	}
	if (isSeq(old) && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
		old.items.length = Math.min(old.items.length, value.length);
		value.forEach((v, k) => {
			if (k < old.items.length && isScalar(old.items[k])) (old.items[k] as Scalar).value = v;
			else old.items[k] = createNode(doc, v);
		});
		return;
	}
	const node = createNode(doc, value, key);
	if (old && typeof old === 'object' && 'comment' in old && (old as YamlNode).comment) (node as YamlNode).comment = (old as YamlNode).comment;
	items[i] = node;
}

/** The plain value of a scalar node (or undefined). */
export function scalarValue(node: unknown): unknown {
	return isScalar(node) ? node.value : undefined;
}
