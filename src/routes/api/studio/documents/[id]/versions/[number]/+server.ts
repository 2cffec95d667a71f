import { getStore } from '$lib/server/db';
import { jsonOrYaml } from '$lib/server/studio-api';
import { documentFileName } from '$lib/studio/names';
import type { RequestHandler } from './$types';

/** One published version's text (JSON); `?download` gives it as `<id>.yaml` (the name the checker holds the id to). */
export const GET: RequestHandler = async ({ params, locals, url }) =>
	jsonOrYaml(url, async () => (await getStore()).getVersion(locals.claims, params.id, Number(params.number)), (v) => documentFileName(v.slug));
