import { cardStatuses } from '$lib/progress/card-status';
import { getStore } from '$lib/server/db';
import { libraryScenarios } from '$lib/server/library';
import type { PageServerLoad } from './$types';

// The shipped scenarios for everyone; a signed-in user also sees their team's published ones, and
// on each card whether they have played it (new, in progress, done with their best score) and
// whether their trainer assigned it (已布置, due when, late).
export const load: PageServerLoad = async ({ locals }) => {
	const { shipped, team } = await libraryScenarios(locals.claims);
	const store = locals.claims ? await getStore() : null;
	const status = store ? cardStatuses(await store.listMyAttempts(locals.claims), await store.myAssignments(locals.claims)) : null;
	return { scenarios: shipped, team, status };
};
