// What one turn does to the engine's context: an authored or routed reply, off-script words, a wait
// or a hold. Split from engine.ts (which builds the machine from these) so each stays small; pure
// functions of the scenario, the context and the event.
import { clampMood, type FlagCode } from '../domain';
import { holdEffect, responseSeconds, waitEffect, type HoldTaken } from './pressure';
import { hearing, unheard } from './heard';
import { LEGACY_REACTIONS, typedReaction } from './reactions';
import { applyOffScript, applyReply } from './semantics';
import type { EngineContext, EngineEvent, PressureEntry, TranscriptEntry } from './engine';
import type { CompiledNode, CompiledScenario, Reply } from './types';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

// A typed reply moves the story exactly as the authored reply it was routed to; the transcript keeps
// the trainee's own words.
export function choose(context: EngineContext, node: Decision, r: Reply, typed: string | undefined): Partial<EngineContext> {
	const decision = node.id;
	const play = applyReply(decision, r, context.play);
	// A typed reply never carries the authored reply's feedback: that describes words not said.
	const said = typed === undefined ? { text: r.text, feedback: r.feedback } : { text: typed, typed: true as const, feedback: '' };
	const transcript: TranscriptEntry[] = [
		...context.transcript,
		{ kind: 'reply', node: decision, reply: r.id, ...said, moodBefore: context.play.mood, mood: play.mood }
	];
	if (r.response) transcript.push({ kind: 'response', node: decision, text: r.response, mood: play.mood });
	return {
		play,
		steps: [
			...context.steps,
			{
				decision,
				reply: r.id,
				moodBefore: context.play.mood,
				moodAfter: play.mood,
				moves: r.moves,
				flags: r.flags,
				...(typed === undefined ? {} : { typed }),
				respondWithin: responseSeconds(node, context.reachedMood)
			}
		],
		transcript,
		moodTrail: [...context.moodTrail, play.mood]
	};
}

/**
 * An off-script reply: the mood moves through the reaction table, the customer answers with the
 * line for what dominated the words. Soothing words calm only the first time at a decision.
 */
export function offScript(
	scenario: CompiledScenario,
	context: EngineContext,
	decision: string,
	event: Extract<EngineEvent, { type: 'OFFSCRIPT' }>
): Partial<EngineContext> {
	const effect = offScriptReaction(scenario, context, decision, event);
	const play = applyOffScript(context.play, effect.moodDelta, event);
	const flags = Object.fromEntries(event.flags.map((c) => [c, 1])) as Partial<Record<FlagCode, number>>;
	return {
		play,
		steps: [
			...context.steps,
			{
				decision,
				reply: null,
				moodBefore: context.play.mood,
				moodAfter: play.mood,
				moves: {},
				flags,
				typed: event.typed,
				respondWithin: responseSeconds(scenario.nodes[decision] as Decision, context.reachedMood)
			}
		],
		transcript: [
			...context.transcript,
			{ kind: 'reply', node: decision, reply: null, text: event.typed, typed: true, feedback: '', moodBefore: context.play.mood, mood: play.mood },
			{ kind: 'response', node: decision, text: effect.line, mood: play.mood, reaction: effect.dominant }
		],
		moodTrail: [...context.moodTrail, play.mood]
	};
}

/** Waits or holds at this decision since the trainee's last reply. */
export function pressedHere(context: EngineContext, decision: string, kind: PressureEntry['kind']): number {
	return context.pressure.filter((p) => p.kind === kind && p.turn === context.steps.length && p.decision === decision).length;
}

/** A wait (hold null) or a hold: the mood moves, the caller says so; the decision stays open. */
export function pressed(scenario: CompiledScenario, context: EngineContext, decision: string, hold: (HoldTaken & { limit: number }) | null): Partial<EngineContext> {
	const nth = context.pressure.filter((p) => p.kind === (hold ? 'hold' : 'wait')).length;
	const effect = hold ? holdEffect(scenario.reactions, hold, hold.limit, nth) : waitEffect(scenario.reactions, nth);
	const mood = clampMood(context.play.mood + effect.moodDelta);
	const entry: PressureEntry = {
		kind: hold ? 'hold' : 'wait',
		turn: context.steps.length,
		decision,
		moodBefore: context.play.mood,
		mood,
		...(hold ? { hold: { asked: hold.asked, ms: hold.ms, long: effect.key === 'holdLong' } } : {})
	};
	return {
		play: { ...context.play, mood },
		pressure: [...context.pressure, entry],
		transcript: [...context.transcript, { kind: 'response', node: decision, text: effect.line, mood, reaction: effect.key }]
	};
}

/** Whether off-script words here say something the customer takes up (heard.ts), rather than 「没听明白」. */
export function heardHere(scenario: CompiledScenario, decision: string, event: Extract<EngineEvent, { type: 'OFFSCRIPT' }>): boolean {
	const node = scenario.nodes[decision] as Decision;
	return !unheard(hearing(event.typed, node.replies), event);
}

/**
 * The customer's reaction to off-script words here. Soothing words calm only the first time at a
 * decision; the mood change stays within the decision's authored replies; the line is chosen by the
 * words, and is not the one the customer just said at this decision.
 */
export function offScriptReaction(scenario: CompiledScenario, context: EngineContext, decision: string, event: Extract<EngineEvent, { type: 'OFFSCRIPT' }>) {
	const last = context.steps.at(-1);
	const repeat = !!last && last.reply === null && last.decision === decision;
	const node = scenario.nodes[decision] as Decision;
	const avoid = context.transcript.findLast((e) => e.kind === 'response' && e.node === decision)?.text;
	return typedReaction(scenario.reactions ?? LEGACY_REACTIONS, event, event.typed, heardHere(scenario, decision, event), node.replies, { calmAllowed: !repeat, avoid });
}
