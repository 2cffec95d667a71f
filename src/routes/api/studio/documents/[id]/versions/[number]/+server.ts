import { answer } from '$lib/server/api';
import { getStore } from '$lib/server/db';
import { yamlDownload } from '$lib/server/studio-api';
import { documentFileName } from '$lib/studio/names';
import type { RequestHandler } from './$types';

/** One published version's text (JSON); `?download` gives it as `<id>.yaml` (the name the checker holds the id to). */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const read = async () => (await getStore()).getVersion(locals.claims, params.id, Number(params.number));
	if (!url.searchParams.has('download')) return answer(read);
	try {
		const v = await read();
		return yamlDownload(v.text, documentFileName(v.slug));
	} catch {
		return answer(read);
	}
};
