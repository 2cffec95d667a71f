import { redirect } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { teamTitles } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import { practiceFor, quizzesFor, weakest } from '$lib/progress/next-step';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.claims) redirect(303, '/profile?next=/progress');
	const store = await getStore();
	// Team content's titles (what the user may read, played versions included) under the shipped ones.
	const team = await teamTitles(locals.claims);
	const titles = { ...team.scenarios, ...Object.fromEntries(allScenarios().map((s) => [s.meta.id, s.meta.title])) };
	const quizTitles = { ...team.quizzes, ...Object.fromEntries(allQuizzes().map((q) => [q.id, q.title])) };
	const [attempts, trend] = [await store.listMyAttempts(locals.claims), await store.trend(locals.claims)];
	const weak = weakest(trend);
	const next = weak ? { ...weak, practice: practiceFor(weak.dimension, allScenarios()), quizzes: quizzesFor(weak.dimension, allQuizzes()) } : null;
	const modes = Object.fromEntries(attempts.map((a) => [a.id, a.mode]));
	return { attempts, trend, modes, titles, quizTitles, next };
};
