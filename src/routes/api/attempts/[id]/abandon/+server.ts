import { answer } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Gives up the user's active attempt (restart): it stays in their list, unscored. */
export const POST: RequestHandler = async ({ params, locals }) => answer(async () => (await getStore()).abandonAttempt(locals.claims, params.id));
