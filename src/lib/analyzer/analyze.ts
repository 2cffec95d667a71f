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
import type { CompiledCode, CompiledRules } from './rules';

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

const isSpace = (ch: string) => /\s/.test(ch) || ch === '\u200b' || ch === '\ufeff';
const isAsciiWord = (ch: string | undefined) => !!ch && /^[a-z0-9]$/.test(ch);

/**
 * Normalizes text and remembers where each character came from. Full-width forms become
 * half-width (，→, ？→? Ａ→a), the rules' traditional characters become simplified, ASCII is
 * lower-cased, line breaks become "\n" and other whitespace is dropped (one space is kept
 * between two ASCII letters or digits).
 */
export function normalizeWithMap(text: string, rules?: Pick<CompiledRules, 'traditional'>): Normalized {
	const traditional = rules?.traditional ?? {};
	let out = '';
	const start: number[] = [];
	const end: number[] = [];
	let pendingSpace = -1;
	let pendingNewline = -1;
	let i = 0;
	for (const ch of text) {
		const at = i;
		i += ch.length;
		if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') {
			if (pendingNewline < 0) pendingNewline = at;
			continue;
		}
		if (isSpace(ch) || ch === '\u3000') {
			if (pendingSpace < 0) pendingSpace = at;
			continue;
		}
		const folded = foldChar(ch, traditional);
		const push = (s: string, from: number, to: number) => {
			for (let k = 0; k < s.length; k++) {
				start.push(from);
				end.push(to);
			}
			out += s;
		};
		if (pendingNewline >= 0 && out.length > 0) push('\n', pendingNewline, pendingNewline + 1);
		else if (pendingSpace >= 0 && isAsciiWord(out[out.length - 1]) && isAsciiWord(folded)) push(' ', pendingSpace, pendingSpace + 1);
		pendingSpace = -1;
		pendingNewline = -1;
		push(folded, at, at + ch.length);
	}
	return { text: out, start, end };
}

/** The normalized form of a text (see normalizeWithMap). Pass the rules to fold traditional characters. */
export function normalize(text: string, rules?: Pick<CompiledRules, 'traditional'>): string {
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
	const core = body.replace(new RegExp(`[${MASK}\\s]+$`), '');
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

interface Runtime {
	codes: { c: CompiledCode; patterns: { re: RegExp; weight: number; scope: string }[]; except: RegExp[] }[];
	ignore: string[];
	cues: { cue: string; scope: number }[];
}

const runtimes = new WeakMap<CompiledRules, Runtime>();

function runtime(rules: CompiledRules): Runtime {
	let rt = runtimes.get(rules);
	if (!rt) {
		rt = {
			codes: rules.codes.map((c) => ({
				c,
				patterns: c.patterns.map((p) => ({ re: new RegExp(p.regex, 'gu'), weight: p.weight, scope: p.scope })),
				except: c.except.map((e) => new RegExp(e, 'gu'))
			})),
			ignore: rules.negation.ignore,
			cues: rules.negation.cues
		};
		runtimes.set(rules, rt);
	}
	return rt;
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
	return ignoreSpans.some(([a, b]) => a < k && k < b);
}

function startsWithCue(text: string, at: number, rt: Runtime): boolean {
	return rt.cues.some(({ cue }) => text.startsWith(cue, at));
}

/** Whether a negation cue sits just before `at` in the same clause (and is not part of an ignored word). */
function negated(text: string, at: number, rt: Runtime, ignoreSpans: [number, number][]): boolean {
	const from = clauseStart(text, at);
	for (const { cue, scope } of rt.cues) {
		const lo = Math.max(from, at - scope - cue.length);
		for (let k = text.indexOf(cue, lo); k >= 0 && k + cue.length <= at; k = text.indexOf(cue, k + 1)) {
			if (at - (k + cue.length) > scope) continue;
			if (ignoreSpans.some(([a, b]) => a <= k && k + cue.length <= b)) continue;
			return true;
		}
	}
	return false;
}

/** Analyses one reply with compiled rules. Codes come out in domain order. */
export function analyze(text: string, rules: CompiledRules): Analysis {
	const rt = runtime(rules);
	const norm = normalizeWithMap(text, rules);
	const masked = maskQuotes(norm.text, rules.quotes);
	const sentences = splitSentences(masked, rules);
	// The sentence that holds offset k (binary search: sentences are sorted and contiguous).
	const sentenceOf = (k: number) => {
		let lo = 0;
		let hi = sentences.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (k < sentences[mid].end) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
	const ignoreSpans = rt.ignore.flatMap((w) => occurrences(masked, w).map((s) => [s, s + w.length] as [number, number]));

	const hits = new Map<Code, Hit[]>();
	for (const { c, patterns, except } of rt.codes) {
		const candidates: Hit[] = [];
		// Except patterns are only run once some pattern of the code has matched.
		let exceptSpans: [number, number][] | null = null;
		for (const p of patterns) {
			for (const [s, e] of matchAll(p.re, masked)) {
				exceptSpans ??= except.flatMap((re) => matchAll(re, masked)).filter(([a]) => !startsMidWord(a, ignoreSpans));
				const sentence = sentenceOf(s);
				const q = sentences[sentence]?.question ?? false;
				if ((p.scope === 'question' && !q) || (p.scope === 'statement' && q)) continue;
				if (startsMidWord(s, ignoreSpans)) continue;
				if (exceptSpans.some(([a, b]) => a < e && s < b)) continue;
				// A match that starts with a cue (不是我们的问题, 没办法) carries its own negation.
				if (c.negatable && !startsWithCue(masked, s, rt) && negated(masked, s, rt, ignoreSpans)) continue;
				candidates.push({ start: s, end: e, weight: p.weight, sentence });
			}
		}
		// Overlapping matches of one code count once: the earliest, then the longest, wins.
		candidates.sort((a, b) => a.start - b.start || b.end - a.end);
		const kept: Hit[] = [];
		for (const h of candidates) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
		hits.set(c.code, kept);
	}

	const score = (hs: Hit[]) => hs.reduce((sum, h) => sum + h.weight, 0);
	const minScore = new Map(rules.codes.map((c) => [c.code, c.minScore]));
	const found = new Set<Code>(ALL_CODES.filter((code) => score(hits.get(code) ?? []) >= (minScore.get(code) ?? 1) - 1e-9));
	// In domain order, so a code sees its suppressors' hits as they stand after their own
	// suppression (promise loses a sentence to overpromise before dismiss looks at promise).
	for (const c of rules.codes) {
		if (!c.suppressedBy.length || !found.has(c.code)) continue;
		const blocked = new Set(c.suppressedBy.filter((s) => found.has(s)).flatMap((s) => (hits.get(s) ?? []).map((h) => h.sentence)));
		const left = (hits.get(c.code) ?? []).filter((h) => !blocked.has(h.sentence));
		hits.set(c.code, left);
		if (score(left) < c.minScore - 1e-9) found.delete(c.code);
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
	return {
		moves: MOVE_CODES.filter((c) => found.has(c)),
		flags: FLAG_CODES.filter((c) => found.has(c)),
		evidence,
		question: sentences.some((s) => s.question)
	};
}
