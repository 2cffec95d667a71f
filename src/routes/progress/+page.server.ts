import { redirect } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.claims) redirect(303, '/profile?next=/progress');
	const store = await getStore();
	const titles = Object.fromEntries(allScenarios().map((s) => [s.meta.id, s.meta.title]));
	const quizTitles = Object.fromEntries(allQuizzes().map((q) => [q.id, q.title]));
	return { attempts: await store.listMyAttempts(locals.claims), trend: await store.trend(locals.claims), titles, quizTitles };
};
