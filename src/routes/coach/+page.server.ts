import { analyzerFile } from '$lib/server/analyzer';
import { coachFile } from '$lib/server/coachPayload';
import { shareWhenAnonymous } from '$lib/server/http/shared-page';
import type { PageServerLoad } from './$types';

// A light page (no login: a classroom tool): the situations to choose from, and where the browser
// fetches what it analyses with (the rules and the phrase pool, cacheable files) on first use.
export const load: PageServerLoad = (event) => {
	shareWhenAnonymous(event);
	const { name, situations } = coachFile();
	return { situations, rulesUrl: `/data/analyzer/${analyzerFile().name}`, poolUrl: `/data/coach/${name}` };
};
