import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { StartInput } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Starts an attempt: { id?, scenarioId, version, mode, clientTime? }. */
// The store validates the body (zod, strict: a score or outcome field is refused); the cast only names it.
export const POST: RequestHandler = async ({ request, locals }) =>
	answer(async () => (await getStore()).startAttempt(locals.claims, (await readJson(request)) as StartInput), 201);

/** The signed-in user's attempts with their scores. */
export const GET: RequestHandler = async ({ locals }) => answer(async () => (await getStore()).listMyAttempts(locals.claims));
