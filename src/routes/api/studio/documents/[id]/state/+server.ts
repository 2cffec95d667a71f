import { z } from 'zod';
import { answer, readJson } from '$lib/server/api';
import { getStore, StoreError } from '$lib/server/db';
import type { RequestHandler } from './$types';

const body = z.strictObject({ state: z.enum(['unpublished', 'archived', 'draft']) });

/** { state: 'unpublished' } takes it from the team, 'archived' puts it away, 'draft' brings it back from the archive. */
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const r = body.safeParse(await readJson(request));
		if (!r.success) throw new StoreError('bad-input', 'state: one of unpublished, archived, draft');
		return (await getStore()).setDocumentState(locals.claims, params.id, r.data.state);
	});
