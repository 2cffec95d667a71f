import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { AnswerInput, EventInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Records one event: a reply { idempotencyKey, seq, reply | typed, ms, clientTime } of a role play
 * (the server replays the attempt to check it, and scores the attempt itself when it ends), or an
 * answer { idempotencyKey, seq, questionId, answer, clientTime } of a quiz attempt (checked against
 * the attempt's quiz; practice mode answers with that question graded). Sending it again is harmless.
 */
// The store validates the body (zod, strict: a score, outcome or correct flag is refused); the casts only name it.
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const store = await getStore();
		const body = await readJson(request);
		return body !== null && typeof body === 'object' && 'questionId' in body
			? store.recordAnswer(locals.claims, params.id, body as AnswerInput)
			: store.recordEvent(locals.claims, params.id, body as EventInput);
	});
