import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { QuizStartInput, StartInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Starts an attempt: a role play { id?, scenarioId, version, mode, clientTime? }, or a quiz
 * { kind: 'quiz', id?, quizId, version, mode, clientTime? } (answered with its redacted view).
 */
// The store validates the body (zod, strict: a score or outcome field is refused); the casts only name it.
export const POST: RequestHandler = async ({ request, locals }) =>
	answer(async () => {
		const store = await getStore();
		const body = await readJson(request);
		return (body as { kind?: unknown } | null)?.kind === 'quiz'
			? store.startQuizAttempt(locals.claims, body as QuizStartInput)
			: store.startAttempt(locals.claims, body as StartInput);
	}, 201);

/** The signed-in user's attempts with their scores. */
export const GET: RequestHandler = async ({ locals }) => answer(async () => (await getStore()).listMyAttempts(locals.claims));
