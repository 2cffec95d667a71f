// What /play sends: a small page (the opening view the server renders, and where to fetch the
// rest), built once per scenario version and form. The scenario itself is a cacheable file
// (src/routes/data/scenarios); typed replies fetch the analyzer only when the trainee types.
import { openingView, type FirstView } from '$lib/scenario/opening';
import type { CompiledScenario } from '$lib/scenario/types';
import { assessmentView } from './assessment';
import { scenarioFileName, type ScenarioForm } from './scenarios';

export { playMeta, type FirstView, type PlayMeta } from '$lib/scenario/opening';

const firstViews = new Map<string, FirstView>();

/** The scenario as a form plays it: assessments never get the key. */
export function playForm(scenario: CompiledScenario, form: ScenarioForm): CompiledScenario {
	return form === 'assessment' ? assessmentView(scenario) : scenario;
}

export function firstView(scenario: CompiledScenario, form: ScenarioForm): FirstView {
	const key = scenarioFileName(scenario, form);
	let first = firstViews.get(key);
	if (!first) firstViews.set(key, (first = openingView(playForm(scenario, form))));
	return first;
}
