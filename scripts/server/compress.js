// Compresses dynamic responses (pages, __data.json, API JSON) on their way out of a node:http
// response. adapter-node serves the build's precompressed .br/.gz files itself; those arrive here
// with Content-Encoding already set and pass through untouched.
//
// Written here rather than taken from @polka/compression (still a 1.0.0-next pre-release): that one
// sets no Vary header and never flushes, so a streamed page (SvelteKit's streamed promises) would
// sit in the compressor until the response ends.
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json|.*\+json|.*\+xml)|image\/svg\+xml)/i;

/**
 * The encoding to answer in, from an Accept-Encoding header: br or gzip, whichever the client
 * weighs higher (br on a tie), or null for identity. `q=0` refuses an encoding; `*` stands for
 * those not named.
 * @param {string | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function chooseEncoding(header) {
	if (!header) return null;
	/** @type {Record<string, number>} */
	const q = {};
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = qp ? Number(qp.slice(2)) : 1;
		q[name] = Number.isFinite(weight) ? weight : 0;
	}
	const weigh = (/** @type {string} */ name) => q[name] ?? q['*'] ?? 0;
	const br = weigh('br');
	const gzip = weigh('gzip');
	if (br > 0 && br >= gzip) return 'br';
	if (gzip > 0) return 'gzip';
	return null;
}

