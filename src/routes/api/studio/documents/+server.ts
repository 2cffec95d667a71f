import { answer, readJson } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import { STUDIO_JSON_LIMIT } from '$lib/server/studio-api';
import type { RequestHandler } from './$types';

/** The signed-in trainer's studio documents (no texts). */
export const GET: RequestHandler = async ({ locals }) => answer(async () => (await getStore()).listDocuments(locals.claims));

/** A new document { kind: 'scenario' | 'quiz', text } (from a template, a copy or an uploaded file). */
export const POST: RequestHandler = async ({ request, locals }) =>
	answer(async () => (await getStore()).createDocument(locals.claims, await readJson(request, { limit: STUDIO_JSON_LIMIT })), 201);
