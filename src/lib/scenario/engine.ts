// The scenario runtime: a compiled scenario becomes an XState v5 machine. Mood and history live in
// the machine's context; route nodes are guarded `always` transitions. The same code runs in the
// browser (the player) and on the server (replay to verify an attempt).
import { assign, createActor, setup, type Actor, type SnapshotFrom } from 'xstate';
import { clampMood, MOOD_MAX, type FlagCode, type MoveCode, type Outcome, type Speaker } from '../domain';
import { OVER_THE_TOP_LINE } from './over-the-top';
import { MAX_WAITS, responseSeconds, waitsFor, type HoldTaken } from './pressure';
import type { ReactionKey } from './reactions';
import { holds, initialState, lineText, type PlayState } from './semantics';
import { choose, heardHere, offScript, offScriptReaction, pressed, pressedHere } from './turns';
import type { CompiledScenario, Reply } from './types';

export type TranscriptEntry =
	| { kind: 'line'; node: string; speaker: Speaker; text: string; direction?: string; mood: number }
	| {
			kind: 'reply';
			node: string;
			/** The authored reply, or null for an off-script typed reply. */
			reply: string | null;
			text: string;
			moodBefore: number;
			mood: number;
			/** The authored reply's feedback; empty for typed replies (their feedback comes from what was found in the words). */
			feedback: string;
			typed?: true;
	  }
	| { kind: 'response'; node: string; text: string; mood: number; reaction?: ReactionKey };

export interface Step {
	decision: string;
	/** The authored reply, or null for an off-script typed reply. */
	reply: string | null;
	moodBefore: number;
	moodAfter: number;
	moves: Partial<Record<MoveCode, number>>;
	flags: Partial<Record<FlagCode, number>>;
	/** The trainee's own words when they typed the reply; it was routed to `reply`. */
	typed?: string;
	/** Seconds a caller gave before speaking up at this decision (pressure.ts; judged only on a live call). */
	respondWithin: number;
}

/** The caller spoke up after silence, or was put on hold, before the trainee's `turn`-th reply (from 0). */
export interface PressureEntry {
	kind: 'wait' | 'hold';
	turn: number;
	decision: string;
	moodBefore: number;
	mood: number;
	/** A hold: asked first, how long (ms), and whether that was past the time allowed. */
	hold?: HoldTaken & { long: boolean };
}

export interface EngineContext {
	play: PlayState;
	/** The mood when the current decision was reached: it sets the response time (pressure.ts). */
	reachedMood: number;
	/** Waits and holds on a live call, in order. */
	pressure: PressureEntry[];
	steps: Step[];
	transcript: TranscriptEntry[];
	/** Mood after the opening and after every reply: the curve the debrief draws. */
	moodTrail: number[];
	outcome: Outcome | null;
	ending: string | null;
}

/**
 * A choice of an authored reply (or typed words matched to it), or an off-script typed reply with
 * the moves and flags found in it: the customer reacts through the scenario's reaction table.
 */
export type EngineEvent =
	| { type: 'CHOOSE'; reply: string; typed?: string }
	| { type: 'OFFSCRIPT'; typed: string; moves: readonly MoveCode[]; flags: readonly FlagCode[] }
	/** On a call: the response time passed in silence, the caller speaks up. */
	| { type: 'WAIT' }
	/** On a call: the trainee put the caller on hold (where the decision allows it) and is back. */
	| { type: 'HOLD'; asked: boolean; ms: number };

/**
 * Where play begins when not at the scenario's start (the studio's preview): a node and the mood
 * there, with no earlier choices.
 */
export interface PlayStart {
	node: string;
	mood: number;
}

