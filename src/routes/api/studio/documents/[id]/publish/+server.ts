import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Publishes the document as it is at { revision }: 422 `check-failed` with `diagnostics`, 409 `conflict`, `slug-taken` or `slug-changed`. */
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => (await getStore()).publishDocument(locals.claims, params.id, await readJson(request)));
