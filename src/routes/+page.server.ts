import { libraryScenarios } from '$lib/server/library';
import type { PageServerLoad } from './$types';

// The shipped scenarios for everyone; a signed-in user also sees their team's published ones.
export const load: PageServerLoad = async ({ locals }) => {
	const { shipped, team } = await libraryScenarios(locals.claims);
	return { scenarios: shipped, team };
};
