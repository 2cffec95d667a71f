// Reads a typed reply at a decision: either it is clearly one of the authored replies in other
// words (matched: the conversation follows that reply), or it is off script (the customer reacts to
// what was said, see src/lib/scenario/reactions.ts), or nothing the customer could take up is in it
// (unclear: empty, an acknowledgement alone, gibberish, small talk; see src/lib/scenario/heard.ts,
// which the engine uses too, so both always agree). Unclear still costs a little patience.
//
// Matching needs the same kind of reply (every flag found is one the reply carries, clean words only
// match a clean reply, and when both have moves they share one), a similarity above the threshold,
// clear of the next eligible reply by the margin, and the same reply in other words:
//   - real shared wording: text overlap at least MIN_TEXT, and the closest wording of all the
//     replies (within TEXT_LEAD): a shared code alone is not a match;
//   - the same offer: a reply that puts a choice to the customer is matched only by words that put
//     one, and the other way round (one option is not the reply with two).
//   similarity = codeWeight × codeOverlap + textWeight × textOverlap            (both 0..1)
//   codeOverlap = cosine between the codes found in the typed text (1 each) and the authored
//                 reply's codes, taking the better of two readings of that reply: its authored
//                 weights (1–3) plus 1 for each code the analyzer reads in its text that the
//                 author did not list, or the analyzer's reading alone (so like is compared with
//                 like, and a reply typed verbatim always matches itself); moves × moveWeight,
//                 flags × flagWeight
//   textOverlap = Dice coefficient of the two texts' character bigrams (after normalization,
//                 punctuation and spaces removed)
// When the analyzer finds no code at all, the wording alone decides: a reply is matched when the
// words carry enough of it (text overlap ≥ NO_CODE_TEXT and ≥ NO_CODE_RECALL of its bigrams).
// A wrong match is worse than an honest off-script reaction: when in doubt, off script.
//
// The weights, threshold and margin come from the `routing:` section of phrases.yaml. Pure and
// deterministic: the server reads the words again to verify an attempt.
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code, type FlagCode, type MoveCode } from '../domain';
import { analyze, normalize, type Analysis } from './analyze';
import type { CompiledRules } from './rules';
import { hearing, unheard } from '../scenario/heard';

/** An authored reply as a routing target (the same shape as Reply in src/lib/scenario/types.ts). */
export interface RouteCandidate {
	id: string;
	text: string;
	moves: Partial<Record<MoveCode, number>>;
	flags: Partial<Record<FlagCode, number>>;
}

export interface RouteResult {
	analysis: Analysis;
	/** The authored reply the typed text is clearly a version of, or null (off script or unclear). */
	replyId: string | null;
	/**
	 * matched: follows `replyId`. off-script: the customer reacts to the codes found. unclear: no
	 * code was found (empty, gibberish, chit-chat): the customer did not understand.
	 */
	reason: 'matched' | 'off-script' | 'unclear';
	/** Every candidate with its similarity 0..1, best first. */
	ranked: { id: string; similarity: number }[];
}

const FLAGS = new Set<Code>(FLAG_CODES);

