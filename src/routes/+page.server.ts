import { allScenarios } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	scenarios: allScenarios().map((s) => s.meta)
});
