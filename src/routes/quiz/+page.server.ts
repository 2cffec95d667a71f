import { allQuizzes } from '$lib/server/quizzes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	return {
		quizzes: allQuizzes().map((q) => ({
			id: q.id,
			title: q.title,
			kind: q.kind,
			description: q.description,
			questions: q.questions.length,
			timeLimitMinutes: q.timeLimitMinutes ?? null,
			passPercent: q.passPercent ?? null
		}))
	};
};
