import { cardStatuses } from '$lib/progress/card-status';
import { getStore } from '$lib/server/db';
import { libraryScenarios } from '$lib/server/library';
import { assignedToDo } from './home-assigned';
import type { PageServerLoad } from './$types';

// The shipped scenarios for everyone; a signed-in user also sees their team's published ones, and
// on each card whether they have played it (new, in progress, done with their best score) and
// whether their trainer assigned it (已布置, due when, late), and above them what is assigned and
// still to do, quizzes included.
export const load: PageServerLoad = async ({ locals }) => {
	const { shipped, team } = await libraryScenarios(locals.claims);
	const store = locals.claims ? await getStore() : null;
	const mine = store ? await store.myAssignments(locals.claims) : [];
	const status = store ? cardStatuses(await store.listMyAttempts(locals.claims), mine) : null;
	return { scenarios: shipped, team, status, assigned: await assignedToDo(locals.claims, mine, [...team, ...shipped]) };
};
