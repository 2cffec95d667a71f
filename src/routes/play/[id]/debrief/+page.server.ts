import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { ChoiceError } from '$lib/scenario/engine';
import { parseAttempt } from '$lib/scoring/attempt-params';
import { scoreAttempt } from '$lib/scoring/score';
import { bestScoreFor, scenarioById } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const scenario = scenarioById(params.id);
	if (!scenario) error(404, t.player.notFound);
	const parsed = parseAttempt(url.searchParams);
	if (!parsed.ok) error(400, parsed.error);
	try {
		const report = scoreAttempt(scenario, parsed.attempt);
		return { meta: scenario.meta, report, best: bestScoreFor(scenario).overall };
	} catch (e) {
		if (e instanceof ChoiceError) error(400, t.debrief.invalidChoice(e.index + 1));
		throw e;
	}
};
