// What the studio's JSON routes share: the body limit of a document (2 MiB of YAML, as JSON) and
// YAML downloads named after the document.
import { answer } from './api';
import { MAX_DOCUMENT_BYTES } from './db/studio-store';

/** A document's text as JSON may grow by escapes; the store refuses the text itself past MAX_DOCUMENT_BYTES. */
export const STUDIO_JSON_LIMIT = Math.ceil(MAX_DOCUMENT_BYTES * 1.5) + 4096;

/** A YAML file to save: UTF-8, named `<id>.yaml`, never cached. */
export function yamlDownload(text: string, fileName: string): Response {
	return new Response(text, {
		headers: {
			'content-type': 'application/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
			'cache-control': 'private, no-store'
		}
	});
}

/** JSON of what `read` gives, or with `?download` its text as `<name>` (a refusal stays JSON). */
export async function jsonOrYaml<T extends { text: string }>(url: URL, read: () => Promise<T>, fileName: (found: T) => string): Promise<Response> {
	if (!url.searchParams.has('download')) return answer(read);
	try {
		const found = await read();
		return yamlDownload(found.text, fileName(found));
	} catch {
		return answer(read);
	}
}