/** @param {import('node:http').ServerResponse} res */
function addVary(res) {
	const vary = String(res.getHeader('vary') ?? '');
	if (vary === '*' || /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) return;
	res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * @typedef {object} CompressOptions
 * @property {number} [threshold] bodies smaller than this (bytes) go out as they are
 * @property {number} [brotliQuality] 0–11; low qualities cost less CPU than gzip at its default
 * @property {number} [gzipLevel] 1–9
 */

/**
 * Makes `res` compress what is written to it when the request accepts br or gzip and the response
 * is a compressible type of at least `threshold` bytes (or streamed: more than one write). Call it
 * before handing `res` to the app. Streamed bodies are flushed after each burst of writes, so they
 * still arrive piece by piece.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {CompressOptions} [options]
 */
export function compress(req, res, { threshold = 1024, brotliQuality = 4, gzipLevel = 6 } = {}) {
	const accepted = req.method === 'HEAD' ? null : chooseEncoding(req.headers['accept-encoding']);
	// The response's own methods, called once the decision is made.
	const { writeHead, write, end } = /** @type {Record<string, (...args: any[]) => any>} */ (/** @type {unknown} */ (res));
	/** @type {'idle' | 'held' | 'plain' | 'zip'} 'held': the first chunk waits for the decision */
	let state = 'idle';
	// Read through a call: decide() changes the state where the type checker cannot see it.
	const zipping = () => state === 'zip';
	/** @type {Buffer[]} */
	let held = [];
	/** @type {zlib.Gzip | zlib.BrotliCompress | null} */
	let zs = null;
	let flushQueued = false;
	let status = 0;
	/** @type {string | undefined} */
	let reason;

	const toBuffer = (/** @type {any} */ chunk, /** @type {any} */ enc) =>
		typeof chunk === 'string' ? Buffer.from(chunk, /** @type {BufferEncoding} */ (typeof enc === 'string' ? enc : 'utf8')) : Buffer.from(chunk.buffer ?? chunk, chunk.byteOffset ?? 0, chunk.byteLength ?? chunk.length);

	/** Decides once, from the headers and what is known of the body's size, then sends the head. */
	function decide(/** @type {number} */ size, /** @type {boolean} */ streamed) {
		const code = status || res.statusCode;
		const type = String(res.getHeader('content-type') ?? '');
		const candidate =
			code !== 204 && code !== 304 && COMPRESSIBLE.test(type) && !res.hasHeader('content-encoding') && !/no-transform/i.test(String(res.getHeader('cache-control') ?? ''));
		if (candidate) addVary(res);
		const length = Number(res.getHeader('content-length'));
		const known = Number.isFinite(length) && res.hasHeader('content-length') ? length : size;
		if (candidate && accepted && (streamed || known >= threshold)) {
			state = 'zip';
			res.setHeader('content-encoding', accepted);
			res.removeHeader('content-length');
			zs =
				accepted === 'br'
					? zlib.createBrotliCompress({ params: /** @type {Record<number, number>} */ ({ [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality, ...(known ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: known } : {}) }) })
					: zlib.createGzip({ level: gzipLevel });
			const out = zs;
			out.on('data', (c) => {
				// The socket is full: hold the compressor until it drains.
				if (!write.call(res, c)) {
					out.pause();
					res.once('drain', () => out.resume());
				}
			});
			out.on('end', () => end.call(res));
			out.on('error', (e) => res.destroy(e));
			res.once('close', () => out.destroy());
		} else state = 'plain';
		if (reason !== undefined) writeHead.call(res, code, reason);
		else writeHead.call(res, code);
	}

	function flushSoon() {
		if (flushQueued) return;
		flushQueued = true;
		setImmediate(() => {
			flushQueued = false;
			if (zs && !zs.writableEnded && !zs.destroyed) zs.flush(accepted === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH);
		});
	}

	/** Writes to the compressor; false (and a 'drain' on res later) when it is full. */
	function zwrite(/** @type {Buffer} */ buf) {
		const z = /** @type {zlib.Gzip} */ (zs);
		const ok = z.write(buf);
		flushSoon();
		if (!ok) z.once('drain', () => res.emit('drain'));
		return ok;
	}

	function release() {
		const chunks = held;
		held = [];
		let ok = true;
		for (const c of chunks) ok = state === 'zip' ? zwrite(c) : write.call(res, c);
		return ok;
	}

	// Headers are only final once the body starts: the head waits for the decision.
	/** @type {any} */ (res).writeHead = function (/** @type {number} */ code, /** @type {any} */ reasonOrHeaders, /** @type {any} */ headers) {
		if (typeof reasonOrHeaders === 'string') reason = reasonOrHeaders;
		else headers = reasonOrHeaders;
		if (headers) for (const [k, v] of Array.isArray(headers) ? pairs(headers) : Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
		status = code;
		res.statusCode = code;
		return res;
	};

	/** @type {any} */ (res).write = function (/** @type {any} */ chunk, /** @type {any} */ enc, /** @type {any} */ cb) {
		if (typeof enc === 'function') [cb, enc] = [enc, undefined];
		if (state === 'plain') return write.call(res, chunk, enc, cb);
		const buf = toBuffer(chunk, enc);
		if (cb) process.nextTick(cb);
		if (state === 'zip') return zwrite(buf);
		if (state === 'held') {
			// A second write: the body is streamed.
			decide(0, true);
			return release() && (zipping() ? zwrite(buf) : write.call(res, buf));
		}
		// The first write. A declared length decides at once; otherwise the chunk is held for this
		// turn of the event loop: if the end follows (a whole body written at once) its size decides,
		// if not, the body is streamed and compressed as it comes.
		if (res.hasHeader('content-length')) {
			decide(0, false);
			return zipping() ? zwrite(buf) : write.call(res, buf);
		}
		state = 'held';
		held.push(buf);
		setImmediate(() => {
			if (state !== 'held') return;
			decide(buf.length, true);
			release();
		});
		return true;
	};

	/** @type {any} */ (res).end = function (/** @type {any} */ chunk, /** @type {any} */ enc, /** @type {any} */ cb) {
		if (typeof chunk === 'function') [cb, chunk] = [chunk, undefined];
		if (typeof enc === 'function') [cb, enc] = [enc, undefined];
		if (state === 'plain') return end.call(res, chunk, enc, cb);
		const buf = chunk != null ? toBuffer(chunk, enc) : null;
		if (state !== 'zip') {
			const size = held.reduce((n, c) => n + c.length, 0) + (buf?.length ?? 0);
			decide(size, false);
			release();
		}
		if (cb) res.once('finish', cb);
		if (zipping()) {
			const z = /** @type {zlib.Gzip} */ (zs);
			if (buf) z.end(buf);
			else z.end();
		} else if (buf) end.call(res, buf);
		else end.call(res);
		return res;
	};
}

/** @param {unknown[]} flat [name, value, name, value, …] or [[name, value], …] */
function pairs(flat) {
	if (Array.isArray(flat[0])) return /** @type {[string, any][]} */ (flat);
	/** @type {[string, any][]} */
	const out = [];
	for (let i = 0; i + 1 < flat.length; i += 2) out.push([String(flat[i]), flat[i + 1]]);
	return out;
}
