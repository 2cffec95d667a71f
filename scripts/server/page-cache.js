// A short-lived memory of pages that are the same for every anonymous visitor (a scenario's play
// page, /coach): rendering one costs the server ~0.7 ms, answering from memory about what a static
// file costs. The app opts a response in with the `x-coach-cache: anonymous` header (never sent on);
// only GETs without cookies, authorization or a conditional header are answered from or stored in
// memory, keyed by Host, the encoding chosen and the URL, so a refused Host (421) or a signed-in
// page is never served from it. Stored as sent: headers and the compressed bytes.
import { chooseEncoding } from './compress.js';

export const CACHE_MARK = 'x-coach-cache';
/** Headers that belong to one response on one connection, not to the page. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', CACHE_MARK]);

/**
 * @typedef {{ status: number, headers: Record<string, string | string[] | number>, body: Buffer, at: number }} Entry
 * @param {{ ttlMs?: number, maxEntries?: number, maxBytes?: number, now?: () => number }} [options]
 */
export function createPageCache({ ttlMs = 60_000, maxEntries = 200, maxBytes = 2_000_000, now = Date.now } = {}) {
	/** @type {Map<string, Entry>} */
	const entries = new Map();

	/** @param {import('node:http').IncomingMessage} req */
	const keyOf = (req) => {
		const h = req.headers;
		// A time of 0 (PAGE_CACHE_SECONDS=0) turns the memory off.
		if (ttlMs <= 0 || req.method !== 'GET' || h.cookie || h.authorization || h['if-none-match'] || h['if-modified-since']) return null;
		return `${h.host ?? ''}\n${chooseEncoding(h['accept-encoding']) ?? 'identity'}\n${req.url}`;
	};

	return {
		/**
		 * Answers from memory when it holds this page; true if it did.
		 * @param {import('node:http').IncomingMessage} req
		 * @param {import('node:http').ServerResponse} res
		 */
		serve(req, res) {
			const key = keyOf(req);
			const entry = key ? entries.get(key) : undefined;
			if (!key || !entry) return false;
			if (now() - entry.at > ttlMs) {
				entries.delete(key);
				return false;
			}
			res.writeHead(entry.status, { ...entry.headers, 'content-length': entry.body.length });
			res.end(entry.body);
			return true;
		},

		/**
		 * Watches the response on its way out (call before compression wraps it, so what it sees is
		 * what is sent) and keeps it if the app marked it and the request qualifies. Always removes
		 * the mark.
		 * @param {import('node:http').IncomingMessage} req
		 * @param {import('node:http').ServerResponse} res
		 */
		record(req, res) {
			const key = keyOf(req);
			const raw = /** @type {Record<string, (...args: any[]) => any>} */ (/** @type {unknown} */ (res));
			const { writeHead, write, end } = raw;
			/** @type {Buffer[] | null} */
			let chunks = null;
			let size = 0;
			let status = 0;
			raw.writeHead = function (/** @type {number} */ code, /** @type {any[]} */ ...rest) {
				const marked = res.getHeader(CACHE_MARK) === 'anonymous';
				res.removeHeader(CACHE_MARK);
				if (key && marked && code === 200 && !res.hasHeader('set-cookie') && rest.length === 0) {
					chunks = [];
					status = code;
				}
				return writeHead.call(res, code, ...rest);
			};
			const keep = (/** @type {any} */ chunk, /** @type {any} */ enc) => {
				if (!chunks || chunk == null || typeof chunk === 'function') return;
				const buf = typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? /** @type {BufferEncoding} */ (enc) : 'utf8') : Buffer.from(chunk);
				size += buf.length;
				if (size > maxBytes) chunks = null;
				else chunks.push(buf);
			};
			raw.write = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
				keep(chunk, rest[0]);
				return write.call(res, chunk, ...rest);
			};
			raw.end = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
				keep(chunk, rest[0]);
				if (chunks && key) {
					/** @type {Record<string, string | string[] | number>} */
					const headers = {};
					for (const [k, v] of Object.entries(res.getHeaders())) if (v !== undefined && !PER_RESPONSE.has(k)) headers[k] = v;
					entries.delete(key);
					entries.set(key, { status, headers, body: Buffer.concat(chunks), at: now() });
					// The oldest entry goes first (a Map keeps insertion order).
					while (entries.size > maxEntries) entries.delete(/** @type {string} */ (entries.keys().next().value));
				}
				chunks = null;
				return end.call(res, chunk, ...rest);
			};
		},

		get size() {
			return entries.size;
		}
	};
}
