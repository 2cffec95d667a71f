// How the customer reacts to an off-script typed reply: one that is not clearly any authored reply
// of the decision. Its moves and flags move the mood through the scenario's reaction table, and the
// customer answers with a line written for the code that dominates what was said. Pure and
// browser-safe (the table arrives compiled inside the scenario; reactions-file.ts reads the YAML).
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Archetype, type Code, type FlagCode, type MoveCode } from '../domain';

/**
 * What the customer says on a call without being answered (pressure.ts): speaking up after silence,
 * and coming back from hold (thanks, unannounced, too long).
 */
export const PRESSURE_KEYS = ['waiting', 'holdThanks', 'holdUnannounced', 'holdLong'] as const;
export type PressureKey = (typeof PRESSURE_KEYS)[number];
/**
 * Lines for what the words do beyond their code: `press` (words about the case with no code in
 * them: the customer presses for what they want), `blameOthers` (blame put on a third party or the
 * system rather than on the customer), `repeat` (asking the customer for what they already said).
 */
export const REFINED_KEYS = ['press', 'blameOthers', 'repeat'] as const;
export type RefinedKey = (typeof REFINED_KEYS)[number];
/** What a reaction line can be written for: a code, a refinement, a reply with no recognisable content, or call pressure. */
export type ReactionKey = Code | RefinedKey | 'unclear' | PressureKey;
export const REACTION_KEYS = [...ALL_CODES, ...REFINED_KEYS, 'unclear', ...PRESSURE_KEYS] as const satisfies readonly ReactionKey[];

export interface ReactionCosts {
	/** Every off-script reply: it did not answer what the customer was waiting for. */
	base: number;
	/** A reply with no recognisable content (empty, gibberish, chit-chat): a little patience. */
	unclear: number;
	/** An off-script reply calms the customer by at most this much. */
	calmLimit: number;
	/** A reply with any flag raises the mood by at least this much: a bad reply is never free. */
	flagFloor: number;
	/** Each time a caller on the line speaks up after silence (不要让我等). */
	waiting: number;
	/** A hold asked for and ended in time calms by this much (迂回暂缓). */
	holdCalm: number;
	/** A hold without asking first. */
	holdUnannounced: number;
	/** A hold longer than the time asked for. */
	holdLong: number;
}

/** The reaction table of one scenario: shared defaults, then the persona's, then the scenario's own. */
export interface CompiledReactions {
	costs: ReactionCosts;
	/** Mood change per code found in an off-script reply (negative calms). */
	mood: Record<Code, number>;
	/** What the customer says back, per dominant code; every key has at least one line. */
	lines: Record<ReactionKey, string[]>;
}

/** Used only for scenario versions compiled before reaction tables existed. */
export const LEGACY_REACTIONS: CompiledReactions = {
	costs: { base: 3, unclear: 2, calmLimit: 8, flagFloor: 6, waiting: 6, holdCalm: 4, holdUnannounced: 10, holdLong: 8 },
	mood: Object.fromEntries(ALL_CODES.map((c) => [c, (FLAG_CODES as readonly string[]).includes(c) ? 10 : -1])) as Record<Code, number>,
	lines: {
		...(Object.fromEntries(REACTION_KEYS.map((k) => [k, [k === 'unclear' ? '您说什么？我没听明白。' : '……您到底打算怎么解决？']])) as Record<ReactionKey, string[]>),
		waiting: ['喂？还在吗？'],
		holdThanks: ['好，我等着呢。'],
		holdUnannounced: ['喂？怎么没声音了？'],
		holdLong: ['怎么这么久？我等了半天了。']
	}
};

export interface OffScriptEffect {
	/** The code (or refinement) the customer reacts to, or 'unclear' when nothing was recognised. */
	dominant: ReactionKey;
	moodDelta: number;
	/** What the customer says back. */
	line: string;
}

/** How far an off-script reply may move the mood beyond the authored replies of its decision. */
export const RANGE_SLACK = 2;

/** What the analyzer found in the words. */
export interface FoundWords {
	moves: readonly MoveCode[];
	flags: readonly FlagCode[];
}

export interface OffScriptOptions {
	/** False when the trainee already went off script at this decision: soothing words no longer calm. */
	calmAllowed: boolean;
	/** Picks among the lines when no words are given (older callers). */
	nth?: number;
	/** The typed words: the line is chosen by a hash of them, so a replay picks the same one. */
	text?: string;
	/** Words with no code that still talk about the case (heard.ts): the customer presses, not 「没听明白」. */
	heard?: boolean;
	/** The mood changes of the decision's authored replies: an off-script reply stays within them (± RANGE_SLACK). */
	range?: readonly number[];
	/** The line the customer just said at this decision: not said twice in a row. */
	avoid?: string;
}