export function createScenarioMachine(scenario: CompiledScenario, from?: PlayStart | null) {
	if (from && !scenario.nodes[from.node]) throw new Error(`cannot start at "${from.node}": no such node`);
	const states: Record<string, object> = {};
	for (const node of Object.values(scenario.nodes)) {
		switch (node.type) {
			case 'line':
				states[node.id] = {
					entry: assign(({ context }: { context: EngineContext }) => ({
						transcript: [
							...context.transcript,
							{ kind: 'line' as const, node: node.id, speaker: node.speaker, text: lineText(node, context.play), ...(node.direction ? { direction: node.direction } : {}), mood: context.play.mood }
						]
					})),
					always: { target: node.next, reenter: true }
				};
				break;
			case 'route':
				states[node.id] = {
					always: [
						...node.routes.map((r) => ({ target: r.next, reenter: true, guard: ({ context }: { context: EngineContext }) => holds(r.when, context.play) })),
						{ target: node.otherwise, reenter: true }
					]
				};
				break;
			case 'decision': {
				const offScriptAction = assign(({ context, event }: { context: EngineContext; event: EngineEvent }) =>
					event.type === 'OFFSCRIPT' ? offScript(scenario, context, node.id, event) : {}
				);
				states[node.id] = {
					entry: assign(({ context }: { context: EngineContext }) => ({ reachedMood: context.play.mood })),
					on: {
						WAIT: {
							guard: ({ context }: { context: EngineContext }) => pressedHere(context, node.id, 'wait') < MAX_WAITS,
							actions: assign(({ context }: { context: EngineContext }) => pressed(scenario, context, node.id, null))
						},
						HOLD: {
							guard: ({ context }: { context: EngineContext }) => !!node.hold && pressedHere(context, node.id, 'hold') === 0,
							actions: assign(({ context, event }: { context: EngineContext; event: EngineEvent }) =>
								event.type === 'HOLD' ? pressed(scenario, context, node.id, { asked: event.asked, ms: event.ms, limit: node.hold!.seconds }) : {}
							)
						},
						CHOOSE: node.replies.map((r) => ({
							target: r.next,
							reenter: true,
							guard: ({ event }: { event: EngineEvent }) => event.type === 'CHOOSE' && event.reply === r.id,
							actions: assign(({ context, event }: { context: EngineContext; event: EngineEvent }) =>
								choose(context, node, r, event.type === 'CHOOSE' ? event.typed : undefined)
							)
						})),
						// Words with nothing recognisable keep the decision open; other off-script words follow
						// the decision's offScript route when it has one.
						OFFSCRIPT: [
							// Words that leave the customer at the top of the scale after making it worse end it (over-the-top.ts).
							...(scenario.nodes[OVER_THE_TOP_LINE]
								? [
										{
											target: OVER_THE_TOP_LINE,
											reenter: true,
											guard: ({ context, event }: { context: EngineContext; event: EngineEvent }) => {
												if (event.type !== 'OFFSCRIPT') return false;
												const delta = offScriptReaction(scenario, context, node.id, event).moodDelta;
												return delta >= 0 && context.play.mood >= MOOD_MAX;
											},
											actions: offScriptAction
										}
									]
								: []),
							...(node.offScript
								? [
										{
											target: node.offScript,
											reenter: true,
											guard: ({ event }: { event: EngineEvent }) => event.type === 'OFFSCRIPT' && heardHere(scenario, node.id, event),
											actions: offScriptAction
										}
									]
								: []),
							{
								target: node.id,
								reenter: true,
								actions: offScriptAction
							}
						]
					}
				};
				break;
			}
			case 'ending':
				states[node.id] = {
					type: 'final',
					entry: assign({ outcome: node.outcome, ending: node.id })
				};
		}
	}
	const start = from ? { ...initialState(scenario), mood: clampMood(from.mood) } : initialState(scenario);
	return setup({ types: {} as { context: EngineContext; events: EngineEvent } }).createMachine({
		id: scenario.meta.id,
		initial: from?.node ?? scenario.start,
		context: { play: start, reachedMood: start.mood, pressure: [], steps: [], transcript: [], moodTrail: [start.mood], outcome: null, ending: null },
		// Built from data, so the per-state configs are typed loosely here.
		states: states as never
	});
}

// The player's "decision 5 of about 14" comes with the engine (not /play's first load).
export { decisionsToEnd } from './graph';

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

/** What the player needs to show: where we are and what can be chosen. */
export interface View {
	node: string;
	context: EngineContext;
	done: boolean;
	replies: Reply[];
	prompt?: string;
}

export function view(scenario: CompiledScenario, snap: ScenarioSnapshot): View {
	const node = String(snap.value);
	const n = scenario.nodes[node];
	return {
		node,
		context: snap.context,
		done: snap.status === 'done',
		replies: n?.type === 'decision' ? n.replies : [],
		prompt: n?.type === 'decision' ? n.prompt : undefined
	};
}

export class ChoiceError extends Error {
	constructor(
		message: string,
		readonly index: number
	) {
		super(message);
	}
}

