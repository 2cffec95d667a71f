// What the player shows before the engine has loaded: the opening view and the few facts of the
// scenario it needs. The server renders /play's opening from it (src/lib/server/playPayload.ts);
// the studio's preview computes it in the browser, from any start point.
import { startActor, view, type PlayStart, type View } from './engine';
import type { Channel } from '../domain';
import type { CompiledScenario } from './types';

/** The opening of a conversation: the customer's first lines and the first replies offered. */
export interface FirstView {
	view: View;
	/** Whether that first decision asks for typed words. */
	input: 'buttons' | 'text' | null;
}

/** What the player needs before the scenario file arrives. */
export interface PlayMeta {
	id: string;
	version: string;
	title: string;
	customer: string;
	manager?: string;
	/** How the conversation happens: a phone call (`phone`) is heard (voice mode, issue 12). */
	channel: Channel;
}

/** Plays the scenario up to its first decision (from `start` when given) and keeps what is shown there. */
export function openingView(scenario: CompiledScenario, start?: PlayStart | null): FirstView {
	const actor = startActor(scenario, start);
	const v = view(scenario, actor.getSnapshot());
	actor.stop();
	const node = scenario.nodes[v.node];
	return { view: v, input: node?.type === 'decision' ? node.input : null };
}

export function playMeta(scenario: CompiledScenario): PlayMeta {
	const { id, title, persona, manager, channel } = scenario.meta;
	return { id, version: scenario.version, title, customer: persona.name, ...(manager ? { manager: manager.name } : {}), channel };
}
