import { answer } from '$lib/server/api';
import { getStore, StoreError } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** An attempt with its events (to resume or review); null fields never leak another user's data. */
export const GET: RequestHandler = async ({ params, locals }) =>
	answer(async () => {
		const detail = await (await getStore()).getAttempt(locals.claims, params.id);
		if (!detail) throw new StoreError('unknown-attempt', `no attempt ${params.id}`);
		return detail;
	});
