// What the studio's JSON routes share: the body limit of a document (2 MiB of YAML, as JSON) and
// YAML downloads named after the document.
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
