import { error } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { requireTrainer, rulesUrl, sharedReactions, shippedSource } from '$lib/server/studio';
import { STUDIO_KINDS, type StudioKind } from '$lib/studio/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireTrainer(locals, url.pathname);
	const kind = STUDIO_KINDS.find((k) => k === params.kind) ?? null;
	const source = kind && shippedSource(kind, params.id);
	if (!kind || !source) error(404, t.storeErrors['unknown-scenario']);
	return { kind: kind as StudioKind, id: params.id, title: source.title, text: source.text, reactions: sharedReactions(), rulesUrl: rulesUrl() };
};
