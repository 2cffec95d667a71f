// Scenario compiler, in ink's manner: parse → validate → resolve references → check the graph →
// compile, each step collecting every diagnostic with its file and line instead of stopping.
import { sha256Hex } from '../sha256';
import { isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { z } from 'zod';
import { FLAG_CODES, MOOD_STAGES, MOVE_CODES, type MoodStageId } from '../domain';
import { scenarioSchema, type ConditionFile, type ScenarioFile } from './schema';
import type { CompiledNode, CompiledScenario, Condition, Diagnostic } from './types';
import { overTheTop } from './over-the-top';
import { DEFAULT_HOLD_SECONDS } from './pressure';
import { mergeReactions } from './reactions';
import type { ReactionDefaults } from './reactions-file';

export const DEFAULT_RESPONSE_TIME = { targetSeconds: 30, scored: false } as const;

/**
 * What a file may hold. `flowDepth` bounds [ { nesting; `diagnostics` is how many problems are
 * listed before the rest are only counted.
 */
export const LIMITS = { bytes: 2 * 1024 * 1024, yamlNodes: 200_000, aliases: 100, scenarioNodes: 5000, flowDepth: 64, diagnostics: 200 } as const;

/** Where a value sits in the source, for diagnostics. */
export interface Located {
	file: string;
	doc: Document.Parsed | null;
	lines: LineCounter;
}

export interface CompileResult {
	scenario: CompiledScenario | null;
	diagnostics: Diagnostic[];
	/** The validated file, for tools that need authored fields (null when invalid). */
	source: ScenarioFile | null;
}

export function diag(src: Located, offset: number, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
	const { line, col } = src.lines.linePos(Math.max(0, offset));
	return { file: src.file, line, col, severity, message };
}

/** The source node at a data path, or the nearest ancestor that exists. Keys point at the key. */
function nodeAt(src: Located, path: readonly PropertyKey[], key = false): YamlNode | null {
	let cur: unknown = src.doc?.contents ?? null;
	let best: YamlNode | null = (cur as YamlNode) ?? null;
	for (let i = 0; i < path.length; i++) {
		const seg = path[i];
		if (isMap(cur)) {
			const pair = keyIndex(cur).get(String(seg));
			if (!pair) break;
			if (key && i === path.length - 1) return pair.key as YamlNode;
			cur = pair.value;
		} else if (isSeq(cur) && typeof seg === 'number') {
			cur = cur.items[seg];
		} else break;
		if (cur && typeof cur === 'object' && 'range' in cur) best = cur as YamlNode;
		else break;
	}
	return best;
}

const keyIndexes = new WeakMap<object, Map<string, Pair>>();
/** A map's pairs by key (the first of equal keys), built once: a lookup per diagnostic stays cheap. */
function keyIndex(map: { items: Pair[] }): Map<string, Pair> {
	let index = keyIndexes.get(map);
	if (!index) {
		index = new Map();
		for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
		keyIndexes.set(map, index);
	}
	return index;
}

export function at(src: Located, path: readonly PropertyKey[], key = false): number {
	return nodeAt(src, path, key)?.range?.[0] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// 1. Parse

export function parse(file: string, text: string): { src: Located; data: unknown; ok: boolean; diagnostics: Diagnostic[] } {
	const lines = new LineCounter();
	const src: Located = { file, doc: null, lines };
	const refuse = (offset: number, message: string) => {
		if (!lines.lineStarts.length) lines.addNewLine(0);
		return { src, data: null, ok: false, diagnostics: [{ file, ...position(text, offset), severity: 'error' as const, message }] };
	};
	const bytes = new TextEncoder().encode(text).length;
	if (bytes > LIMITS.bytes) return refuse(0, `file is ${bytes} bytes; the limit is ${LIMITS.bytes}`);
	// Refuse what would make the YAML parser slow before it runs: deep [ { nesting (it recurses and
	// recovers from stack overflows level by level: over a minute for 2 MiB of "[") and node counts
	// over the limit (counted from the tokens, which are never more than the nodes).
	const scan = scanTokens(text);
	if (scan.tooDeep !== null) return refuse(scan.tooDeep, `YAML: [ ] and { } nested more than ${LIMITS.flowDepth} levels deep`);
	if (scan.nodes > LIMITS.yamlNodes) return refuse(0, `file has more than ${LIMITS.yamlNodes} YAML nodes`);

	let doc: Document.Parsed;
	const stackTraceLimit = Error.stackTraceLimit;
	try {
		// yaml makes an Error per problem: a file full of them spent most of its time on stack traces.
		Error.stackTraceLimit = 0;
		// uniqueKeys is checked below in one pass: yaml's own check is quadratic in a map's size.
		// resolveKnownTags: false keeps !!binary, !!set, !!timestamp… as plain strings.
		doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true, resolveKnownTags: false });
	} catch (e) {
		return refuse(0, `YAML: cannot read this file (${firstLine((e as Error).message)})`);
	} finally {
		Error.stackTraceLimit = stackTraceLimit;
	}
	src.doc = doc;
	const diagnostics: Diagnostic[] = [];
	for (const e of doc.errors) {
		const quote = e.code === 'MISSING_CHAR' ? /^Missing closing (["'])quote/.exec(e.message)?.[1] : undefined;
		if (quote) {
			// yaml reports an unclosed quote where the string ends (often the end of the file); the
			// author needs the place where it opens.
			const opened = scan.quoteStarts.get(e.pos[0]) ?? e.pos[0];
			diagnostics.push(diag(src, opened, `YAML: this quoted string is never closed (missing closing ${quote})`));
		} else if (e.code === 'MISSING_CHAR' && e.message.startsWith('Implicit map keys need to be followed by map values')) {
			diagnostics.push(diag(src, e.pos[0], `YAML: missing ":" in ${excerpt(text, e.pos[0], e.pos[1])} (each field is written key: value)`));
		} else if (e.message.includes('Maximum call stack size exceeded')) {
			// Deep block nesting: yaml recovers from its own stack overflow and reports it.
			diagnostics.push(diag(src, e.pos[0], 'YAML: nested too deeply to read (lists and maps inside each other, hundreds of levels)'));
		} else diagnostics.push(diag(src, e.pos[0], `YAML: ${firstLine(e.message)}`));
	}
	if (diagnostics.length) return { src, data: null, ok: false, diagnostics: limitDiagnostics(dedupe(diagnostics)) };

	let count = 0;
	let aliases = 0;
	try {
		visit(doc, {
			Node() {
				if (++count > LIMITS.yamlNodes) return visit.BREAK;
			},
			Map(_, map) {
				const seen = new Map<unknown, number>();
				for (const { key } of map.items) {
					if (!isScalar(key)) continue;
					const first = seen.get(key.value);
					const offset = key.range?.[0] ?? 0;
					if (first === undefined) seen.set(key.value, offset);
					else diagnostics.push(diag(src, offset, `YAML: duplicate key "${String(key.value)}" (first at line ${lines.linePos(first).line})`));
				}
			},
			Alias(_, alias) {
				aliases++;
				if (alias.resolve(doc) === undefined)
					diagnostics.push(diag(src, alias.range?.[0] ?? 0, `YAML: alias *${alias.source} refers to no anchor (define it first with &${alias.source})`));
			}
		});
	} catch (e) {
		return refuse(0, `YAML: cannot read this file (${firstLine((e as Error).message)})`);
	}
	if (count > LIMITS.yamlNodes) return { src, data: null, ok: false, diagnostics: [diag(src, 0, `file has more than ${LIMITS.yamlNodes} YAML nodes`)] };
	if (aliases > LIMITS.aliases)
		return { src, data: null, ok: false, diagnostics: [diag(src, 0, `file uses ${aliases} YAML aliases; the limit is ${LIMITS.aliases}`)] };
	if (diagnostics.length) return { src, data: null, ok: false, diagnostics: limitDiagnostics(sortDiagnostics(diagnostics)) };
	try {
		// maxAliasCount bounds the expanded size, which stops "billion laughs" nesting.
		return { src, data: doc.toJS({ maxAliasCount: LIMITS.aliases * 100 }), ok: true, diagnostics };
	} catch (e) {
		return { src, data: null, ok: false, diagnostics: [diag(src, 0, `YAML: ${firstLine((e as Error).message)}`)] };
	}
}

/** 1-based line and column of an offset, without a LineCounter (for files refused before parsing). */
function position(text: string, offset: number): { line: number; col: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, col: offset - lineStart + 1 };
}

/**
 * One pass of yaml's lexer (linear, no recursion): a lower bound on the YAML nodes (scalars,
 * aliases, [ and {), the first [ or { nested deeper than the limit, and where each quoted scalar
 * starts by where it ends (yaml reports a missing closing quote at the end of the scalar, and
 * reading the tokens means quotes inside other scalars, 6.1" or the '' escape, cannot mislead).
 * Offsets follow yaml's parser: the marker tokens it emits take no room in the source.
 */
function scanTokens(text: string): { nodes: number; tooDeep: number | null; quoteStarts: Map<number, number> } {
	const quoteStarts = new Map<number, number>();
	let nodes = 0;
	let depth = 0;
	let offset = 0;
	let scalarSource = false;
	for (const token of new Lexer().lex(text)) {
		if (token === SCALAR_MARK) {
			nodes++;
			scalarSource = true;
			continue;
		}
		if (token === FLOW_END_MARK) depth = 0; // the lexer closed every open [ { (an error yaml reports)
		if (token === DOCUMENT_MARK || token === FLOW_END_MARK) continue;
		const start = offset;
		offset += token.length;
		if (scalarSource) {
			scalarSource = false;
			continue;
		}
		switch (token[0]) {
			case '"':
			case "'":
				nodes++;
				quoteStarts.set(offset, start);
				break;
			case '*':
				nodes++;
				break;
			case '[':
			case '{':
				nodes++;
				if (++depth > LIMITS.flowDepth) return { nodes, tooDeep: start, quoteStarts };
				break;
			case ']':
			case '}':
				depth = Math.max(0, depth - 1);
		}
		if (nodes > LIMITS.yamlNodes) break;
	}
	return { nodes, tooDeep: null, quoteStarts };
}
const SCALAR_MARK = '\x1f';
const DOCUMENT_MARK = '\x02';
const FLOW_END_MARK = '\x18';

/** Past LIMITS.diagnostics problems, the rest are counted in one last line. */
export function limitDiagnostics(ds: Diagnostic[]): Diagnostic[] {
	if (ds.length <= LIMITS.diagnostics) return ds;
	const rest = ds.slice(LIMITS.diagnostics);
	return [...ds.slice(0, LIMITS.diagnostics), { ...rest[0], message: `${rest.length} more problems not listed; fix the ones above first` }];
}

/** A short quotation of the source between two offsets, for messages. */
function excerpt(text: string, from: number, to: number): string {
	const s = firstLine(text.slice(from, Math.min(to, from + 200)));
	return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

function firstLine(s: string): string {
	return s.split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------
// 2. Validate against the schema

/** How a schema's diagnostics name things: the file kind, list items, code fields. */
export interface SchemaWording {
	/** The message when the file is not a YAML map. */
	notAMap: string;
	/** What an item of a list field is called (`nodes` → `node`); `${field} item` when absent. */
	itemNoun: Record<string, string>;
	/** For a map keyed by codes (`moves: { listen: 2 }`), which codes the key at this path may be. */
	codeKeys?: (path: readonly PropertyKey[]) => { kind: string; known: readonly string[] } | null;
	/** A clearer message for a bad value at this path, where zod would only say "Invalid input". */
	valueIssue?: (path: readonly PropertyKey[], value: unknown) => string | null;
}

export function describePath(data: unknown, path: readonly PropertyKey[], itemNoun: Record<string, string> = SCENARIO_WORDING.itemNoun): string {
	const parts: string[] = [];
	let cur: unknown = data;
	for (const seg of path) {
		const next = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as string] : undefined;
		if (typeof seg === 'number') {
			const idv = next && typeof next === 'object' ? (next as { id?: unknown }).id : undefined;
			const label = typeof idv === 'string' ? `"${idv}"` : `#${seg + 1}`;
			const parent = parts.pop();
			const noun = (parent !== undefined && Object.hasOwn(itemNoun, parent) ? itemNoun[parent] : undefined) ?? `${parent ?? ''} item`;
			parts.push(`${noun} ${label}`);
		} else parts.push(String(seg));
		cur = next;
	}
	return parts.join(' › ');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let cur = data;
	for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as string] : undefined;
	return cur;
}

const SCENARIO_WORDING: SchemaWording = {
	notAMap: 'a scenario file must be a YAML map of fields (format, id, title, …, nodes)',
	itemNoun: { nodes: 'node', replies: 'reply', routes: 'route', variants: 'variant' },
	codeKeys: (path) => {
		const field = path[path.length - 1];
		return field === 'moves' ? { kind: 'move', known: MOVE_CODES } : field === 'flags' ? { kind: 'flag', known: FLAG_CODES } : null;
	},
	valueIssue: codeIssue
};

export function validate(src: Located, data: unknown): { file: ScenarioFile | null; diagnostics: Diagnostic[] } {
	return validateSchema(src, data, scenarioSchema, SCENARIO_WORDING);
}

/**
 * Validates parsed YAML against a zod schema: every issue becomes a diagnostic placed at the
 * value (or the key, for an unknown field) it is about, its path spelled out with item ids.
 */
export function validateSchema<S extends z.ZodType>(src: Located, data: unknown, schema: S, wording: SchemaWording): { file: z.output<S> | null; diagnostics: Diagnostic[] } {
	// A top-level map reads as a plain object; anything else (null, a list, a string) is not a file of this kind.
	if (data === null || typeof data !== 'object' || Object.getPrototypeOf(data) !== Object.prototype) {
		return { file: null, diagnostics: [diag(src, at(src, []), wording.notAMap)] };
	}
	const result = schema.safeParse(data);
	if (result.success) return { file: result.data, diagnostics: [] };
	const diagnostics: Diagnostic[] = [];
	for (const issue of flatten(result.error.issues)) {
		const path = issue.path;
		const where = describePath(data, path, wording.itemNoun);
		const prefix = where ? `${where}: ` : '';
		const codeKeys = wording.codeKeys?.(path) ?? null;
		if (issue.code === 'unrecognized_keys' || (issue.code === 'invalid_key' && codeKeys)) {
			const keys = issue.code === 'unrecognized_keys' ? issue.keys : [String((issue as { key?: unknown }).key ?? '')];
			for (const k of keys)
				diagnostics.push(
					diag(src, at(src, [...path, k], true), codeKeys ? `${prefix}unknown ${codeKeys.kind} code "${k}"; expected one of ${codeKeys.known.join(', ')}` : `${prefix}unknown field "${k}"`)
				);
			continue;
		}
		const missing = valueAt(data, path) === undefined && issue.code === 'invalid_type';
		const better = wording.valueIssue?.(path, valueAt(data, path)) ?? null;
		if (better) diagnostics.push(diag(src, at(src, path), `${prefix}${better}`));
		else if (missing) {
			const parent = describePath(data, path.slice(0, -1), wording.itemNoun);
			const field = String(path[path.length - 1]);
			diagnostics.push(diag(src, at(src, path.slice(0, -1)), `${parent ? `${parent}: ` : ''}missing required field "${field}"`));
		} else diagnostics.push(diag(src, at(src, path), `${prefix}${issue.message}`));
	}
	return { file: null, diagnostics: limitDiagnostics(dedupe(sortDiagnostics(diagnostics))) };
}

/**
 * A clearer message for a bad move or flag code: in a reply's list (`moves: [info, smile]`) or in
 * a condition (`flagged: rude`, `moved: [smile]`), where zod would only say "Invalid input".
 */
function codeIssue(path: readonly PropertyKey[], value: unknown): string | null {
	const item = typeof path[path.length - 1] === 'number';
	const field = String(path[path.length - (item ? 2 : 1)] ?? '');
	const kind = field === 'moves' || field === 'moved' ? 'move' : field === 'flags' || field === 'flagged' ? 'flag' : null;
	if (!kind || (!item && (field === 'moves' || field === 'flags'))) return null; // a reply's whole field: the schema's message
	const known = (kind === 'move' ? MOVE_CODES : FLAG_CODES).join(', ');
	if (typeof value === 'string') return `unknown ${kind} code "${value}"; expected one of ${known}`;
	if (item) return `expected a ${kind} code, one of ${known}`;
	if (Array.isArray(value) && value.length === 0) return `the list is empty; name at least one ${kind} code: ${known}`;
	return `expected a ${kind} code or a list of them, from ${known}`;
}

type Issue = z.core.$ZodIssue;
/** Unions report their branches' issues nested; surface the branch that got furthest. */
function flatten(issues: readonly Issue[]): Issue[] {
	const out: Issue[] = [];
	for (const i of issues) {
		if (i.code === 'invalid_union' && i.errors.length) {
			const deepest = i.errors.map((branch) => flatten(branch.map((b) => ({ ...b, path: [...i.path, ...b.path] })))).sort((a, b) => depth(b) - depth(a))[0];
			if (depth(deepest) > i.path.length) {
				out.push(...deepest);
				continue;
			}
		}
		out.push(i);
	}
	return out;
}
function depth(issues: Issue[]): number {
	return Math.max(0, ...issues.map((i) => i.path.length));
}
export function dedupe(ds: Diagnostic[]): Diagnostic[] {
	const seen = new Set<string>();
	return ds.filter((d) => {
		const k = `${d.line}:${d.col}:${d.message}`;
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}

// ---------------------------------------------------------------------------------------------
// 3. Resolve references

export function resolve(src: Located, f: ScenarioFile): Diagnostic[] {
	const out: Diagnostic[] = [];
	const base = src.file.split(/[\\/]/).pop()!.replace(/\.ya?ml$/, '');
	if (base !== f.id) out.push(diag(src, at(src, ['id']), `id "${f.id}" must match the file name "${base}.yaml"`));
	if (f.nodes.length > LIMITS.scenarioNodes) out.push(diag(src, at(src, ['nodes']), `${f.nodes.length} nodes; the limit is ${LIMITS.scenarioNodes}`));

	const ids = new Map<string, number>();
	f.nodes.forEach((n, i) => {
		if (ids.has(n.id)) out.push(diag(src, at(src, ['nodes', i, 'id']), `duplicate node id "${n.id}" (first defined at line ${src.lines.linePos(at(src, ['nodes', ids.get(n.id)!, 'id'])).line})`));
		else ids.set(n.id, i);
	});
	const replyRefs = new Set<string>();
	f.nodes.forEach((n, i) => {
		if (n.type !== 'decision') return;
		const seen = new Set<string>();
		n.replies.forEach((r, j) => {
			if (seen.has(r.id)) out.push(diag(src, at(src, ['nodes', i, 'replies', j, 'id']), `duplicate reply id "${r.id}" in decision "${n.id}"`));
			seen.add(r.id);
			replyRefs.add(`${n.id}.${r.id}`);
		});
	});

	const target = (path: PropertyKey[], ref: string, what: string) => {
		if (!ids.has(ref)) out.push(diag(src, at(src, path), `${what} leads to "${ref}", which is not a node${suggest(ref, [...ids.keys()])}`));
	};
	const conditionRefs = (path: PropertyKey[], c: ConditionFile) => {
		for (const key of ['chose', 'notChose'] as const) {
			const v = c[key];
			if (v === undefined) continue;
			const list = Array.isArray(v) ? v : [v];
			list.forEach((ref, k) => {
				if (!replyRefs.has(ref)) out.push(diag(src, at(src, Array.isArray(v) ? [...path, key, k] : [...path, key]), `${key}: "${ref}" is not a reply of any decision${suggest(ref, [...replyRefs])}`));
			});
		}
	};
	if (f.start !== undefined) target(['start'], f.start, 'start');
	f.nodes.forEach((n, i) => {
		const p: PropertyKey[] = ['nodes', i];
		const label = `node "${n.id}"`;
		if (n.type === 'line') {
			target([...p, 'next'], n.next, label);
			n.variants?.forEach((v, k) => conditionRefs([...p, 'variants', k, 'when'], v.when));
		} else if (n.type === 'decision') {
			n.replies.forEach((r, j) => target([...p, 'replies', j, 'next'], r.next, `reply "${n.id}.${r.id}"`));
			if (n.offScript !== undefined) target([...p, 'offScript'], n.offScript, `off-script route of "${n.id}"`);
		} else if (n.type === 'route') {
			n.routes.forEach((r, k) => {
				target([...p, 'routes', k, 'next'], r.next, label);
				conditionRefs([...p, 'routes', k, 'when'], r.when);
			});
			target([...p, 'otherwise'], n.otherwise, label);
		}
	});
	return out;
}

export function suggest(ref: string, known: string[]): string {
	let best = '';
	let bestD = Infinity;
	for (const k of known) {
		const d = editDistance(ref, k);
		if (d < bestD) [best, bestD] = [k, d];
	}
	return bestD <= Math.max(2, ref.length / 3) ? ` (did you mean "${best}"?)` : '';
}
function editDistance(a: string, b: string): number {
	const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let prev = dp[0];
		dp[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const tmp = dp[j];
			dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = tmp;
		}
	}
	return dp[b.length];
}

// ---------------------------------------------------------------------------------------------
// 4. Check the graph (static: every edge counts, whatever its condition)

export function successors(n: ScenarioFile['nodes'][number]): string[] {
	switch (n.type) {
		case 'line':
			return [n.next];
		case 'decision':
			return [...n.replies.map((r) => r.next), ...(n.offScript ? [n.offScript] : [])];
		case 'route':
			return [...n.routes.map((r) => r.next), n.otherwise];
		case 'ending':
			return [];
	}
}

export function checkGraph(src: Located, f: ScenarioFile): Diagnostic[] {
	const out: Diagnostic[] = [];
	const index = new Map(f.nodes.map((n, i) => [n.id, i]));
	const edges = new Map(f.nodes.map((n) => [n.id, successors(n).filter((s) => index.has(s))]));
	const start = f.start ?? f.nodes[0].id;
	const idAt = (id: string) => at(src, ['nodes', index.get(id)!, 'id']);
	if (!f.nodes.some((n) => n.type === 'ending')) out.push(diag(src, at(src, ['nodes']), 'the scenario has no ending node'));

	const reachable = new Set<string>();
	const stack = index.has(start) ? [start] : [];
	while (stack.length) {
		const id = stack.pop()!;
		if (reachable.has(id)) continue;
		reachable.add(id);
		stack.push(...edges.get(id)!);
	}
	for (const n of f.nodes) if (!reachable.has(n.id)) out.push(diag(src, idAt(n.id), `node "${n.id}" can never be reached from the start ("${start}")`));

	const reverse = new Map<string, string[]>(f.nodes.map((n) => [n.id, []]));
	for (const [from, tos] of edges) for (const t of tos) reverse.get(t)!.push(from);
	const canEnd = new Set<string>();
	const queue = f.nodes.filter((n) => n.type === 'ending').map((n) => n.id);
	while (queue.length) {
		const id = queue.pop()!;
		if (canEnd.has(id)) continue;
		canEnd.add(id);
		queue.push(...reverse.get(id)!);
	}

	// Strongly connected components find loops: one with no way out, or one nobody decides in
	// (line and route nodes would cycle forever without a reply to change the state).
	const sccs = components(f.nodes.map((n) => n.id), edges);
	for (const scc of sccs) {
		const cyclic = scc.length > 1 || edges.get(scc[0])!.includes(scc[0]);
		if (!cyclic) continue;
		const first = scc.reduce((a, b) => (index.get(a)! < index.get(b)! ? a : b));
		if (!scc.some((id) => canEnd.has(id)))
			out.push(diag(src, idAt(first), `loop with no way out: ${describeLoop(first, scc, edges)} never reaches an ending`));
		else if (!scc.some((id) => f.nodes[index.get(id)!].type === 'decision'))
			out.push(diag(src, idAt(first), `loop without a decision: ${describeLoop(first, scc, edges)} would repeat forever, since nothing changes the state`));
	}
	const inDeadLoop = new Set<string>();
	for (const scc of sccs) if (!scc.some((id) => canEnd.has(id)) && (scc.length > 1 || edges.get(scc[0])!.includes(scc[0]))) scc.forEach((id) => inDeadLoop.add(id));
	for (const n of f.nodes)
		if (reachable.has(n.id) && !canEnd.has(n.id) && !inDeadLoop.has(n.id) && n.type !== 'ending')
			out.push(diag(src, idAt(n.id), `no ending can be reached from node "${n.id}"`));
	return out;
}

const LOOP_SHOWN = 12;

/**
 * A loop as the conversation can go round it, every arrow an edge of the file: a closed walk from
 * `first` through every member of the strongly connected component (`"hub" → "left" → "hub" →
 * "right" → "hub"`). A long loop shows its shortest cycle through `first` and counts the rest.
 */
function describeLoop(first: string, scc: string[], edges: Map<string, string[]>): string {
	const members = new Set(scc);
	const quote = (ids: string[]) => ids.map((id) => `"${id}"`).join(' → ');
	/** Shortest path inside the loop from `from` to the nearest node `goal` accepts (BFS). */
	const pathTo = (from: string, goal: (id: string) => boolean): string[] => {
		const parent = new Map<string, string>([[from, from]]);
		const queue = [from];
		for (let i = 0; i < queue.length; i++) {
			for (const w of edges.get(queue[i])!) {
				if (!members.has(w)) continue;
				if (goal(w)) {
					const path = [w];
					for (let v = queue[i]; v !== from; v = parent.get(v)!) path.push(v);
					return path.reverse();
				}
				if (!parent.has(w)) {
					parent.set(w, queue[i]);
					queue.push(w);
				}
			}
		}
		return []; // unreachable: every member of a component reaches every other
	};
	const cycle = [first, ...pathTo(first, (id) => id === first)];
	if (scc.length <= LOOP_SHOWN) {
		const walk = [first];
		const left = new Set(scc.filter((id) => id !== first));
		while (left.size && walk.length <= LOOP_SHOWN) {
			const step = pathTo(walk[walk.length - 1], (id) => left.has(id));
			step.forEach((id) => left.delete(id));
			walk.push(...step);
		}
		walk.push(...pathTo(walk[walk.length - 1], (id) => id === first));
		if (walk.length <= LOOP_SHOWN + 1) return quote(walk);
	}
	const shown = cycle.length > LOOP_SHOWN + 1 ? `${quote(cycle.slice(0, LOOP_SHOWN))} → … → "${first}"` : quote(cycle);
	const onCycle = new Set(cycle);
	const others = scc.filter((id) => !onCycle.has(id)).length;
	return others ? `${shown} (and ${others} more node${others === 1 ? '' : 's'} in the same loop)` : shown;
}

/** Tarjan's algorithm, iterative so deep graphs cannot overflow the stack. */
function components(ids: string[], edges: Map<string, string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const out: string[][] = [];
	for (const root of ids) {
		if (index.has(root)) continue;
		const work: [string, number][] = [[root, 0]];
		while (work.length) {
			const frame = work[work.length - 1];
			const [v, i] = frame;
			if (i === 0) {
				index.set(v, counter);
				low.set(v, counter++);
				stack.push(v);
				onStack.add(v);
			}
			const succ = edges.get(v)!;
			if (i < succ.length) {
				frame[1]++;
				const w = succ[i];
				if (!index.has(w)) work.push([w, 0]);
				else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
				continue;
			}
			work.pop();
			if (work.length) {
				const parent = work[work.length - 1][0];
				low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
			}
			if (low.get(v) === index.get(v)) {
				const comp: string[] = [];
				let w: string;
				do {
					w = stack.pop()!;
					onStack.delete(w);
					comp.push(w);
				} while (w !== v);
				out.push(comp.reverse());
			}
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// 5. Compile

const level = (v: MoodStageId | number | undefined) =>
	v === undefined ? undefined : typeof v === 'number' ? v : MOOD_STAGES.find((s) => s.id === v)!.from;
const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const weights = (v: string[] | Partial<Record<string, number>> | undefined): Record<string, number> =>
	Array.isArray(v) ? Object.fromEntries(v.map((c) => [c, 1])) : Object.fromEntries(Object.entries(v ?? {}).filter(([, w]) => w !== undefined)) as Record<string, number>;

function condition(c: ConditionFile): Condition {
	const out: Condition = {
		moodAtLeast: level(c.moodAtLeast),
		moodBelow: level(c.moodBelow),
		chose: list(c.chose),
		notChose: list(c.notChose),
		flagged: list(c.flagged),
		moved: list(c.moved)
	};
	for (const k of Object.keys(out) as (keyof Condition)[]) if (out[k] === undefined) delete out[k];
	return out;
}

/** `reactions`: the shared reaction defaults; without them the scenario carries no reaction table. */
export function compileFile(f: ScenarioFile, reactions?: ReactionDefaults): CompiledScenario {
	const nodes: Record<string, CompiledNode> = {};
	for (const n of f.nodes) {
		if (n.type === 'line')
			nodes[n.id] = {
				type: 'line',
				id: n.id,
				speaker: n.speaker,
				text: n.text,
				...(n.direction ? { direction: n.direction } : {}),
				...(n.audio ? { audio: n.audio } : {}),
				variants: (n.variants ?? []).map((v) => ({ when: condition(v.when), text: v.text, ...(v.audio ? { audio: v.audio } : {}) })),
				next: n.next
			};
		else if (n.type === 'decision')
			nodes[n.id] = {
				type: 'decision',
				id: n.id,
				...(n.prompt ? { prompt: n.prompt } : {}),
				input: n.input,
				...(n.offScript ? { offScript: n.offScript } : {}),
				...(n.techniques?.length ? { techniques: n.techniques } : {}),
				...(n.responseTime ? { responseSeconds: n.responseTime } : {}),
				...(n.hold ? { hold: { seconds: n.hold.seconds ?? DEFAULT_HOLD_SECONDS } } : {}),
				replies: n.replies.map((r) => ({
					id: r.id,
					text: r.text,
					moves: weights(r.moves),
					flags: weights(r.flags),
					mood: r.mood,
					feedback: r.feedback,
					...(r.response ? { response: r.response } : {}),
					next: r.next
				}))
			};
		else if (n.type === 'route')
			nodes[n.id] = { type: 'route', id: n.id, routes: n.routes.map((r) => ({ when: condition(r.when), next: r.next })), otherwise: n.otherwise };
		else nodes[n.id] = { type: 'ending', id: n.id, outcome: n.outcome, title: n.title, debrief: n.debrief };
	}
	const body = {
		format: 1 as const,
		meta: {
			id: f.id,
			title: f.title,
			summary: f.summary,
			class: f.class,
			channel: f.channel,
			difficulty: f.difficulty,
			minutes: f.minutes,
			persona: f.persona,
			...(f.manager ? { manager: f.manager } : {}),
			objectives: f.objectives,
			tags: f.tags
		},
		moodStart: f.mood.start,
		// A phone call scores its response times (不要让我等) unless the author says otherwise.
		responseTime: {
			targetSeconds: f.responseTime?.targetSeconds ?? DEFAULT_RESPONSE_TIME.targetSeconds,
			scored: f.responseTime?.scored ?? f.channel === 'phone'
		},
		start: f.start ?? f.nodes[0].id,
		nodes: f.overTheTop ? overTheTop(nodes, { channel: f.channel, manager: f.manager }) : nodes,
		...(reactions ? { reactions: mergeReactions(reactions, f.persona.archetype, f.reactions) } : {})
	};
	const version = sha256Hex(JSON.stringify(body)).slice(0, 16);
	return { ...body, version };
}

/** All steps. Produces a compiled scenario only when there is no error. */
export function compileScenario(file: string, text: string, reactions?: ReactionDefaults): CompileResult {
	return compileLocated(file, text, reactions).result;
}

/** compileScenario, also handing back the parsed source so callers can place more diagnostics. */
export function compileLocated(file: string, text: string, reactions?: ReactionDefaults): { result: CompileResult; src: Located } {
	const parsed = parse(file, text);
	const { src } = parsed;
	if (!parsed.ok) return { src, result: { scenario: null, diagnostics: parsed.diagnostics, source: null } };
	const valid = validate(src, parsed.data);
	if (!valid.file) return { src, result: { scenario: null, diagnostics: valid.diagnostics, source: null } };
	const refs = resolve(src, valid.file);
	const graph = checkGraph(src, valid.file);
	const diagnostics = limitDiagnostics(sortDiagnostics([...refs, ...graph]));
	const ok = !diagnostics.some((d) => d.severity === 'error');
	return { src, result: { scenario: ok ? compileFile(valid.file, reactions) : null, diagnostics, source: valid.file } };
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
	return [...ds].sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * An analysis that stopped at its work limit (the best-score search, path enumeration): an error at
 * the node it stopped in (else at `nodes:`), so the checker and the server's loader refuse the file
 * instead of serving a scenario whose figures are unknown.
 */
export function workLimitDiagnostic(src: Located, source: ScenarioFile, node: string | undefined, message: string): Diagnostic {
	const i = node === undefined ? -1 : source.nodes.findIndex((n) => n.id === node);
	return diag(src, at(src, i < 0 ? ['nodes'] : ['nodes', i, 'id']), message);
}
