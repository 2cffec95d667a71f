import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import { jsonOrYaml, STUDIO_JSON_LIMIT } from '$lib/server/studio-api';
import { documentFileName } from '$lib/studio/names';
import type { RequestHandler } from './$types';

/** The document with its text; `?download` gives the text as a YAML file. */
export const GET: RequestHandler = async ({ params, locals, url }) =>
	jsonOrYaml(url, async () => (await getStore()).getDocument(locals.claims, params.id), (doc) => documentFileName(doc.slug));

/** Saves { text, baseRevision }: 409 `conflict` with `theirs` when the stored revision moved on. Answers the document and the checker's report. */
export const PUT: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => (await getStore()).saveDocument(locals.claims, params.id, await readJson(request, { limit: STUDIO_JSON_LIMIT })));

/** Deletes a document that was never published. */
export const DELETE: RequestHandler = async ({ params, locals }) =>
	answer(async () => {
		await (await getStore()).deleteDocument(locals.claims, params.id);
		return { deleted: params.id };
	});