/** Similarities are rounded so that ties and margins do not hinge on the last bits of a float. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Letters, digits and CJK characters only: punctuation and spacing say nothing about intent. */
function contentOf(text: string, rules: CompiledRules): string {
	return normalize(text, rules).replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(s: string): Map<string, number> {
	const chars = [...s];
	const out = new Map<string, number>();
	// A one-character text still has something to compare.
	if (chars.length === 1) out.set(chars[0], 1);
	for (let i = 0; i + 1 < chars.length; i++) {
		const g = chars[i] + chars[i + 1];
		out.set(g, (out.get(g) ?? 0) + 1);
	}
	return out;
}

/** Dice coefficient of two bigram multisets: 2·|A∩B| / (|A|+|B|). */
export function textOverlap(a: Map<string, number>, b: Map<string, number>): number {
	let sizeA = 0;
	let sizeB = 0;
	let shared = 0;
	for (const n of a.values()) sizeA += n;
	for (const [g, n] of b) {
		sizeB += n;
		shared += Math.min(n, a.get(g) ?? 0);
	}
	return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** The share of an authored reply's bigrams the typed words carry: |A∩B| / |B|. */
export function coverage(typed: Map<string, number>, authored: Map<string, number>): number {
	let size = 0;
	let shared = 0;
	for (const [g, n] of authored) {
		size += n;
		shared += Math.min(n, typed.get(g) ?? 0);
	}
	return size === 0 ? 0 : shared / size;
}

/** Cosine between two code vectors, in the fixed order of ALL_CODES (so the sum is deterministic). */
export function codeOverlap(a: Partial<Record<Code, number>>, b: Partial<Record<Code, number>>): number {
	let dot = 0;
	let normA = 0;
	let normB = 0;
	for (const code of ALL_CODES) {
		const x = a[code] ?? 0;
		const y = b[code] ?? 0;
		dot += x * y;
		normA += x * x;
		normB += y * y;
	}
	return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function weighted(codes: Partial<Record<Code, number>>, rules: CompiledRules): Partial<Record<Code, number>> {
	const out: Partial<Record<Code, number>> = {};
	for (const code of ALL_CODES) {
		const w = codes[code];
		if (w) out[code] = w * (FLAGS.has(code) ? rules.routing.flagWeight : rules.routing.moveWeight);
	}
	return out;
}

// Authored replies are few and fixed, and a typed reply is routed on every keystroke in /coach:
// remember what the analyzer read in each authored text (per rules object; bounded).
const readings = new WeakMap<CompiledRules, Map<string, Analysis>>();
const READINGS_LIMIT = 5000;

const gramCache = new WeakMap<CompiledRules, Map<string, Map<string, number>>>();

/** An authored text's bigrams, remembered like its reading. */
function gramsOf(text: string, rules: CompiledRules): Map<string, number> {
	let cache = gramCache.get(rules);
	if (!cache) gramCache.set(rules, (cache = new Map()));
	let g = cache.get(text);
	if (!g) {
		if (cache.size >= READINGS_LIMIT) cache.clear();
		cache.set(text, (g = bigrams(contentOf(text, rules))));
	}
	return g;
}

function readingOf(text: string, rules: CompiledRules): Analysis {
	let cache = readings.get(rules);
	if (!cache) readings.set(rules, (cache = new Map()));
	let a = cache.get(text);
	if (!a) {
		if (cache.size >= READINGS_LIMIT) cache.clear();
		cache.set(text, (a = analyze(text, rules)));
	}
	return a;
}

/** An authored reply prepared once per rules: its two readings (weighted), their codes, its bigrams. */
interface Prepared {
	readings: { flags: FlagCode[]; moves: MoveCode[]; weighted: Partial<Record<Code, number>> }[];
	grams: Map<string, number>;
	/** Whether the reply puts a choice to the customer. */
	choice: boolean;
}
const prepared = new WeakMap<CompiledRules, WeakMap<RouteCandidate, Prepared>>();

/**
 * Two readings of an authored reply: the author's weights plus 1 for each code the analyzer finds
 * in its text that the author did not list, and the analyzer's reading alone. Remembered per
 * candidate object (the scenario's reply) and rules.
 */
function prepare(c: RouteCandidate, rules: CompiledRules): Prepared {
	let byCandidate = prepared.get(rules);
	if (!byCandidate) prepared.set(rules, (byCandidate = new WeakMap()));
	let p = byCandidate.get(c);
	if (p) return p;
	const authored: Partial<Record<Code, number>> = { ...c.moves, ...c.flags };
	const read: Partial<Record<Code, number>> = {};
	const found = readingOf(c.text, rules);
	for (const code of [...found.moves, ...found.flags]) {
		read[code] = 1;
		authored[code] = Math.max(authored[code] ?? 0, 1);
	}
	p = {
		readings: [authored, read].map((r) => ({
			flags: FLAG_CODES.filter((f) => r[f]),
			moves: MOVE_CODES.filter((m) => r[m]),
			weighted: weighted(r, rules)
		})),
		grams: gramsOf(c.text, rules),
		choice: offersChoice(c.text)
	};
	byCandidate.set(c, p);
	return p;
}

/** Text overlap (Dice) at which words with no code found can still be an authored reply in other words. */
export const NO_CODE_TEXT = 0.25;
/** ... and the share of that reply's wording they must carry (not a fragment of it). */
export const NO_CODE_RECALL = 0.16;
/** Words with codes must share at least this much wording with the reply they are matched to. */
export const MIN_TEXT = 0.12;
/** The reply matched must be (about) the one whose wording is closest: a shared code is not enough. */
export const TEXT_LEAD = 0.05;

/**
 * Words that put a choice to the customer (two options, an alternative question). A reply that
 * offers a choice is only matched by words that offer one, and the other way round: 「我帮您申请加急」
 * is one option, not the reply with two.
 */
const OFFERS_CHOICE = /(?:还是|哪一?[个种样])[^，。？！,.?!；;]{0,24}[？?]|或者|或是|要么|一是|二是|两个(?:办法|方案|选择)|[您你](?:来)?[选挑]/u;
export const offersChoice = (text: string) => OFFERS_CHOICE.test(text.normalize('NFKC'));

/** Reads typed text at one decision: matched to an authored reply, off script, or unclear. */
export function routeTyped(text: string, candidates: RouteCandidate[], rules: CompiledRules): RouteResult {
	const analysis = analyze(text, rules);
	const typed = contentOf(text, rules);
	if (!typed) {
		return { analysis, replyId: null, reason: 'unclear', ranked: candidates.map((c) => ({ id: c.id, similarity: 0 })) };
	}
	const found: Partial<Record<Code, number>> = {};
	for (const code of [...analysis.moves, ...analysis.flags]) found[code] = 1;
	const typedCodes = weighted(found, rules);
	const typedGrams = bigrams(typed);
	const noCodes = Object.keys(found).length === 0;
	const choice = offersChoice(text);
	const { codeWeight, textWeight, threshold, margin } = rules.routing;

	const scored = candidates.map((c, index) => {
		const { readings, grams, choice: itsChoice } = prepare(c, rules);
		const text = textOverlap(typedGrams, grams);
		const recall = coverage(typedGrams, grams);
		// Only a reply with the same kind of mistakes can be this one: every flag in the words must
		// be one the reply carries, and clean words match only a reply that reads clean (as authored,
		// or as the analyzer reads its text, so a reply typed verbatim always matches itself).
		// When both have moves, they must meet too: a brush-off is not the reply that offers a remedy.
		const sameKind = readings.some((r) => {
			const flagsFit = analysis.flags.length ? analysis.flags.every((f) => r.flags.includes(f)) : r.flags.length === 0;
			const movesFit = r.moves.length && analysis.moves.length ? analysis.moves.some((m) => r.moves.includes(m)) : true;
			return flagsFit && movesFit;
		});
		const code = Math.max(...readings.map((r) => codeOverlap(typedCodes, r.weighted)));
		const similarity = round6(noCodes ? text : sameKind ? codeWeight * code + textWeight * text : 0);
		return { id: c.id, similarity, index, text, recall, sameChoice: itsChoice === choice };
	});
	const ranked = [...scored]
		// Best first; equal similarities keep the authored order.
		.sort((x, y) => y.similarity - x.similarity || x.index - y.index);
	const closestText = Math.max(0, ...scored.map((s) => s.text));

	const out = ranked.map(({ id, similarity }) => ({ id, similarity }));
	const unmatched = (): RouteResult => ({ analysis, replyId: null, reason: unheard(hearing(text, candidates), analysis) ? 'unclear' : 'off-script', ranked: out });
	// The same reply in other words: enough of its wording, the closest wording of all, the same offer.
	// A reply that fails this cannot be matched, nor stand in the way of one that passes.
	const eligible = ranked.filter((c) =>
		c.sameChoice && (noCodes
			? c.text >= NO_CODE_TEXT && c.recall >= NO_CODE_RECALL
			: c.similarity >= threshold && c.text >= MIN_TEXT && c.text >= closestText - TEXT_LEAD)
	);
	const best = eligible[0];
	const runnerUp = eligible[1];
	if (!best) return unmatched();
	if (runnerUp && round6(best.similarity - runnerUp.similarity) < margin) return unmatched();
	return { analysis, replyId: best.id, reason: 'matched', ranked: out };
}
