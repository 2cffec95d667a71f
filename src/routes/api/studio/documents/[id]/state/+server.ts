import { z } from 'zod';
import { answer, readJson } from '$lib/server/api';
import { getStore, StoreError } from '$lib/server/db';
import { STATE_CHANGES } from '$lib/server/db/studio-store';
import type { RequestHandler } from './$types';

const body = z.strictObject({ state: z.enum(STATE_CHANGES) });

/** { state: 'unpublished' } takes it from the team, 'archived' puts it away, 'draft' brings it back from the archive. */
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const r = body.safeParse(await readJson(request));
		if (!r.success) throw new StoreError('bad-input', `state: one of ${STATE_CHANGES.join(', ')}`);
		return (await getStore()).setDocumentState(locals.claims, params.id, r.data.state);
	});
