// The scenario runtime: a compiled scenario becomes an XState v5 machine. Mood and history live in
// the machine's context; route nodes are guarded `always` transitions. The same code runs in the
// browser (the player) and on the server (replay to verify an attempt).
import { assign, createActor, setup, type Actor, type SnapshotFrom } from 'xstate';
import type { FlagCode, MoveCode, Outcome, Speaker } from '../domain';
import { applyReply, holds, initialState, lineText, routeTarget, type PlayState } from './semantics';
import type { CompiledScenario, Reply } from './types';

export type TranscriptEntry =
	| { kind: 'line'; node: string; speaker: Speaker; text: string; direction?: string; mood: number }
	| { kind: 'reply'; node: string; reply: string; text: string; moodBefore: number; mood: number; feedback: string; typed?: true }
	| { kind: 'response'; node: string; text: string; mood: number };

export interface Step {
	decision: string;
	reply: string;
	moodBefore: number;
	moodAfter: number;
	moves: Partial<Record<MoveCode, number>>;
	flags: Partial<Record<FlagCode, number>>;
	/** The trainee's own words when they typed the reply; it was routed to `reply`. */
	typed?: string;
}

export interface EngineContext {
	play: PlayState;
	steps: Step[];
	transcript: TranscriptEntry[];
	/** Mood after the opening and after every reply: the curve the debrief draws. */
	moodTrail: number[];
	outcome: Outcome | null;
	ending: string | null;
}

/** A choice of an authored reply, or a typed reply already routed to the authored reply closest in intent. */
export type EngineEvent = { type: 'CHOOSE'; reply: string; typed?: string };

export function createScenarioMachine(scenario: CompiledScenario) {
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
			case 'decision':
				states[node.id] = {
					on: {
						CHOOSE: node.replies.map((r) => ({
							target: r.next,
							reenter: true,
							guard: ({ event }: { event: EngineEvent }) => event.reply === r.id,
							actions: assign(({ context, event }: { context: EngineContext; event: EngineEvent }) => choose(context, node.id, r, event.typed))
						}))
					}
				};
				break;
			case 'ending':
				states[node.id] = {
					type: 'final',
					entry: assign({ outcome: node.outcome, ending: node.id })
				};
		}
	}
	const start = initialState(scenario);
	return setup({ types: {} as { context: EngineContext; events: EngineEvent } }).createMachine({
		id: scenario.meta.id,
		initial: scenario.start,
		context: { play: start, steps: [], transcript: [], moodTrail: [start.mood], outcome: null, ending: null },
		// Built from data, so the per-state configs are typed loosely here.
		states: states as never
	});
}

// A typed reply moves the story exactly as the authored reply it was routed to; the transcript keeps
// the trainee's own words.
function choose(context: EngineContext, decision: string, r: Reply, typed: string | undefined): Partial<EngineContext> {
	const play = applyReply(decision, r, context.play);
	const said = typed === undefined ? { text: r.text } : { text: typed, typed: true as const };
	const transcript: TranscriptEntry[] = [
		...context.transcript,
		{ kind: 'reply', node: decision, reply: r.id, ...said, moodBefore: context.play.mood, mood: play.mood, feedback: r.feedback }
	];
	if (r.response) transcript.push({ kind: 'response', node: decision, text: r.response, mood: play.mood });
	return {
		play,
		steps: [
			...context.steps,
			{ decision, reply: r.id, moodBefore: context.play.mood, moodAfter: play.mood, moves: r.moves, flags: r.flags, ...(typed === undefined ? {} : { typed }) }
		],
		transcript,
		moodTrail: [...context.moodTrail, play.mood]
	};
}

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
	const snap = actor.getSnapshot();
	const node = String(snap.value);
	const n = scenario.nodes[node];
	if (snap.status === 'done') throw new ChoiceError(`choice ${index + 1} ("${reply}"): the conversation has already ended`, index);
	if (n?.type !== 'decision' || !n.replies.some((r) => r.id === reply))
		throw new ChoiceError(`choice ${index + 1} ("${reply}") is not offered at "${node}"`, index);
	actor.send(typed === undefined ? { type: 'CHOOSE', reply } : { type: 'CHOOSE', reply, typed });
}

export function startActor(scenario: CompiledScenario) {
	const actor = createActor(createScenarioMachine(scenario));
	actor.start();
	return actor;
}

/**
 * Replays a recorded list of reply ids (with the typed words where the trainee typed) and returns
 * the final snapshot. Deterministic: the same scenario version and choices always give the same
 * context. Throws ChoiceError on a choice that was not offered at that point.
 */
export function replay(scenario: CompiledScenario, choices: readonly string[], typed: readonly (string | null)[] = []): ScenarioSnapshot {
	const actor = startActor(scenario);
	choices.forEach((c, i) => choose1(scenario, actor, c, i, typed[i] ?? undefined));
	const snap = actor.getSnapshot();
	actor.stop();
	return snap;
}
