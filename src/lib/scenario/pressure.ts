// Phone pressure: 不要让我等 (don't make me wait) and 迂回暂缓 (put the caller on hold the right way).
// On a live call each decision has a response time; silence past it makes the customer speak up and
// costs patience. Where an author allows it (`hold:` on a decision), the trainee may put the caller on
// hold: asking first and coming back within the time asked for calms, an unannounced or a long hold
// angers. Pure and browser-safe: the engine, the server's replay and the player share these rules.
import { moodStage, type MoodStageId } from '../domain';
import { LEGACY_REACTIONS, type CompiledReactions, type PressureKey } from './reactions';
import type { CompiledNode } from './types';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

/** Seconds of silence a caller puts up with before speaking up, by the mood stage when the decision is reached. */
export const RESPONSE_SECONDS: Record<MoodStageId, number> = {
	latent: 25,
	brewing: 20,
	voiced: 16,
	potential: 13,
	complaint: 10,
	escalated: 8
};
/** After this many prompts at one decision the caller stops asking (the mood has paid enough). */
export const MAX_WAITS = 3;
/** How long a hold may last when the author gives no time (seconds). */
export const DEFAULT_HOLD_SECONDS = 30;
/** The longest hold (or response) a turn may claim: an hour, as for response times. */
export const MAX_PRESSURE_MS = 3_600_000;

/** The decision's authored response time, or the default for the mood it was reached at. */
export function responseSeconds(decision: Decision, moodWhenReached: number): number {
	return decision.responseSeconds ?? RESPONSE_SECONDS[moodStage(moodWhenReached).id];
}

/** How many times the caller has spoken up after `ms` of silence. */
export function waitsFor(ms: number, seconds: number): number {
	return Math.min(MAX_WAITS, Math.floor(Math.max(0, ms) / (seconds * 1000)));
}

/** A hold as the player records it: whether the trainee asked first, and how long the caller waited. */
export interface HoldTaken {
	asked: boolean;
	ms: number;
}

export interface PressureEffect {
	key: PressureKey;
	moodDelta: number;
	line: string;
}

/** Tables compiled before pressure existed lack its costs and lines: the shared defaults stand in. */
function table(t: CompiledReactions | undefined): CompiledReactions {
	const base = t ?? LEGACY_REACTIONS;
	return { costs: { ...LEGACY_REACTIONS.costs, ...base.costs }, mood: base.mood, lines: { ...LEGACY_REACTIONS.lines, ...base.lines } };
}
const pick = (lines: string[], nth: number) => lines[Math.abs(nth) % lines.length];

/** The caller speaks up after silence. `nth` (earlier prompts in the call) picks the line, so replays agree. */
export function waitEffect(reactions: CompiledReactions | undefined, nth: number): PressureEffect {
	const t = table(reactions);
	return { key: 'waiting', moodDelta: t.costs.waiting, line: pick(t.lines.waiting, nth) };
}

/** Back from hold: asked and on time calms; unannounced or past the time asked for angers (both add up). */
export function holdEffect(reactions: CompiledReactions | undefined, hold: HoldTaken, limitSeconds: number, nth: number): PressureEffect {
	const t = table(reactions);
	const long = hold.ms > limitSeconds * 1000;
	const moodDelta = (hold.asked ? 0 : t.costs.holdUnannounced) + (long ? t.costs.holdLong : 0) + (hold.asked && !long ? -t.costs.holdCalm : 0);
	const key: PressureKey = long ? 'holdLong' : hold.asked ? 'holdThanks' : 'holdUnannounced';
	return { key, moodDelta, line: pick(t.lines[key], nth) };
}
