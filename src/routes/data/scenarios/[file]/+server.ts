import * as t from '$lib/i18n';
import { immutableJson, noSuchFile } from '$lib/server/immutable';
import { scenarioById, scenarioFileName, serialisedScenario } from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

// `<id>@<version>.<hash>.json` (practice) or `<id>@<version>.assessment.<hash>.json`: the current
// version only.
// A resumed attempt on an older version gets its scenario inline in the play page instead.
export const GET: RequestHandler = ({ params }) => {
	const m = /^([a-z0-9-]+)@[0-9a-f]+(\.assessment)?\.[0-9a-f]+\.json$/.exec(params.file);
	const scenario = m ? scenarioById(m[1]) : undefined;
	const form = m?.[2] ? 'assessment' : 'full';
	if (!scenario || scenarioFileName(scenario, form) !== params.file) noSuchFile(t.dataRefusals.scenarioGone);
	return immutableJson(serialisedScenario(scenario, form));
};
