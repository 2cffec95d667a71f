// Finds the moves and flags of domain.md in a typed Chinese reply, with the words that triggered
// each finding. All knowledge lives in the rules file (scenarios/analyzer/phrases.yaml); this
// module only applies it:
//   1. normalize: full-width → half-width, traditional → simplified, spaces out, keeping a map
//      from every normalized character back to the original text (evidence is quoted from it);
//   2. mask quoted words (“…”): they are someone else's, e.g. the customer's, not the agent's;
//   3. split sentences and clauses, and decide which sentences are questions;
//   4. match every code's patterns, dropping a match that is negated (a cue such as 不/没 a few
//      characters before it in the same clause, unless the match itself starts with a cue, as in
//      不是我们的问题), starts inside a word of negation.ignore
//      (能不能 holds 不能 but refuses nothing), out of its scope (question / statement only),
//      overlapping an `except` pattern, or in a sentence where a code it is suppressedBy was found;
//   5. report a code when its matches' weights add up to its minScore.
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code, type FlagCode, type MoveCode } from '../domain';
import { foldChar, SEPARATORS, TERMINATORS } from './fold';
import { applyLearned } from './learnedModel';
import { AnchorSet, regexAnchors } from './prefilter';
import type { CompiledCode, CompiledRules } from './rules';
import { expandSets } from './setref';

export interface Analysis {
	moves: MoveCode[];
	flags: FlagCode[];
	/** For each code found, the exact substrings of the original text that triggered it. */
	evidence: Partial<Record<Code, string[]>>;
	/** Whether the reply contains at least one question. */
	question: boolean;
}

export interface Normalized {
	text: string;
	/** For each UTF-16 unit of `text`, the original range [start[i], end[i]) it came from. */
	start: number[];
	end: number[];
}

const SPACE = /\s/;
function isSpace(ch: string): boolean {
	const c = ch.charCodeAt(0);
	if (c > 0x20 && c < 0x7f) return false;
	if (c >= 0x3001 && c <= 0x9fff) return false; // CJK punctuation and ideographs: the common case
	return SPACE.test(ch) || ch === '\u200b' || ch === '\ufeff';
}
function isAsciiWord(ch: string | undefined): boolean {
	if (!ch || ch.length !== 1) return false;
	const c = ch.charCodeAt(0);
	return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Normalizes text and remembers where each character came from. Full-width forms become
 * half-width (，→, ？→? Ａ→a), the rules' traditional characters become simplified, ASCII is
 * lower-cased, line breaks become "\n" and other whitespace is dropped (one space is kept
 * between two ASCII letters or digits).
 */
// The last normalization, remembered: a typed reply is normalized by analyze() and again by the
// router for its bigrams; the result is never mutated by callers.
let last: { text: string; rules: object | undefined; result: Normalized } | null = null;

export function normalizeWithMap(text: string, rules?: Pick<CompiledRules, 'traditional' | 'traditionalWords'>): Normalized {
	if (last && last.text === text && last.rules === rules) return last.result;
	const result = normalizeUncached(text, rules);
	last = { text, rules, result };
	return result;
}

function normalizeUncached(text: string, rules?: Pick<CompiledRules, 'traditional' | 'traditionalWords'>): Normalized {
	const traditional = rules?.traditional ?? {};
	const cache = foldCache(traditional);
	let out = '';
	const start: number[] = [];
	const end: number[] = [];
	let pendingSpace = -1;
	let pendingNewline = -1;
	let i = 0;
	while (i < text.length) {
		const at = i;
		const code = text.charCodeAt(i);
		// One code point: a surrogate pair is two units.
		const next = text.charCodeAt(i + 1);
		const ch = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? text.slice(i, i + 2) : text[i];
		i += ch.length;
		if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') {
			if (pendingNewline < 0) pendingNewline = at;
			continue;
		}
		if (isSpace(ch) || ch === '\u3000') {
			if (pendingSpace < 0) pendingSpace = at;
			continue;
		}
		let folded = cache.get(ch);
		if (folded === undefined) cache.set(ch, (folded = foldChar(ch, traditional)));
		if (pendingNewline >= 0 && out.length > 0) {
			out += '\n';
			start.push(pendingNewline);
			end.push(pendingNewline + 1);
		} else if (pendingSpace >= 0 && isAsciiWord(out[out.length - 1]) && isAsciiWord(folded)) {
			out += ' ';
			start.push(pendingSpace);
			end.push(pendingSpace + 1);
		}
		pendingSpace = -1;
		pendingNewline = -1;
		for (let k = 0; k < folded.length; k++) {
			start.push(at);
			end.push(at + ch.length);
		}
		out += folded;
	}
	if (rules?.traditionalWords) out = foldWords(out, rules.traditionalWords);
	return { text: out, start, end };
}