/** FNV-1a over UTF-16 code units: a small, stable hash (the server and the browser agree). */
export function hashText(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** One of the lines, chosen by the words (or nth), skipping the line just said when there is another. */
export function pickLine(lines: readonly string[], opts: { text?: string; nth?: number; avoid?: string }): string {
	const start = opts.text !== undefined ? hashText(opts.text) % lines.length : Math.abs(opts.nth ?? 0) % lines.length;
	const line = lines[start];
	return line === opts.avoid && lines.length > 1 ? lines[(start + 1) % lines.length] : line;
}

/** Blame that lands on the customer: what they did, did not do, or should have done. */
const ON_CUSTOMER = /[您你]自己|[您你](?:没|未|应该|得|要|也要|看错|用|操作|不小心)|怪[您你]|[您你]的(?:问题|错|责任|原因)|是[您你]/u;
/** Blame put on someone or something else: the system, the maker, a colleague, another branch. */
const ON_OTHERS = /系统|厂家|厂商|供应商|原厂|同事|营业厅|快递|物流|仓库|师傅|他们|那边|合作方|上面|总部|工厂|配件|缺货|基站|网络/u;
/** Asking for what the customer already gave: again, once more, in full. */
const ASKS_AGAIN = /再[^，。？！]{0,6}(?:说|报|发|讲|提供|描述|确认)|重新|再次|一遍/u;

/** The key whose lines fit the words: a refinement of the dominant code when the table has one. */
function refine(dominant: Code, text: string | undefined, lines: Record<ReactionKey, string[]>): ReactionKey {
	if (dominant === 'blame' && lines.blameOthers?.length && text && ON_OTHERS.test(text) && !ON_CUSTOMER.test(text)) return 'blameOthers';
	if (dominant === 'info' && lines.repeat?.length && text && ASKS_AGAIN.test(text)) return 'repeat';
	return dominant;
}

/**
 * The customer's reaction to an off-script reply. Flags always cost (at least flagFloor, and never
 * nothing); soothing words calm in proportion to the moves found, at most calmLimit, and only the
 * first time at a decision. With `range`, the change stays within what the decision's authored
 * replies do (RANGE_SLACK beyond at most): off-script words are never worse than the worst reply
 * by much, nor better than the best.
 */
export function offScriptEffect(table: CompiledReactions, found: FoundWords, opts: OffScriptOptions): OffScriptEffect {
	const { costs, mood } = table;
	let dominant: ReactionKey = 'unclear';
	let delta: number;
	const hi = opts.range?.length ? Math.max(...opts.range) + RANGE_SLACK : Infinity;
	const lo = opts.range?.length ? Math.min(0, ...opts.range) : -Infinity;
	if (!found.moves.length && !found.flags.length) {
		if (opts.heard) {
			// Asking to hear it again is a repeat; anything else about the case, the customer presses.
			dominant = opts.text && ASKS_AGAIN.test(opts.text) && table.lines.repeat?.length ? 'repeat' : 'press';
			delta = costs.base;
		} else delta = costs.unclear;
	} else {
		const flagSum = found.flags.reduce((n, c) => n + mood[c], 0);
		const moveSum = opts.calmAllowed ? found.moves.reduce((n, c) => n + mood[c], 0) : 0;
		delta = Math.max(-costs.calmLimit, lo, costs.base + flagSum + moveSum);
		if (found.flags.length) {
			delta = Math.min(Math.max(delta, costs.flagFloor), Math.max(hi, 1));
			// The flag that hurts most is what the customer hears; between equals, blame that lands on them.
			const onThem = (c: FlagCode) => c === 'blame' && !!opts.text && ON_CUSTOMER.test(opts.text);
			dominant = FLAG_CODES.filter((c) => found.flags.includes(c)).reduce((a, b) => (mood[b] > mood[a] || (mood[b] === mood[a] && onThem(b)) ? b : a));
		} else {
			delta = Math.min(delta, hi);
			// Otherwise the move that soothes most ("先处理心情" shows in what the customer answers).
			dominant = MOVE_CODES.filter((c) => found.moves.includes(c)).reduce((a, b) => (mood[b] < mood[a] ? b : a));
		}
		dominant = refine(dominant as Code, opts.text, table.lines);
	}
	const lines = table.lines[dominant]?.length ? table.lines[dominant] : table.lines[dominant === 'press' ? 'demand' : 'unclear'];
	return { dominant, moodDelta: Math.round(delta), line: pickLine(lines, opts) };
}

/**
 * The customer's reaction to typed words at a decision, as the player gives it: words the customer
 * did not hear carry no codes, the line is chosen by the words, and the change stays within the
 * decision's authored replies. The engine, `npm run respond` and /coach all answer through this.
 */
export function typedReaction(
	table: CompiledReactions,
	found: FoundWords,
	text: string,
	heard: boolean,
	replies: readonly { mood: number }[],
	turn: { calmAllowed: boolean; avoid?: string } = { calmAllowed: true }
): OffScriptEffect {
	return offScriptEffect(table, heard ? found : { moves: [], flags: [] }, { ...turn, text, heard, range: replies.map((r) => r.mood) });
}

/** One layer of a reaction table as written: the shared defaults, a persona's, or a scenario's. */
export interface ReactionLayer {
	costs?: Partial<ReactionCosts>;
	mood?: Partial<Record<Code, number>>;
	lines?: Partial<Record<ReactionKey, string[]>>;
}

/** Defaults, then the persona's archetype, then the scenario's own `reactions:`. Lines replace per key. */
export function mergeReactions(defaults: ReactionLayer & { personas: Partial<Record<Archetype, ReactionLayer>> }, archetype: Archetype, own: ReactionLayer | undefined): CompiledReactions {
	const layers = [defaults, defaults.personas[archetype] ?? {}, own ?? {}];
	const costs = Object.assign({}, ...layers.map((l) => l.costs ?? {})) as ReactionCosts;
	const mood = Object.assign({}, ...layers.map((l) => l.mood ?? {})) as Record<Code, number>;
	const lines = Object.assign({}, ...layers.map((l) => l.lines ?? {})) as Record<ReactionKey, string[]>;
	return { costs, mood, lines };
}
