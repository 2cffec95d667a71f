// The HTTP server around adapter-node's handler: compression, keep-alive and the graceful stop
// adapter-node's own build/index.js would have given (finish in-flight requests, then emit
// `sveltekit:shutdown`, on which the store closes the database).
import http from 'node:http';
import { compress } from './compress.js';
import { createPageCache } from './page-cache.js';

// The files adapter-node serves itself (the build's assets, static/, the service worker) never
// reach the hooks, which give every other response these same headers (src/lib/server/http/headers.ts;
// tests/browser/serve.spec.ts checks both agree). A page or API response overwrites them with its own.
const STATIC_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY'
};

/** @param {string} name @param {number} fallback seconds */
const seconds = (name, fallback) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v >= 0 ? v : fallback;
};

/**
 * Resolves with the server once it listens; rejects if it cannot (port in use, bad host).
 * @param {(req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => unknown} handler
 * @param {{ host?: string, port: number }} where
 * @returns {Promise<http.Server>}
 */
export function startServer(handler, { host, port }) {
	const pages = createPageCache({ ttlMs: seconds('PAGE_CACHE_SECONDS', 60) * 1000 });
	const server = http.createServer((req, res) => {
		if (pages.serve(req, res)) return;
		for (const [k, v] of Object.entries(STATIC_HEADERS)) res.setHeader(k, v);
		// The cache watches what is sent, so it wraps the response before compression does.
		pages.record(req, res);
		compress(req, res);
		const notFound = () => {
			res.statusCode = 404;
			res.end();
		};
		Promise.resolve(handler(req, res, notFound)).catch((e) => {
			console.error(e);
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end();
			} else res.destroy();
		});
	});
	// Browsers and the bench keep connections open between requests; a little longer than Node's
	// 5 s default spares reconnects between a page and its data requests.
	server.keepAliveTimeout = seconds('KEEP_ALIVE_TIMEOUT', 10) * 1000;
	server.headersTimeout = Math.max(server.keepAliveTimeout + 1000, seconds('HEADERS_TIMEOUT', 60) * 1000);
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen({ host, port }, () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}

/**
 * On SIGINT/SIGTERM: stop taking connections, let in-flight requests finish (at most
 * SHUTDOWN_TIMEOUT seconds, default 30), then emit `sveltekit:shutdown` as adapter-node does.
 * @param {http.Server} server
 */
export function shutdownOnSignals(server) {
	/** @type {NodeJS.Timeout | undefined} */
	let timeout;
	const stop = (/** @type {string} */ reason) => {
		if (timeout) return;
		server.closeIdleConnections();
		server.close(() => {
			clearTimeout(timeout);
			// @ts-ignore custom event, as adapter-node emits it
			process.emit('sveltekit:shutdown', reason);
		});
		timeout = setTimeout(() => server.closeAllConnections(), seconds('SHUTDOWN_TIMEOUT', 30) * 1000);
		timeout.unref();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	// Connections kept alive would hold close() open until they time out: end them as they idle.
	server.on('request', (req) => req.on('close', () => timeout && server.closeIdleConnections()));
}
