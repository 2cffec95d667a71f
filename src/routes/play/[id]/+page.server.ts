import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { scenarioById } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const scenario = scenarioById(params.id);
	if (!scenario) error(404, t.player.notFound);
	return { scenario, mode: url.searchParams.get('mode') === 'assessment' ? ('assessment' as const) : ('practice' as const) };
};