/** Sends one choice, refusing a reply that is not offered where the actor stands. */
export function choose1(scenario: CompiledScenario, actor: Actor<ScenarioMachine>, reply: string, index = 0, typed?: string): void {
	const node = decisionHere(scenario, actor, `choice ${index + 1} ("${reply}")`, index);
	if (!node.replies.some((r) => r.id === reply)) throw new ChoiceError(`choice ${index + 1} ("${reply}") is not offered at "${node.id}"`, index);
	actor.send(typed === undefined ? { type: 'CHOOSE', reply } : { type: 'CHOOSE', reply, typed });
}

/** Sends an off-script typed reply with what was found in it. */
export function offScript1(scenario: CompiledScenario, actor: Actor<ScenarioMachine>, typed: TypedWords, index = 0): void {
	decisionHere(scenario, actor, `typed reply ${index + 1}`, index);
	actor.send({ type: 'OFFSCRIPT', typed: typed.text, moves: typed.moves, flags: typed.flags });
}

function decisionHere(scenario: CompiledScenario, actor: Actor<ScenarioMachine>, what: string, index: number) {
	const snap = actor.getSnapshot();
	const node = String(snap.value);
	const n = scenario.nodes[node];
	if (snap.status === 'done') throw new ChoiceError(`${what}: the conversation has already ended`, index);
	if (n?.type !== 'decision') throw new ChoiceError(`${what}: "${node}" is not a decision`, index);
	return n;
}

/** Typed words with the moves and flags the analyzer found in them (the caller runs the analyzer). */
export interface TypedWords {
	text: string;
	moves: readonly MoveCode[];
	flags: readonly FlagCode[];
}

export function startActor(scenario: CompiledScenario, from?: PlayStart | null) {
	const actor = createActor(createScenarioMachine(scenario, from));
	actor.start();
	return actor;
}

/**
 * What happened on a live call before a turn's reply: how long the trainee was silent (the turn's
 * response time, when the response timer ran) and a hold. The caller's prompts follow from the
 * silence (waitsFor), so a replay gives the same mood as the call did.
 */
export interface TurnPressure {
	timedMs?: number | null;
	hold?: HoldTaken | null;
}

/** Sends the hold and the prompts a turn's silence brought that the actor has not seen yet (live play sends them as they happen). */
export function pressure1(scenario: CompiledScenario, actor: Actor<ScenarioMachine>, p: TurnPressure, index = 0): void {
	const node = decisionHere(scenario, actor, `turn ${index + 1}`, index);
	const ctx = () => actor.getSnapshot().context;
	const here = (kind: PressureEntry['kind']) => pressedHere(ctx(), node.id, kind);
	if (p.hold && !here('hold')) {
		if (!node.hold) throw new ChoiceError(`turn ${index + 1}: "${node.id}" does not allow putting the caller on hold`, index);
		actor.send({ type: 'HOLD', asked: p.hold.asked, ms: p.hold.ms });
	}
	if (p.timedMs !== null && p.timedMs !== undefined) {
		const due = waitsFor(p.timedMs, responseSeconds(node, ctx().reachedMood));
		for (let k = here('wait'); k < due; k++) actor.send({ type: 'WAIT' });
	}
}

/** One recorded turn: a reply id (picked, or typed words matched to it), or null for off-script words. */
export function play1(
	scenario: CompiledScenario,
	actor: Actor<ScenarioMachine>,
	reply: string | null,
	typed: TypedWords | null,
	index = 0,
	pressure?: TurnPressure | null
): void {
	if (pressure) pressure1(scenario, actor, pressure, index);
	if (reply !== null) choose1(scenario, actor, reply, index, typed?.text);
	else if (typed) offScript1(scenario, actor, typed, index);
	else throw new ChoiceError(`turn ${index + 1} has neither a reply nor typed words`, index);
}

/**
 * Replays recorded turns (reply ids, with the typed words and their reading where the trainee
 * typed) and returns the final snapshot. Deterministic: the same scenario version and turns always
 * give the same context. Throws ChoiceError on a turn that was not possible at that point.
 */
export function replay(
	scenario: CompiledScenario,
	choices: readonly (string | null)[],
	typed: readonly (TypedWords | null)[] = [],
	pressure: readonly (TurnPressure | null)[] = []
): ScenarioSnapshot {
	const actor = startActor(scenario);
	choices.forEach((c, i) => play1(scenario, actor, c, typed[i] ?? null, i, pressure[i]));
	const snap = actor.getSnapshot();
	actor.stop();
	return snap;
}
