// The scoring model (docs/scoring.md). Everything is computed from a recorded list of choices by
// replaying it, so the server can recompute any score and nothing is taken from the client.
import {
	EMOTION_CODES,
	FLAG_CODES,
	IDLPPC_CODES,
	type Code,
	type EmotionCode,
	type FlagCode,
	type IdlppcCode,
	type MoveCode,
	type Outcome
} from '../domain';
import { replay, type EngineContext, type ScenarioSnapshot, type TranscriptEntry, type TurnPressure } from '../scenario/engine';
import type { CompiledNode, CompiledScenario, Reply } from '../scenario/types';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

/** Points taken off the overall score. */
export const PENALTY = {
	/** per flag occurrence, times its weight */
	flag: 5,
	/** per process-order finding (a remedy before any listening or emotion move) */
	processOrder: 5,
	/** per slow reply, only in scenarios that opt in to scored response time */
	slowReply: 2,
	slowReplyMax: 10,
	/** by how the conversation ended */
	outcome: { resolved: 0, escalated: 5, lost: 15 } satisfies Record<Outcome, number>
} as const;

/** Moves that count as dealing with the feelings before the facts. */
export const FEELING_FIRST: readonly MoveCode[] = ['listen', 'empathy', 'apology'];
export const REMEDY: readonly MoveCode[] = ['propose', 'promise'];

export interface DimensionScore {
	earned: number;
	possible: number;
	/** 0–100, or null when the path offered no chance to show it ("not assessed"). */
	score: number | null;
}

export interface FlagFinding {
	code: FlagCode;
	weight: number;
	turn: number;
	decision: string;
	reply: string;
	text: string;
}

export interface ProcessFinding {
	turn: number;
	decision: string;
	reply: string;
	text: string;
}

export interface TurnReview {
	turn: number;
	decision: string;
	/** What was said to the trainee since their last reply. */
	heard: { speaker: string; text: string }[];
	reply: Reply;
	moodBefore: number;
	moodAfter: number;
	responseMs: number | null;
	slow: boolean;
	/** On a live call: the seconds the caller gave before speaking up here (null: the turn was not timed). */
	respondWithin: number | null;
	/** On a live call: how often the caller spoke up into silence before this reply. */
	waits: number;
	/** On a live call: the hold before this reply (迂回暂缓), and what the caller made of it. */
	hold: { asked: boolean; ms: number; long: boolean; moodChange: number } | null;
	/** True when the trainee typed this reply: `reply` then holds their words and what they are credited with. */
	typed: boolean;
	/** For a typed reply: how it was read and the words behind every code found in it. */
	reading: TypedReading | null;
	/** The reply with the highest turn value here (null when the trainee chose it). */
	better: Reply | null;
}

export interface TypedReading {
	reading: 'matched' | 'off-script' | 'unclear';
	moves: readonly MoveCode[];
	flags: readonly FlagCode[];
	evidence: Partial<Record<Code, string[]>>;
	/** The authored reply the words were matched to (its text), when matched. */
	matchedText: string | null;
}

export interface ScoreReport {
	scenario: string;
	version: string;
	outcome: Outcome | null;
	ending: string | null;
	finished: boolean;
	dimensions: Record<IdlppcCode, DimensionScore>;
	emotion: DimensionScore;
	processFindings: ProcessFinding[];
	/** The turn of the first remedy (propose or promise), or null when none was offered. */
	firstRemedyTurn: number | null;
	flags: FlagFinding[];
	flagCounts: Record<FlagCode, number>;
	timing: { targetSeconds: number; scored: boolean; slowTurns: number[]; penalty: number };
	penalties: { flags: number; processOrder: number; timing: number; outcome: number };
	overall: number;
	moodTrail: number[];
	turns: TurnReview[];
}