interface WordFold {
	pairs: [string, string][];
	/** Characters that some word changes: a text without any of them needs no word folding. */
	triggers: Set<string>;
}
const wordFolds = new WeakMap<Record<string, string>, WordFold>();

/** Replaces traditional words by simplified words of the same length (offsets stay valid). */
function foldWords(text: string, words: Record<string, string>): string {
	let wf = wordFolds.get(words);
	if (!wf) {
		const pairs = Object.entries(words);
		const triggers = new Set<string>();
		for (const [from, to] of pairs) for (let k = 0; k < from.length; k++) if (from[k] !== to[k]) triggers.add(from[k]);
		wordFolds.set(words, (wf = { pairs, triggers }));
	}
	let any = false;
	for (let k = 0; k < text.length && !any; k++) any = wf.triggers.has(text[k]);
	if (!any) return text;
	for (const [from, to] of wf.pairs) if (text.includes(from)) text = text.split(from).join(to);
	return text;
}

const foldCaches = new WeakMap<Record<string, string>, Map<string, string>>();
/** foldChar's answers per traditional table, remembered (the same few thousand characters recur). */
function foldCache(traditional: Record<string, string>): Map<string, string> {
	let c = foldCaches.get(traditional);
	if (!c) foldCaches.set(traditional, (c = new Map()));
	return c;
}

/** The normalized form of a text (see normalizeWithMap). Pass the rules to fold traditional characters. */
export function normalize(text: string, rules?: Pick<CompiledRules, 'traditional' | 'traditionalWords'>): string {
	return normalizeWithMap(text, rules).text;
}

// ---------------------------------------------------------------------------------------------
// Sentences, clauses, questions

export interface Sentence {
	start: number;
	/** Exclusive; includes the closing punctuation. */
	end: number;
	question: boolean;
}

const MASK = '\u0000';
const TRAILING_MASK = new RegExp(`[${MASK}\\s]+$`);

/** Replaces quoted words with MASK (same length, so offsets stay valid). */
export function maskQuotes(text: string, quotes: [string, string][]): string {
	const chars = [...text];
	const out = [...chars];
	let open: { close: string; at: number } | null = null;
	for (let k = 0; k < chars.length; k++) {
		const c = chars[k];
		if (open) {
			if (c === open.close || c === '\n') {
				// An unclosed quote at a line break was not a quote: leave that text alone.
				if (c === '\n') for (let j = open.at + 1; j < k; j++) out[j] = chars[j];
				open = null;
			} else out[k] = MASK.repeat(c.length);
			continue;
		}
		const pair = quotes.find(([o]) => o === c);
		if (pair) open = { close: pair[1], at: k };
	}
	if (open) for (let j = open.at + 1; j < chars.length; j++) out[j] = chars[j];
	return out.join('');
}

const isTerminator = (text: string, k: number) => {
	const c = text[k];
	if (TERMINATORS.includes(c)) return true;
	// A full stop typed as "." ends a sentence, but not inside a number (1.5元) or a word (wi.fi).
	return c === '.' && !(isAsciiWord(text[k - 1]) && isAsciiWord(text[k + 1]));
};

function occurrences(text: string, needle: string): number[] {
	const out: number[] = [];
	if (!needle) return out;
	for (let k = text.indexOf(needle); k >= 0; k = text.indexOf(needle, k + 1)) out.push(k);
	return out;
}

