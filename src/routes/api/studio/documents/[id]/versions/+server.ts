import { answer } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The document's published versions, newest first. */
export const GET: RequestHandler = async ({ params, locals }) => answer(async () => (await getStore()).listVersions(locals.claims, params.id));