/** A turn as the formula sees it: the decision faced and the reply chosen. */
interface TurnFacts {
	decision: Decision;
	reply: Reply;
	typed?: boolean;
	/** Off-script words at a decision offered again: left out of the dimensions (it is still open); their flags cost. */
	offScript?: boolean;
	/** For typed words matched to an authored reply: that reply as written. */
	authored?: Reply;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const emotionWeight = (r: Reply) => sum(EMOTION_CODES.map((c) => r.moves[c] ?? 0));

/** The core formula: a trainee's score (best.ts keeps the same sums incrementally for its search). */
export function formula(turns: TurnFacts[], outcome: Outcome | null, slowCount: number, timingScored: boolean) {
	// Per turn, a reply earns at most what the best authored reply there could: only typed replies
	// (scored on what the analyzer found in the trainee's words) can reach the cap.
	// Off-script turns are left out of the dimensions: the decision they were at is still to be answered.
	const onScript = turns.filter((t) => !t.offScript);
	const dimensions = Object.fromEntries(
		IDLPPC_CODES.map((code) => {
			const atMost = onScript.map((t) => Math.max(0, ...t.decision.replies.map((r) => r.moves[code] ?? 0)));
			const possible = sum(atMost);
			const earned = sum(onScript.map((t, i) => Math.min(atMost[i], t.reply.moves[code] ?? 0)));
			return [code, { earned, possible, score: possible ? Math.round((100 * earned) / possible) : null }];
		})
	) as Record<IdlppcCode, DimensionScore>;

	// Emotion handling counts the turns up to and including the first remedy.
	const firstRemedy = turns.findIndex((t) => REMEDY.some((c) => t.reply.moves[c]));
	const emotionTurns = (firstRemedy < 0 ? turns : turns.slice(0, firstRemedy + 1)).filter((t) => !t.offScript);
	const eAtMost = emotionTurns.map((t) => Math.max(0, ...t.decision.replies.map(emotionWeight)));
	const ePossible = sum(eAtMost);
	const eEarned = sum(emotionTurns.map((t, i) => Math.min(eAtMost[i], emotionWeight(t.reply))));
	const emotion = { earned: eEarned, possible: ePossible, score: ePossible ? Math.round((100 * eEarned) / ePossible) : null };

	const processTurn =
		firstRemedy >= 0 && !turns.slice(0, firstRemedy + 1).some((t) => FEELING_FIRST.some((c) => t.reply.moves[c])) ? firstRemedy : -1;

	const assessed = [...Object.values(dimensions), emotion].filter((d) => d.score !== null).map((d) => d.score!);
	const base = assessed.length ? sum(assessed) / assessed.length : 100;
	const flagPoints = PENALTY.flag * sum(turns.map((t) => sum(Object.values(t.reply.flags).map((w) => w ?? 0))));
	const penalties = {
		flags: flagPoints,
		processOrder: processTurn >= 0 ? PENALTY.processOrder : 0,
		timing: timingScored ? Math.min(PENALTY.slowReplyMax, PENALTY.slowReply * slowCount) : 0,
		outcome: outcome ? PENALTY.outcome[outcome] : 0
	};
	const overall = Math.max(0, Math.min(100, Math.round(base - sum(Object.values(penalties)))));
	return { dimensions, emotion, firstRemedy, processTurn, penalties, overall };
}

/** A typed reply as the analyzer read it (the caller runs the analyzer; this module stays pure). */
export interface TypedTurn {
	text: string;
	moves: readonly MoveCode[];
	flags: readonly FlagCode[];
	/** The words behind each code found (for feedback that quotes the trainee). */
	evidence?: Partial<Record<Code, string[]>>;
	reading?: TypedReading['reading'];
}

export interface ScoreInput {
	/** Per turn the authored reply (picked, or typed words matched to it), or null for off-script words. */
	choices: readonly (string | null)[];
	/**
	 * The scenario's best possible overall score (bestScore). When given, the overall never exceeds
	 * it: typed words can avoid a matched reply's wording but not beat the scenario's own best.
	 */
	bestPossible?: number;
	/** Milliseconds the trainee took at each decision, as measured by the player (null: unknown). */
	responseMs?: readonly (number | null)[];
	/** Per turn, the typed reply and its analysis (null where the trainee picked a button). */
	typed?: readonly (TypedTurn | null)[];
	/** Per turn, what happened on a live call before the reply: silence timed, a hold (null: not on a call). */
	pressure?: readonly (TurnPressure | null)[];
	/** The final snapshot of exactly these turns, when the caller has just replayed them (resolveAttempt): not replayed again. */
	replayed?: ScenarioSnapshot;
}

/**
 * What typed words matched to an authored reply are scored as: the moves found in them, each at
 * most as the matched reply carries it (a move that reply lacks earns nothing, so stuffing stock
 * phrases earns nothing, and a code found twice counts once); every flag found costs, at the
 * matched reply's weight or 1. Mood and branching follow the authored reply.
 */
export function typedReply(authored: Reply, typed: TypedTurn): Reply {
	return {
		...authored,
		text: typed.text,
		feedback: '',
		moves: Object.fromEntries(typed.moves.filter((c) => authored.moves[c]).map((c) => [c, authored.moves[c]!])),
		flags: Object.fromEntries(typed.flags.map((c) => [c, authored.flags[c] ?? 1]))
	};
}

/** Off-script words as a reply: no move credit, each flag found at weight 1, the reaction's mood change. */
function offScriptReply(decision: Decision, typed: TypedTurn, moodDelta: number): Reply {
	return {
		id: '',
		text: typed.text,
		moves: {},
		flags: Object.fromEntries(typed.flags.map((c) => [c, 1])),
		mood: moodDelta,
		feedback: '',
		next: decision.id
	};
}

/** Scores an attempt by replaying its choices. Throws ChoiceError on a choice not offered. */
export function scoreAttempt(scenario: CompiledScenario, input: ScoreInput): ScoreReport {
	const typed = input.typed ?? [];
	const pressure = input.pressure ?? [];
	const snap = input.replayed ?? replay(scenario, input.choices, typed, pressure);
	const ctx = snap.context;
	const turns: TurnFacts[] = ctx.steps.map((s, i) => {
		const decision = scenario.nodes[s.decision] as Decision;
		const words = typed[i];
		if (s.reply === null) {
			// Off-script words that took the conversation on (the decision's offScript route) closed the
			// decision: it counts, with nothing earned. Words after which it is offered again do not.
			const next = i + 1 < ctx.steps.length ? ctx.steps[i + 1].decision : snap.status === 'done' ? null : String(snap.value);
			return { decision, reply: offScriptReply(decision, words!, s.moodAfter - s.moodBefore), typed: true, offScript: next === s.decision };
		}
		const authored = decision.replies.find((r) => r.id === s.reply)!;
		return words ? { decision, reply: typedReply(authored, words), typed: true, authored } : { decision, reply: authored };
	});
	const ms = turns.map((_, i) => input.responseMs?.[i] ?? null);
	// On a call, a timed turn is judged against the time the caller gave at that decision; untimed
	// turns of a call (voice off) are not judged. Elsewhere every turn against the scenario's target.
	const call = scenario.meta.channel === 'phone';
	const limits = turns.map((_, i) =>
		pressure[i]?.timedMs != null ? ctx.steps[i].respondWithin * 1000 : call ? null : scenario.responseTime.targetSeconds * 1000
	);
	const slowTurns = ms.flatMap((m, i) => (m !== null && limits[i] !== null && m > limits[i]! ? [i + 1] : []));
	const f = formula(turns, ctx.outcome, slowTurns.length, scenario.responseTime.scored);

	const flags: FlagFinding[] = turns.flatMap((t, i) =>
		FLAG_CODES.filter((c) => t.reply.flags[c]).map((code) => ({
			code,
			weight: t.reply.flags[code]!,
			turn: i + 1,
			decision: t.decision.id,
			reply: t.reply.id,
			text: t.reply.text
		}))
	);
	const flagCounts = Object.fromEntries(FLAG_CODES.map((c) => [c, flags.filter((x) => x.code === c).length])) as Record<FlagCode, number>;
	const processFindings: ProcessFinding[] =
		f.processTurn >= 0
			? [{ turn: f.processTurn + 1, decision: turns[f.processTurn].decision.id, reply: turns[f.processTurn].reply.id, text: turns[f.processTurn].reply.text }]
			: [];

	return {
		scenario: scenario.meta.id,
		version: scenario.version,
		outcome: ctx.outcome,
		ending: ctx.ending,
		finished: snap.status === 'done',
		dimensions: f.dimensions,
		emotion: f.emotion,
		processFindings,
		firstRemedyTurn: f.firstRemedy >= 0 ? f.firstRemedy + 1 : null,
		flags,
		flagCounts,
		timing: { targetSeconds: scenario.responseTime.targetSeconds, scored: scenario.responseTime.scored, slowTurns, penalty: f.penalties.timing },
		penalties: f.penalties,
		overall: input.bestPossible === undefined ? f.overall : Math.min(f.overall, Math.max(0, input.bestPossible)),
		moodTrail: ctx.moodTrail,
		turns: reviewTurns(ctx, turns, ms, limits, typed, pressure)
	};
}

function holdAt(ctx: EngineContext, turn: number): TurnReview['hold'] {
	const h = ctx.pressure.find((p) => p.turn === turn && p.kind === 'hold');
	return h?.hold ? { ...h.hold, moodChange: h.mood - h.moodBefore } : null;
}

/** The value of one reply on its own: its IDL+PPC and emotion weights less its flags. */
export function turnValue(r: Reply): number {
	const moves = sum([...IDLPPC_CODES, ...EMOTION_CODES].map((c: MoveCode) => r.moves[c] ?? 0));
	const flags = sum(Object.values(r.flags).map((w) => w ?? 0));
	return moves - 2 * flags - r.mood / 20;
}

/** The authored reply with the highest turn value at a decision (the first of equals). */
export function bestReply(d: Decision): Reply {
	return d.replies.reduce((a, b) => (turnValue(b) > turnValue(a) ? b : a));
}

function reviewTurns(
	ctx: EngineContext,
	turns: TurnFacts[],
	ms: (number | null)[],
	limits: (number | null)[],
	typed: readonly (TypedTurn | null)[],
	pressure: readonly (TurnPressure | null)[]
): TurnReview[] {
	const { transcript, steps } = ctx;
	const heardBefore: { speaker: string; text: string }[][] = [];
	let buffer: { speaker: string; text: string }[] = [];
	for (const e of transcript) {
		if (e.kind === 'reply') {
			heardBefore.push(buffer);
			buffer = [];
		} else buffer.push({ speaker: e.kind === 'line' ? e.speaker : 'customer', text: e.text });
	}
	return turns.map((t, i) => {
		const best = bestReply(t.decision);
		return {
			turn: i + 1,
			decision: t.decision.id,
			heard: heardBefore[i] ?? [],
			reply: t.reply,
			moodBefore: steps[i].moodBefore,
			moodAfter: steps[i].moodAfter,
			responseMs: ms[i],
			slow: ms[i] !== null && limits[i] !== null && ms[i]! > limits[i]!,
			respondWithin: pressure[i]?.timedMs != null ? steps[i].respondWithin : null,
			waits: ctx.pressure.filter((p) => p.turn === i && p.kind === 'wait').length,
			hold: holdAt(ctx, i),
			typed: !!t.typed,
			reading: typed[i]
				? {
						reading: typed[i]!.reading ?? (t.reply.id === '' ? 'off-script' : 'matched'),
						moves: typed[i]!.moves,
						flags: typed[i]!.flags,
						evidence: typed[i]!.evidence ?? {},
						matchedText: t.authored?.text ?? null
					}
				: null,
			// Typed words always get the best authored reply as a model: their own wording is what is judged.
			better: t.typed ? best : best.id === t.reply.id || turnValue(best) <= turnValue(t.reply) ? null : best
		};
	});
}

export const SCORED_CODES: readonly Code[] = [...IDLPPC_CODES, ...EMOTION_CODES, ...FLAG_CODES];
export type { EmotionCode };