function isQuestion(body: string, closing: string, q: CompiledRules['questions']): boolean {
	if (closing.includes('?')) return true;
	const core = body.replace(TRAILING_MASK, '');
	if (!core) return false;
	if (q.endings.some((e) => core.endsWith(e))) return true;
	const covered = q.notQuestion.flatMap((n) => occurrences(core, n).map((s) => [s, s + n.length] as const));
	const hasWord = q.words.some((w) => occurrences(core, w).some((s) => !covered.some(([a, b]) => a <= s && s + w.length <= b)));
	if (hasWord && q.softEndings.some((e) => core.endsWith(e))) return true;
	const lead = core.replace(/^[,、:\s]+/, '');
	if (q.starts.some((s) => lead.startsWith(s))) return true;
	// An interrogative word makes a question unless the sentence was closed as a statement.
	return hasWord && !/[。!]/.test(closing);
}

/** Splits normalized text into sentences and marks the questions. */
export function splitSentences(text: string, rules: Pick<CompiledRules, 'questions'>): Sentence[] {
	const out: Sentence[] = [];
	let s = 0;
	let k = 0;
	while (k < text.length) {
		if (!isTerminator(text, k)) {
			k++;
			continue;
		}
		const bodyEnd = k;
		while (k < text.length && isTerminator(text, k)) k++;
		out.push({ start: s, end: k, question: isQuestion(text.slice(s, bodyEnd), text.slice(bodyEnd, k), rules.questions) });
		s = k;
	}
	if (s < text.length) out.push({ start: s, end: text.length, question: isQuestion(text.slice(s), '', rules.questions) });
	return out;
}

/** Start of the clause that contains offset k. */
function clauseStart(text: string, k: number): number {
	let j = k - 1;
	while (j >= 0 && !SEPARATORS.includes(text[j]) && !isTerminator(text, j)) j--;
	return j + 1;
}

// ---------------------------------------------------------------------------------------------
// Matching

interface RtPattern {
	code: number;
	re: RegExp;
	weight: number;
	scope: string;
}

interface Runtime {
	codes: { c: CompiledCode; except: { re: RegExp; anchors: number[] | null }[] }[];
	/** Every pattern, code by code in file order. */
	patterns: RtPattern[];
	/** Patterns without anchors: always run. */
	always: number[];
	/** Anchor id → the patterns it admits. */
	byAnchor: number[][];
	ignore: string[];
	/** The anchor id of each ignore word (only words present are searched). */
	ignoreIds: number[];
	cues: { cue: string; scope: number }[];
	breakers: { word: string; minGap: number }[];
	anchorSet: AnchorSet;
	/** found[id] === stamp when anchor id occurs in the current text. */
	found: Uint32Array;
	/** admittedStamp[pattern] === stamp when the pattern is to be run on the current text. */
	admittedStamp: Uint32Array;
	stamp: number;
}

const runtimes = new WeakMap<CompiledRules, Runtime>();

function runtime(rules: CompiledRules): Runtime {
	let rt = runtimes.get(rules);
	if (rt) return rt;
	const anchorSet = new AnchorSet();
	const anchorsOf = (regex: string) => regexAnchors(regex)?.map((a) => anchorSet.add(a)) ?? null;
	const full = (regex: string) => expandSets(regex, rules.sets);
	const patterns: RtPattern[] = [];
	const always: number[] = [];
	const byAnchor: number[][] = [];
	const codes = rules.codes.map((c, ci) => {
		for (const p of c.patterns) {
			const index = patterns.length;
			const regex = full(p.regex);
			patterns.push({ code: ci, re: new RegExp(regex, 'gu'), weight: p.weight ?? 1, scope: p.scope ?? 'any' });
			const anchors = anchorsOf(regex);
			if (!anchors) always.push(index);
			else for (const id of anchors) (byAnchor[id] ??= []).push(index);
		}
		return { c, except: c.except.map((e) => ({ re: new RegExp(full(e), 'gu'), anchors: anchorsOf(full(e)) })) };
	});
	const ignoreIds = rules.negation.ignore.map((w) => anchorSet.add(w));
	for (let id = 0; id < anchorSet.size; id++) byAnchor[id] ??= [];
	rt = {
		codes,
		patterns,
		always,
		byAnchor,
		ignore: rules.negation.ignore,
		ignoreIds,
		cues: rules.negation.cues,
		breakers: rules.negation.breakers ?? [],
		anchorSet,
		found: new Uint32Array(anchorSet.size),
		admittedStamp: new Uint32Array(patterns.length),
		stamp: 0
	};
	runtimes.set(rules, rt);
	return rt;
}

