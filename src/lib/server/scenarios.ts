// The one server module that loads authored scenarios (outside src/, in `scenarios/`). Files are
// compiled once per process; the browser only ever receives the compiled form. Checking a file
// searches its best score within a work limit (files.ts): a file that would exceed it is refused
// with the checker's error, so loading takes bounded time whatever the files hold.
import { createHash } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { resolve } from 'node:path';
import { formatDiagnostic, type CompiledScenario } from '$lib/scenario/types';
import { checkFile, scenarioFiles } from '$lib/scenario/files';
import { bestScore, type BestScore } from '$lib/scoring/best';
import { assessmentView } from './assessment';

let cache: Map<string, CompiledScenario> | null = null;
const bestCache = new Map<string, BestScore>();
const versionKey = (s: CompiledScenario) => `${s.meta.id}@${s.version}`;

function load(): Map<string, CompiledScenario> {
	const dir = resolve(env.SCENARIOS_DIR || 'scenarios');
	const out = new Map<string, CompiledScenario>();
	for (const path of scenarioFiles(dir)) {
		const checked = checkFile(path);
		const errors = checked.diagnostics.filter((d) => d.severity === 'error');
		// A broken file must not take the library down: it is left out and reported.
		if (!checked.scenario) console.error(`scenario left out:\n${errors.map(formatDiagnostic).join('\n')}`);
		else {
			out.set(checked.scenario.meta.id, checked.scenario);
			if (checked.best) bestCache.set(versionKey(checked.scenario), checked.best);
		}
	}
	return out;
}

export function allScenarios(): CompiledScenario[] {
	cache ??= load();
	return [...cache.values()];
}

export function scenarioById(id: string): CompiledScenario | undefined {
	cache ??= load();
	return cache.get(id);
}

/** The best score a scenario version allows: searched when its file is checked, else once here, then remembered. */
export function bestScoreFor(scenario: CompiledScenario): BestScore {
	const key = versionKey(scenario);
	let best = bestCache.get(key);
	if (!best) bestCache.set(key, (best = bestScore(scenario)));
	return best;
}

// ---------------------------------------------------------------------------------------------
// Serialised forms: the player fetches a scenario as an immutable file (src/routes/data/scenarios)
// instead of receiving it inline in every page; each is serialised once per version and form.

/** full: everything (practice). assessment: only what playing needs (src/lib/server/assessment.ts). */
export type ScenarioForm = 'full' | 'assessment';

const serialised = new Map<string, string>();
const fileNames = new Map<string, string>();

/** A scenario version in a form, as JSON text (built once per process). */
export function serialisedScenario(scenario: CompiledScenario, form: ScenarioForm): string {
	const key = `${versionKey(scenario)}:${form}`;
	let text = serialised.get(key);
	if (text === undefined) serialised.set(key, (text = JSON.stringify(form === 'assessment' ? assessmentView(scenario) : scenario)));
	return text;
}

/**
 * The file name of a scenario version in a form, `<id>@<version>[.assessment].<hash>.json`. The
 * hash is of the text served, not only of the scenario: a change to what a form keeps (say, one
 * more field stripped from assessments) is a new name, never an old name with new content.
 */
export function scenarioFileName(scenario: CompiledScenario, form: ScenarioForm): string {
	// Asked for on every play page and data request: hashed once per version and form.
	const key = `${versionKey(scenario)}:${form}`;
	let name = fileNames.get(key);
	if (name === undefined) {
		const hash = createHash('sha256').update(serialisedScenario(scenario, form)).digest('hex').slice(0, 12);
		fileNames.set(key, (name = `${scenario.meta.id}@${scenario.version}${form === 'assessment' ? '.assessment' : ''}.${hash}.json`));
	}
	return name;
}
