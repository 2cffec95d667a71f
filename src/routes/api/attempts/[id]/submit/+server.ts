import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { SubmitInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Submits a quiz attempt: the server grades the latest answer to each question and stores the
 * score. The body is empty or { lastSeq } (how many answers the client sent); anything else, such
 * as a score or a result, is refused. Submitting again returns the stored result.
 */
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const body = await readJson(request, { optional: true });
		return (await getStore()).submitQuiz(locals.claims, params.id, body as SubmitInput);
	});