/** Whether a prefiltered regex can match the current text (see prefilter.ts). */
function admitted(anchors: number[] | null, rt: Runtime): boolean {
	if (!anchors) return true;
	for (const id of anchors) if (rt.found[id] === rt.stamp) return true;
	return false;
}

function matchAll(re: RegExp, text: string): [number, number][] {
	const out: [number, number][] = [];
	re.lastIndex = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m[0].length === 0) {
			re.lastIndex++;
			continue;
		}
		out.push([m.index, m.index + m[0].length]);
	}
	return out;
}

interface Hit {
	start: number;
	end: number;
	weight: number;
	sentence: number;
}

/**
 * Whether offset k falls strictly inside one of the negation `ignore` words. A match that starts
 * there is a piece of another word: 能不能给您 contains 不能给您 but refuses nothing, and
 * 是不是这样 contains 不是这样 but contradicts no one.
 */
function startsMidWord(k: number, ignoreSpans: [number, number][]): boolean {
	for (const [a, b] of ignoreSpans) if (a < k && k < b) return true;
	return false;
}

function startsWithCue(text: string, at: number, rt: Runtime): boolean {
	for (const { cue } of rt.cues) if (text.startsWith(cue, at)) return true;
	return false;
}

/**
 * Whether a negation cue governs offset `at`: a cue earlier in the same clause (and not part of an
 * ignored word) negates what follows it in that clause, unless a breaker word stands between them
 * (一个新的谓语或主语: 没及时通知您是我们的疏忽 — 是 starts a new predicate; 别担心我们马上退 — 我们 a
 * new subject). A cue with a numeric scope reaches at most that many characters.
 */
function negated(text: string, at: number, rt: Runtime, ignoreSpans: [number, number][]): boolean {
	const from = clauseStart(text, at);
	if (from >= at) return false;
	for (const { cue, scope } of rt.cues) {
		const lo = scope >= 0 ? Math.max(from, at - scope - cue.length) : from;
		for (let k = text.indexOf(cue, lo); k >= 0 && k + cue.length <= at; k = text.indexOf(cue, k + 1)) {
			const cueEnd = k + cue.length;
			if (scope >= 0 && at - cueEnd > scope) continue;
			let inIgnored = false;
			for (const [a, b] of ignoreSpans) if (a <= k && cueEnd <= b) inIgnored = true;
			if (inIgnored) continue;
			if (scope < 0 && broken(text, cueEnd, at, rt)) continue;
			return true;
		}
	}
	return false;
}

/**
 * Whether a breaker word starts in (from, to]: after the cue, up to and including the match's own
 * first character (没及时通知您是我们的疏忽: the match 是我们的疏忽 starts a new predicate). One right
 * after the cue (不是您的问题) belongs to the negation and does not count.
 */
function broken(text: string, from: number, to: number, rt: Runtime): boolean {
	for (const { word, minGap } of rt.breakers) {
		const k = text.indexOf(word, from + Math.max(1, minGap));
		if (k >= 0 && k <= to) return true;
	}
	return false;
}

