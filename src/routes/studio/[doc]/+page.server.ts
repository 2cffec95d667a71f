import { error } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { authMode } from '$lib/server/auth/identity';
import { getStore, StoreError } from '$lib/server/db';
import { requireTrainer, rulesUrl, sharedReactions } from '$lib/server/studio';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const claims = requireTrainer(locals, url.pathname);
	try {
		const store = await getStore();
		const document = await store.getDocument(claims, params.doc);
		// Local mode: co-authors are chosen from the machine's other trainers; Supabase mode: by e-mail.
		const trainers =
			authMode() === 'local' && document.isOwner
				? (await store.listProfiles()).filter((p) => p.role === 'trainer' && p.id !== claims.sub).map((p) => ({ id: p.id, displayName: p.displayName }))
				: null;
		return { document, coauthors: await store.listCoauthors(claims, params.doc), trainers, reactions: sharedReactions(), rulesUrl: rulesUrl() };
	} catch (e) {
		if (e instanceof StoreError) error(e.status, t.storeErrors[e.code]);
		throw e;
	}
};
