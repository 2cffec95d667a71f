import { error } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { getStore, StoreError } from '$lib/server/db';
import { requireTrainer, rulesUrl, sharedReactions } from '$lib/server/studio';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const claims = requireTrainer(locals, url.pathname);
	try {
		const document = await (await getStore()).getDocument(claims, params.doc);
		return { document, reactions: sharedReactions(), rulesUrl: rulesUrl() };
	} catch (e) {
		if (e instanceof StoreError) error(e.status, t.storeErrors[e.code]);
		throw e;
	}
};