/** The sentence that holds offset k (binary search: sentences are sorted and contiguous). */
function sentenceOf(sentences: Sentence[], k: number): number {
	let lo = 0;
	let hi = sentences.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (k < sentences[mid].end) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function scoreOf(hs: Hit[]): number {
	let sum = 0;
	for (const h of hs) sum += h.weight;
	return sum;
}

/** Analyses one reply with compiled rules. Codes come out in domain order. */
export function analyze(text: string, rules: CompiledRules): Analysis {
	const rt = runtime(rules);
	const norm = normalizeWithMap(text, rules);
	const masked = maskQuotes(norm.text, rules.quotes);
	const sentences = splitSentences(masked, rules);

	// One pass over the text finds every prefilter anchor; only patterns with one present are run.
	rt.stamp = (rt.stamp + 1) >>> 0 || 1;
	if (rt.stamp === 1) (rt.found.fill(0), rt.admittedStamp.fill(0));
	const stamp = rt.stamp;
	const foundIds = rt.anchorSet.scan(masked, rt.found, stamp);
	const run: number[] = [...rt.always];
	for (const id of foundIds) for (const pi of rt.byAnchor[id]) if (rt.admittedStamp[pi] !== stamp) ((rt.admittedStamp[pi] = stamp), run.push(pi));
	// File order, as if every pattern had been tried (ties between equal matches resolve the same way).
	run.sort((x, y) => x - y);

	const ignoreSpans: [number, number][] = [];
	for (let w = 0; w < rt.ignore.length; w++) {
		if (rt.found[rt.ignoreIds[w]] !== stamp) continue;
		const word = rt.ignore[w];
		for (const s of occurrences(masked, word)) ignoreSpans.push([s, s + word.length]);
	}

	const hits = new Map<Code, Hit[]>();
	let r = 0;
	for (let ci = 0; ci < rt.codes.length; ci++) {
		const { c, except } = rt.codes[ci];
		const candidates: Hit[] = [];
		// Except patterns are only run once some pattern of the code has matched.
		let exceptSpans: [number, number][] | null = null;
		for (; r < run.length && rt.patterns[run[r]].code === ci; r++) {
			const p = rt.patterns[run[r]];
			for (const [s, e] of matchAll(p.re, masked)) {
				exceptSpans ??= except
					.filter((x) => admitted(x.anchors, rt))
					.flatMap((x) => matchAll(x.re, masked))
					.filter(([a]) => !startsMidWord(a, ignoreSpans));
				const sentence = sentenceOf(sentences, s);
				const q = sentences[sentence]?.question ?? false;
				if ((p.scope === 'question' && !q) || (p.scope === 'statement' && q)) continue;
				if (startsMidWord(s, ignoreSpans)) continue;
				if (exceptSpans.some(([a, b]) => a < e && s < b)) continue;
				// A match that starts with a cue (不是我们的问题, 没办法) carries its own negation.
				if (c.negatable && !startsWithCue(masked, s, rt) && negated(masked, s, rt, ignoreSpans)) continue;
				candidates.push({ start: s, end: e, weight: p.weight, sentence });
			}
		}
		if (!candidates.length) continue;
		// Overlapping matches of one code count once: the earliest, then the longest, wins.
		candidates.sort((a, b) => a.start - b.start || b.end - a.end);
		const kept: Hit[] = [];
		for (const h of candidates) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
		hits.set(c.code, kept);
	}

	const found = new Set<Code>();
	for (const c of rules.codes) if (scoreOf(hits.get(c.code) ?? []) >= c.minScore - 1e-9) found.add(c.code);
	// In domain order, so a code sees its suppressors' hits as they stand after their own
	// suppression (promise loses a sentence to overpromise before dismiss looks at promise).
	for (const c of rules.codes) {
		if (!c.suppressedBy.length || !found.has(c.code)) continue;
		const blocked = new Set(c.suppressedBy.filter((s) => found.has(s)).flatMap((s) => (hits.get(s) ?? []).map((h) => h.sentence)));
		const left = (hits.get(c.code) ?? []).filter((h) => !blocked.has(h.sentence));
		hits.set(c.code, left);
		if (scoreOf(left) < c.minScore - 1e-9) found.delete(c.code);
	}

	const evidence: Partial<Record<Code, string[]>> = {};
	for (const code of ALL_CODES) {
		if (!found.has(code)) continue;
		const quoted: string[] = [];
		for (const h of hits.get(code)!) {
			const q = text.slice(norm.start[h.start], norm.end[h.end - 1]);
			if (!quoted.includes(q)) quoted.push(q);
		}
		evidence[code] = quoted;
	}
	const result: Analysis = {
		moves: MOVE_CODES.filter((c) => found.has(c)),
		flags: FLAG_CODES.filter((c) => found.has(c)),
		evidence,
		question: sentences.some((s) => s.question)
	};
	// The learned model (model.json beside the rules) adds moves the rules missed, quoting the
	// n-grams that weighed most; it never removes what the rules found.
	return rules.model ? applyLearned(text, result, rules.model) : result;
}
