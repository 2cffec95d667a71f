// A learned complement to the rule-based analyzer: per code, a logistic regression over the
// character n-grams of the reply, normalized and quote-masked the way analyze() does it. It is
// trained offline (scripts/train-learned-model.ts) and shipped as plain JSON
// (scenarios/analyzer/model.json), so it runs in the browser next to the compiled rules.
//
// applyLearned combines it with the rules deterministically, per code:
//   - a code the rules missed is added when the model's probability reaches `add`; its evidence is
//     the n-grams that contributed most, quoted from the ORIGINAL text;
//   - a code the rules found is dropped when the probability falls below `drop` (null: never).
// Both thresholds are chosen by cross-validation when training. Everything else the rules said
// (their evidence, `question`, other fields) is kept as it is.
//
// Pure and browser-safe: no node: imports, no zod. The model is self-contained (it carries the
// quote pairs and the part of the traditional → simplified table its n-grams need), so scoring
// needs no compiled rules.
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code } from '../domain';
import { maskQuotes, normalizeWithMap, type Analysis } from './analyze';
import { SEPARATORS, TERMINATORS } from './fold';

export const LEARNED_FORMAT = 'complaint-coach/learned-ngram@1';

/** Half of a surrogate pair: such a gram is no character at all (and PostgreSQL's json refuses it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;


export interface LearnedCodeModel {
	/** Logit bias. */
	bias: number;
	/** Add the code when the rules missed it and the probability is at least this (null: never add). */
	add: number | null;
	/** Drop the rules' finding when the probability is below this (null: never drop). */
	drop: number | null;
	/** Flattened sparse weights: [vocabulary index, weight × scale, index, weight × scale, …]. */
	weights: number[];
	/**
	 * Stacked models only: the weight of "the rules found code k", flattened as [index of k in
	 * ALL_CODES, weight × scale, …]. Applied from the analysis given to applyLearned.
	 */
	rules?: number[];
}

