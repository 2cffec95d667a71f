import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { AnswerInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Records one answer of a quiz attempt: { idempotencyKey, seq, questionId, answer, clientTime },
 * checked against the attempt's quiz (practice mode answers with that question graded). Sending it
 * again is harmless. A role play's replies go to ../replies (here: 409 wrong-kind).
 */
// The store validates the body (zod, strict: a score or a "correct" flag is refused); the cast only names it.
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const body = await readJson(request);
		return (await getStore()).recordAnswer(locals.claims, params.id, body as AnswerInput);
	});
