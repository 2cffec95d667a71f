import { z } from 'zod';
import { answer, readJson } from '$lib/server/api';
import { authMode } from '$lib/server/auth/identity';
import { getStore, StoreError } from '$lib/server/db';
import type { RequestHandler } from './$types';

// Local mode names a trainer by profile id (the page lists the machine's trainers); Supabase mode
// by e-mail address, so no trainer sees the list of every user.
const body = z.union([z.strictObject({ profileId: z.string() }), z.strictObject({ email: z.email() })]);

async function profileOf(input: unknown): Promise<string> {
	const r = body.safeParse(input);
	if (!r.success) throw new StoreError('bad-input', authMode() === 'supabase' ? 'email: a trainer\'s e-mail address' : 'profileId: a trainer\'s profile id');
	if ('profileId' in r.data) return r.data.profileId;
	const id = await (await getStore()).profileIdByEmail(r.data.email);
	if (!id) throw new StoreError('unknown-profile', `no user with e-mail ${r.data.email}`);
	return id;
}

/** The trainers who co-author the document. */
export const GET: RequestHandler = async ({ params, locals }) => answer(async () => (await getStore()).listCoauthors(locals.claims, params.id));

/** The owner adds a trainer: { profileId } (local mode) or { email } (Supabase mode). */
export const POST: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => (await getStore()).addCoauthor(locals.claims, params.id, await profileOf(await readJson(request))));

/** The owner removes a co-author, or a co-author leaves: { profileId }. */
export const DELETE: RequestHandler = async ({ params, request, locals }) =>
	answer(async () => {
		const store = await getStore();
		await store.removeCoauthor(locals.claims, params.id, await profileOf(await readJson(request)));
		return store.listCoauthors(locals.claims, params.id).catch(() => []);
	});
