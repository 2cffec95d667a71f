import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { EventInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Records one reply of a role play: { idempotencyKey, seq, reply | typed, ms, timed?, hold?, clientTime }.
 * The server replays the attempt to check it, and scores the attempt itself when it ends. Sending
 * it again is harmless. A quiz attempt's answers go to ../answers (here: 409 wrong-kind).
 */
// The store validates the body (zod, strict: a score, outcome or question id is refused); the cast only names it.
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const body = await readJson(request);
		return (await getStore()).recordEvent(locals.claims, params.id, body as EventInput);
	});
