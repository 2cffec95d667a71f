import { drawSize } from '$lib/quiz/draw';
import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { getStore, StoreError } from '$lib/server/db';
import { quizFor } from '$lib/server/library';
import { signInFirst } from '$lib/server/sign-in-first';
import type { Actions, PageServerLoad } from './$types';

// A shipped quiz, or a team's published one for its team (404 to anyone else).
export const load: PageServerLoad = async ({ params, locals }) => {
	const quiz = await quizFor(locals.claims, params.id);
	if (!quiz) error(404, t.quiz.empty);
	const history = locals.claims ? await (await getStore()).quizHistory(locals.claims, quiz.id) : null;
	return {
		quiz: { id: quiz.id, title: quiz.title, kind: quiz.kind, description: quiz.description, questions: drawSize(quiz), bank: quiz.draw ? quiz.questions.length : null, timeLimitMinutes: quiz.timeLimitMinutes ?? null, passPercent: quiz.passPercent ?? null },
		history,
		signedIn: !!locals.claims
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const quiz = await quizFor(locals.claims, params.id);
		if (!quiz) error(404, t.quiz.empty);
		if (!locals.claims) redirect(303, signInFirst(`/quiz/${quiz.id}`));
		const mode = (await request.formData()).get('mode') === 'assessment' ? 'assessment' : 'practice';
		let id: string;
		try {
			id = (await (await getStore()).startQuizAttempt(locals.claims, { quizId: quiz.id, version: quiz.version, mode })).attempt.id;
		} catch (e) {
			if (e instanceof StoreError) return fail(e.status, { error: t.storeErrors[e.code] });
			throw e;
		}
		redirect(303, `/quiz/${quiz.id}/${id}`);
	}
};
