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
/** What a reaction line can be written for: a code, a reply with no recognisable content, or call pressure. */
export type ReactionKey = Code | 'unclear' | PressureKey;
export const REACTION_KEYS = [...ALL_CODES, 'unclear', ...PRESSURE_KEYS] as const satisfies readonly ReactionKey[];

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
	/** The code the customer reacts to, or 'unclear' when nothing was recognised. */
	dominant: ReactionKey;
	moodDelta: number;
	/** What the customer says back. */
	line: string;
}

/**
 * The customer's reaction to an off-script reply. `calmAllowed` is false when the trainee already
 * went off script at this decision: more soothing words no longer calm (only flags still count).
 * `nth` picks among the lines (the count of earlier off-script turns), so replays agree.
 */
export function offScriptEffect(
	table: CompiledReactions,
	found: { moves: readonly MoveCode[]; flags: readonly FlagCode[] },
	opts: { calmAllowed: boolean; nth: number }
): OffScriptEffect {
	const { costs, mood } = table;
	let dominant: ReactionKey = 'unclear';
	let delta: number;
	if (!found.moves.length && !found.flags.length) delta = costs.unclear;
	else {
		const flagSum = found.flags.reduce((n, c) => n + mood[c], 0);
		const moveSum = opts.calmAllowed ? found.moves.reduce((n, c) => n + mood[c], 0) : 0;
		delta = Math.max(-costs.calmLimit, costs.base + flagSum + moveSum);
		if (found.flags.length) {
			delta = Math.max(delta, costs.flagFloor);
			// The flag that hurts most is what the customer hears.
			dominant = FLAG_CODES.filter((c) => found.flags.includes(c)).reduce((a, b) => (mood[b] > mood[a] ? b : a));
		} else {
			// Otherwise the move that soothes most ("先处理心情" shows in what the customer answers).
			dominant = MOVE_CODES.filter((c) => found.moves.includes(c)).reduce((a, b) => (mood[b] < mood[a] ? b : a));
		}
	}
	const lines = table.lines[dominant];
	return { dominant, moodDelta: Math.round(delta), line: lines[Math.abs(opts.nth) % lines.length] };
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
