// What /play sends: a small page (the opening view the server renders, and where to fetch the
// rest), built once per scenario version and form. The scenario itself is a cacheable file
// (src/routes/data/scenarios); typed replies fetch the analyzer only when the trainee types.
import { startActor, view, type View } from '$lib/scenario/engine';
import type { CompiledScenario } from '$lib/scenario/types';
import { assessmentView } from './assessment';
import { scenarioFileName, type ScenarioForm } from './scenarios';

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
}

const firstViews = new Map<string, FirstView>();

/** The scenario as a form plays it: assessments never get the key. */
export function playForm(scenario: CompiledScenario, form: ScenarioForm): CompiledScenario {
	return form === 'assessment' ? assessmentView(scenario) : scenario;
}

export function firstView(scenario: CompiledScenario, form: ScenarioForm): FirstView {
	const key = scenarioFileName(scenario, form);
	let first = firstViews.get(key);
	if (!first) {
		const played = playForm(scenario, form);
		const actor = startActor(played);
		const v = view(played, actor.getSnapshot());
		actor.stop();
		const node = played.nodes[v.node];
		firstViews.set(key, (first = { view: v, input: node?.type === 'decision' ? node.input : null }));
	}
	return first;
}

export function playMeta(scenario: CompiledScenario): PlayMeta {
	const { id, title, persona, manager } = scenario.meta;
	return { id, version: scenario.version, title, customer: persona.name, ...(manager ? { manager: manager.name } : {}) };
}
