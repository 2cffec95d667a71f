import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { EventInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * Records one event { idempotencyKey, seq, reply | typed, ms, clientTime }. The server replays the
 * attempt to check it, and scores the attempt itself when it ends. Sending it again is harmless.
 */
// The store validates the body (zod, strict: a score or outcome field is refused); the cast only names it.
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => (await getStore()).recordEvent(locals.claims, params.id, (await readJson(request)) as EventInput));