/** The model as stored in scenarios/analyzer/model.json: plain JSON. */
export interface LearnedModel {
	format: typeof LEARNED_FORMAT;
	/** N-gram lengths, e.g. [1, 2, 3]. */
	n: number[];
	/** ASCII digits are read as 0 (so 3天 and 5天 are one feature). */
	digits: boolean;
	/** Quote pairs whose contents are masked (someone else's words), as in the rules. */
	quotes: [string, string][];
	/** Traditional → simplified, only for characters the vocabulary uses. */
	traditional: Record<string, string>;
	/** The n-grams (normalized form). */
	vocab: string[];
	/** Stored weights are integers: weight = stored / scale. */
	scale: number;
	codes: Partial<Record<Code, LearnedCodeModel>>;
	/** Free-form training metadata (sizes, hyperparameters, cross-validation figures). */
	meta?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Validation

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODE_SET: ReadonlySet<string> = new Set(ALL_CODES);

/** Checks a parsed model.json; throws an Error naming the first problem ("learned model: codes.info.add: …"). */
export function parseLearnedModel(json: unknown): LearnedModel {
	const fail = (where: string, what: string): never => {
		throw new Error(`learned model: ${where}: ${what}`);
	};
	if (!isRecord(json)) fail('(root)', `expected an object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);
	const m = json as Record<string, unknown>;
	if (m.format !== LEARNED_FORMAT) fail('format', `expected "${LEARNED_FORMAT}", got ${JSON.stringify(m.format)}`);
	if (!Array.isArray(m.n) || !m.n.length || !m.n.every((k) => Number.isInteger(k) && k >= 1 && k <= 6))
		fail('n', 'expected a non-empty array of n-gram lengths between 1 and 6');
	if (typeof m.digits !== 'boolean') fail('digits', 'expected true or false');
	if (!Array.isArray(m.quotes) || !m.quotes.every((q) => Array.isArray(q) && q.length === 2 && q.every((s) => typeof s === 'string' && [...s].length === 1)))
		fail('quotes', 'expected an array of [open, close] pairs of single characters');
	if (!isRecord(m.traditional) || !Object.entries(m.traditional).every(([k, v]) => [...k].length === 1 && typeof v === 'string' && [...v].length === 1))
		fail('traditional', 'expected an object mapping single characters to single characters');
	if (!Array.isArray(m.vocab) || !m.vocab.every((g) => typeof g === 'string' && g.length > 0)) fail('vocab', 'expected an array of non-empty strings');
	const vocab = m.vocab as string[];
	if (new Set(vocab).size !== vocab.length) fail('vocab', 'n-grams must be distinct');
	const split = vocab.findIndex((g) => LONE_SURROGATE.test(g));
	if (split >= 0) fail(`vocab[${split}]`, 'an n-gram holds half of a surrogate pair (count n-grams in whole characters)');
	if (typeof m.scale !== 'number' || !(m.scale > 0)) fail('scale', 'expected a positive number');
	if (!isRecord(m.codes)) fail('codes', 'expected an object keyed by code');
	for (const [code, cm] of Object.entries(m.codes as Record<string, unknown>)) {
		const at = `codes.${code}`;
		if (!CODE_SET.has(code)) fail(at, `unknown code; expected one of ${ALL_CODES.join(', ')}`);
		if (!isRecord(cm)) fail(at, 'expected an object { bias, add, drop, weights, rules? }');
		const c = cm as Record<string, unknown>;
		if (typeof c.bias !== 'number' || !Number.isFinite(c.bias)) fail(`${at}.bias`, 'expected a finite number');
		for (const k of ['add', 'drop'] as const)
			if (c[k] !== null && (typeof c[k] !== 'number' || !((c[k] as number) >= 0 && (c[k] as number) <= 1))) fail(`${at}.${k}`, 'expected a probability between 0 and 1, or null');
		if (!Array.isArray(c.weights) || c.weights.length % 2) fail(`${at}.weights`, 'expected a flat array of [index, weight] pairs');
		const w = c.weights as unknown[];
		for (let i = 0; i < w.length; i += 2) {
			if (!Number.isInteger(w[i]) || (w[i] as number) < 0 || (w[i] as number) >= vocab.length)
				fail(`${at}.weights[${i}]`, `expected a vocabulary index below ${vocab.length}, got ${JSON.stringify(w[i])}`);
			if (typeof w[i + 1] !== 'number' || !Number.isFinite(w[i + 1])) fail(`${at}.weights[${i + 1}]`, 'expected a finite number');
		}
		if (c.rules !== undefined) {
			if (!Array.isArray(c.rules) || c.rules.length % 2) fail(`${at}.rules`, 'expected a flat array of [code index, weight] pairs');
			const r = c.rules as unknown[];
			for (let i = 0; i < r.length; i += 2) {
				if (!Number.isInteger(r[i]) || (r[i] as number) < 0 || (r[i] as number) >= ALL_CODES.length)
					fail(`${at}.rules[${i}]`, `expected a code index below ${ALL_CODES.length}, got ${JSON.stringify(r[i])}`);
				if (typeof r[i + 1] !== 'number' || !Number.isFinite(r[i + 1])) fail(`${at}.rules[${i + 1}]`, 'expected a finite number');
			}
		}
	}
	if (m.meta !== undefined && !isRecord(m.meta)) fail('meta', 'expected an object when present');
	return m as unknown as LearnedModel;
}

// ---------------------------------------------------------------------------------------------
// Features

const MASK = '\u0000';

/** The text the n-grams are read from: normalized, quotes masked, digits folded. Same length as `norm.text`. */
export function featureText(normalized: string, model: Pick<LearnedModel, 'quotes' | 'digits'>): string {
	// maskQuotes changes nothing without an opening quote: skip its work in the common case.
	const masked = model.quotes.some(([open]) => normalized.includes(open)) ? maskQuotes(normalized, model.quotes) : normalized;
	return model.digits && /[0-9]/.test(masked) ? masked.replace(/[0-9]/g, '0') : masked;
}

/**
 * A number standing for an n-gram of up to 3 UTF-16 units (none of them 0): distinct n-grams get
 * distinct numbers (1-grams < 2^16 ≤ 2-grams < 2^32 ≤ 3-grams < 2^48), so lookups need no substring.
 */
function gramKey(g: string): number {
	let k = 0;
	for (let i = 0; i < g.length; i++) k = k * 65536 + g.charCodeAt(i);
	return k;
}

/** Calls `each(gram, start)` for every n-gram of the lengths `n` that has no masked character or line break. */
export function eachGram(text: string, n: readonly number[], each: (gram: string, start: number) => void): void {
	for (let i = 0; i < text.length; i++) {
		for (const len of n) {
			if (i + len > text.length) continue;
			const g = text.slice(i, i + len);
			if (g.includes(MASK) || g.includes('\n') || LONE_SURROGATE.test(g)) continue;
			each(g, i);
		}
	}
}

interface Compiled {
	index: Map<string, number>;
	/** gramKey → feature, when every n-gram length is at most 3 (else null: string lookups). */
	keyIndex: Map<number, number> | null;
	/** The n-gram lengths, ascending. */
	lengths: number[];
	codes: Code[];
	bias: Float64Array;
	add: (number | null)[];
	drop: (number | null)[];
	/** Postings: for feature f, entries start[f]..start[f+1] of postCode / postWeight. */
	start: Int32Array;
	postCode: Int32Array;
	postWeight: Float64Array;
	/** ruleWeight[ci * ALL_CODES.length + k]: the weight of "the rules found ALL_CODES[k]" for compiled code ci. */
	ruleWeight: Float64Array;
	seen: Int32Array;
	stamp: number;
}

const compiledCache = new WeakMap<LearnedModel, Compiled>();

function compile(model: LearnedModel): Compiled {
	let c = compiledCache.get(model);
	if (c) return c;
	const codes = ALL_CODES.filter((k) => model.codes[k]);
	const counts = new Int32Array(model.vocab.length + 1);
	for (const code of codes) {
		const w = model.codes[code]!.weights;
		for (let i = 0; i < w.length; i += 2) counts[w[i] + 1]++;
	}
	for (let f = 0; f < model.vocab.length; f++) counts[f + 1] += counts[f];
	const start = counts;
	const fill = Int32Array.from(start);
	const postCode = new Int32Array(start[model.vocab.length]);
	const postWeight = new Float64Array(start[model.vocab.length]);
	codes.forEach((code, ci) => {
		const w = model.codes[code]!.weights;
		for (let i = 0; i < w.length; i += 2) {
			const at = fill[w[i]]++;
			postCode[at] = ci;
			postWeight[at] = w[i + 1] / model.scale;
		}
	});
	const ruleWeight = new Float64Array(codes.length * ALL_CODES.length);
	codes.forEach((code, ci) => {
		const r = model.codes[code]!.rules ?? [];
		for (let i = 0; i < r.length; i += 2) ruleWeight[ci * ALL_CODES.length + r[i]] += r[i + 1] / model.scale;
	});
	const lengths = [...new Set(model.n)].sort((a, b) => a - b);
	c = {
		index: new Map(model.vocab.map((g, i) => [g, i])),
		keyIndex: lengths[lengths.length - 1] <= 3 ? new Map(model.vocab.map((g, i) => [gramKey(g), i])) : null,
		lengths,
		ruleWeight,
		codes,
		bias: Float64Array.from(codes.map((k) => model.codes[k]!.bias)),
		add: codes.map((k) => model.codes[k]!.add),
		drop: codes.map((k) => model.codes[k]!.drop),
		start,
		postCode,
		postWeight,
		seen: new Int32Array(model.vocab.length),
		stamp: 0
	};
	compiledCache.set(model, c);
	return c;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface Scored {
	c: Compiled;
	/** Logit per compiled code. */
	z: Float64Array;
	/** Features present, with the offset of their first occurrence in the feature text. */
	present: [feature: number, start: number, length: number][];
}

function score(features: string, model: LearnedModel, keepPresent: boolean, analysis?: Pick<Analysis, 'moves' | 'flags'>): Scored {
	const c = compile(model);
	const z = Float64Array.from(c.bias);
	if (analysis)
		for (const code of [...analysis.moves, ...analysis.flags]) {
			const k = ALL_CODES.indexOf(code);
			for (let ci = 0; ci < c.codes.length; ci++) z[ci] += c.ruleWeight[ci * ALL_CODES.length + k];
		}
	c.stamp = (c.stamp + 1) | 0 || (c.seen.fill(0), 1);
	const stamp = c.stamp;
	const present: Scored['present'] = [];
	const hit = (f: number | undefined, at: number, len: number) => {
		if (f === undefined || c.seen[f] === stamp) return;
		c.seen[f] = stamp;
		for (let k = c.start[f]; k < c.start[f + 1]; k++) z[c.postCode[k]] += c.postWeight[k];
		if (keepPresent) present.push([f, at, len]);
	};
	const keys = c.keyIndex;
	if (!keys) {
		eachGram(features, model.n, (g, at) => hit(c.index.get(g), at, g.length));
		return { c, z, present };
	}
	// Same n-grams, same order as eachGram: at each position, the lengths of model.n ascending.
	const lengths = c.lengths;
	for (let i = 0; i < features.length; i++) {
		let key = 0;
		for (let len = 1, li = 0; li < lengths.length && i + len <= features.length; len++) {
			const ch = features.charCodeAt(i + len - 1);
			if (ch === 0 || ch === 10) break; // a masked character or a line break ends every longer n-gram too
			key = key * 65536 + ch;
			if (len === lengths[li]) (hit(keys.get(key), i, len), li++);
		}
	}
	return { c, z, present };
}

/**
 * The model's probability for each code it has, for one reply. A stacked model (one with `rules`
 * weights) also reads the rules' analysis of the reply; without it, it scores as if the rules had
 * found nothing.
 */
export function scoreLearned(text: string, model: LearnedModel, analysis?: Pick<Analysis, 'moves' | 'flags'>): Partial<Record<Code, number>> {
	const { c, z } = score(featureText(normalizeWithMap(text, model).text, model), model, false, analysis);
	const out: Partial<Record<Code, number>> = {};
	c.codes.forEach((code, i) => (out[code] = sigmoid(z[i])));
	return out;
}

/** How many n-grams are quoted as evidence for a model-added code. */
export const EVIDENCE_GRAMS = 3;

/**
 * The rules' analysis, corrected by the model: codes added where the model is confident and the
 * rules found nothing, rule findings dropped where the model strongly contradicts them. Every
 * reported code keeps evidence: the rules' words, or for a model-added code the strongest
 * n-grams present, as substrings of `text`.
 */
export function applyLearned(text: string, analysis: Analysis, model: LearnedModel): Analysis {
	const norm = normalizeWithMap(text, model);
	const { c, z, present } = score(featureText(norm.text, model), model, true, analysis);
	const found = new Set<Code>([...analysis.moves, ...analysis.flags]);
	const evidence: Partial<Record<Code, string[]>> = { ...analysis.evidence };
	c.codes.forEach((code, ci) => {
		const p = sigmoid(z[ci]);
		if (found.has(code)) {
			const drop = c.drop[ci];
			if (drop !== null && p < drop) (found.delete(code), delete evidence[code]);
			return;
		}
		const add = c.add[ci];
		if (add === null || p < add) return;
		const quoted = evidenceFor(ci, c, present, norm, text);
		if (!quoted.length) return;
		found.add(code);
		evidence[code] = quoted;
	});
	const out: Analysis = {
		...analysis,
		moves: MOVE_CODES.filter((k) => found.has(k)),
		flags: FLAG_CODES.filter((k) => found.has(k)),
		evidence
	};
	return out;
}

/** How much of a clause is quoted around an n-gram, at most (normalized characters). */
export const CLAUSE_CHARS = 24;
const BOUNDARY = new Set([...SEPARATORS, ...TERMINATORS, '\n']);

/** The clause of normalized `t` that holds [s, e), trimmed to CLAUSE_CHARS around the n-gram. */
function clauseAround(t: string, s: number, e: number): [number, number] {
	let a = s;
	let b = e;
	while (a > 0 && !BOUNDARY.has(t[a - 1]) && t[a - 1] !== MASK && e - (a - 1) <= CLAUSE_CHARS) a--;
	while (b < t.length && !BOUNDARY.has(t[b]) && t[b] !== MASK && b + 1 - a <= CLAUSE_CHARS) b++;
	return [a, b];
}

/** The strongest positive n-grams for compiled code `ci`, each with its clause, merged, quoted from the original text. */
function evidenceFor(ci: number, c: Compiled, present: Scored['present'], norm: { text: string; start: number[]; end: number[] }, text: string): string[] {
	const contributions: [weight: number, start: number, end: number][] = [];
	for (const [f, at, len] of present)
		for (let k = c.start[f]; k < c.start[f + 1]; k++) if (c.postCode[k] === ci && c.postWeight[k] > 0) contributions.push([c.postWeight[k], at, at + len]);
	// Strongest first; ties by position, then length, so the result never depends on map order.
	contributions.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
	// Each of the strongest n-grams is quoted with the clause around it (at most CLAUSE_CHARS), so the
	// trainee reads words ("明天上午到"), not loose characters ("明", "天").
	const t = norm.text;
	const spans = contributions.slice(0, EVIDENCE_GRAMS).map(([, s, e]) => clauseAround(t, s, e));
	spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: [number, number][] = [];
	for (const s of spans) {
		const last = merged[merged.length - 1];
		if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
		else merged.push([s[0], s[1]]);
	}
	const quoted: string[] = [];
	for (const [s, e] of merged) {
		const q = text.slice(norm.start[s], norm.end[e - 1]);
		if (q && !quoted.includes(q)) quoted.push(q);
	}
	return quoted;
}
