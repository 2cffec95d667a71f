// Answers for content-named files (src/routes/data/**): the name changes with the content, so
// browsers and the service worker may keep them for good.
import { error } from '@sveltejs/kit';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function immutableJson(body: string): Response {
	return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': IMMUTABLE } });
}

/** An unknown or outdated file name: 404 with what to do (a page opened before an update asks for an old file). */
export function noSuchFile(message: string): never {
	error(404, message);
}
