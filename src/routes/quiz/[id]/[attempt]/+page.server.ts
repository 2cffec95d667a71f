import { error, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { practiceFor, scenarioDecisions } from '$lib/quiz/practice';
import { getStore } from '$lib/server/db';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import type { PageServerLoad } from './$types';

// One quiz attempt: taking it (the view has no answers in it) or, once submitted, its result.
export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!locals.claims) redirect(303, signInFirst(url.pathname));
	const store = await getStore();
	const detail = await store.getQuizAttempt(locals.claims, params.attempt);
	if (!detail || detail.attempt.scenarioId !== params.id) error(404, t.quiz.empty);
	return {
		owner: locals.claims.sub,
		mine: detail.attempt.userId === locals.claims.sub,
		attempt: { id: detail.attempt.id, mode: detail.attempt.mode, state: detail.attempt.state, startedAt: detail.attempt.startedAt },
		view: detail.view,
		answers: detail.answers,
		nextSeq: detail.nextSeq,
		deadline: detail.deadline,
		serverTime: detail.serverTime,
		feedback: detail.feedback,
		result: detail.result,
		// Weak topics, each with the scenario decisions that practise it (shipped scenarios).
		practice: detail.result?.kind === 'knowledge' ? practiceFor(detail.result, allScenarios().map(scenarioDecisions)) : [],
		withheld: detail.withheld,
		history: detail.result ? await store.quizHistory(locals.claims, params.id) : null
	};
};
