import { drawSize } from '$lib/quiz/draw';
import type { CompiledQuiz } from '$lib/quiz';
import { teamQuizzes } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';
import type { PageServerLoad } from './$types';

const summary = (q: CompiledQuiz, team: boolean) => ({
	id: q.id,
	title: q.title,
	kind: q.kind,
	description: q.description,
	// A question bank: how many each attempt draws, and from how many.
	questions: drawSize(q),
	bank: q.draw ? q.questions.length : null,
	timeLimitMinutes: q.timeLimitMinutes ?? null,
	passPercent: q.passPercent ?? null,
	team
});

// The shipped quizzes for everyone; a signed-in user also sees their team's published ones, first.
export const load: PageServerLoad = async ({ locals }) => {
	return {
		quizzes: [...(await teamQuizzes(locals.claims)).map((q) => summary(q, true)), ...allQuizzes().map((q) => summary(q, false))]
	};
};
