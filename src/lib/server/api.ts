// The JSON API's one way of reading and answering: the body is read here, with a size limit, and
// a store error becomes its HTTP status with a code the client can act on and a message saying
// what to fix; anything else is a 500.
import { json } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { StoreError } from '$lib/server/db/errors';

/**
 * The largest JSON body the API reads (bytes). The largest real one, a quiz answer, is at most
 * 16 KiB of answer (MAX_ANSWER_BYTES) plus a few fields.
 */
export const MAX_JSON_BYTES = 64 * 1024;

const tooLarge = (limit: number, got: string) => new StoreError('too-large', `the request body is ${got}, over the limit of ${limit} bytes`, { limit });

/** A status an error carries (adapter-node's own body limit errors the stream with 413). */
const statusOf = (e: unknown) => (e && typeof e === 'object' && 'status' in e ? (e as { status: unknown }).status : undefined);

/**
 * The request's body as text, refused as 'too-large' (413) past `limit` bytes: by its
 * Content-Length before anything is read, and, for a chunked body, as soon as the bytes read pass
 * the limit (the rest is never read). Text that is not UTF-8 is 'bad-input'.
 */
export async function readBody(request: Request, limit = MAX_JSON_BYTES): Promise<string> {
	const declared = request.headers.get('content-length');
	if (declared !== null && Number(declared) > limit) throw tooLarge(limit, `${declared} bytes`);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				// Not cancelled: adapter-node would destroy the socket, and the client would get no
				// answer at all. Left unread (the request is paused), the answer goes out and the
				// connection is closed after it (answer: Connection: close on 413).
				reader.releaseLock();
				throw tooLarge(limit, `more than ${size} bytes (reading stopped there)`);
			}
			chunks.push(value);
		}
	} catch (e) {
		if (e instanceof StoreError) throw e;
		if (statusOf(e) === 413) throw tooLarge(limit, "over the server's own limit");
		throw new StoreError('bad-input', 'the request body could not be read');
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) bytes.set(c, (at += c.byteLength) - c.byteLength);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new StoreError('bad-input', 'the request body is not UTF-8 text');
	}
}

/** The request's JSON body (readBody's limit); with `optional`, an empty body is undefined. */
export async function readJson(request: Request, options: { optional?: boolean; limit?: number } = {}): Promise<unknown> {
	const text = await readBody(request, options.limit);
	if (options.optional && !text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new StoreError('bad-input', 'the request body is not JSON');
	}
}

export async function answer(fn: () => Promise<unknown>, status = 200): Promise<Response> {
	try {
		return json(await fn(), { status });
	} catch (e) {
		// `message` is for people (Chinese); `detail` says exactly what was wrong, for developers.
		if (e instanceof StoreError)
			return json(
				{ error: e.code, message: t.storeErrors[e.code], detail: e.message, ...e.detail },
				// The rest of a body too large is never read: the connection cannot carry another request.
				{ status: e.status, headers: e.code === 'too-large' ? { connection: 'close' } : undefined }
			);
		throw e;
	}
}
