// Serves the built app: adapter-node's request handler (build/handler.js) in a node:http server of
// our own, so the order is ours: environment → open the store (the embedded database takes its
// data directory's lock) → listen → print the one address to open. A second server on a data
// directory already in use exits here, before it listens, instead of answering 500 to everything.
// Dynamic responses are compressed on the way out (scripts/server/compress.js).
// Local mode serves one machine, so it listens on localhost unless HOST says otherwise.
import { existsSync } from 'node:fs';
import { shutdownOnSignals, startServer } from './server/http.js';

process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://${addressToOpen(process.env.HOST)}:${process.env.PORT}`;
// adapter-node reads at most 512 KiB of a body by default; a studio document may be 2 MiB of YAML
// (MAX_DOCUMENT_BYTES). Every route still applies its own, smaller limit (src/lib/server/api.ts).
process.env.BODY_SIZE_LIMIT ||= '4M';

/**
 * The name to print and to take as ORIGIN: localhost when listening on a loopback or every address,
 * else the one address HOST names (a LAN address: localhost would not reach it).
 * @param {string} host
 */
function addressToOpen(host) {
	const h = host.replace(/^\[|\]$/g, '');
	if (['0.0.0.0', '::', 'localhost', '127.0.0.1', '::1'].includes(h)) return 'localhost';
	return h.includes(':') ? `[${h}]` : h;
}

/** @param {string} message */
function fail(message) {
	console.error(message);
	process.exit(1);
}

if (!existsSync(new URL('../build/handler.js', import.meta.url))) {
	fail('还没有构建:请先运行 `npm run build`(或 `npm start`,它会先构建再启动)。');
}

// Importing the handler starts the app: its init hook loads the scenarios and searches their best
// scores, and the hooks load the store module, which registers its opener.
const { handler } = await import('../build/handler.js');
const openStore = /** @type {(() => Promise<unknown>) | undefined} */ (globalThis[Symbol.for('complaint-coach.open-store')]);
if (typeof openStore !== 'function') fail('客诉教练无法启动:构建里找不到打开数据库的入口(src/lib/server/db/index.ts),请重新构建。');
try {
	await openStore?.();
} catch (e) {
	fail(`客诉教练无法启动:${/** @type {Error} */ (e).message}`);
}

try {
	shutdownOnSignals(await startServer(handler, { host: process.env.HOST, port: Number(process.env.PORT) }));
	console.log(`客诉教练 is running on ${process.env.ORIGIN}`);
} catch (e) {
	const { code, message } = /** @type {NodeJS.ErrnoException} */ (e);
	console.error(
		code === 'EADDRINUSE'
			? `客诉教练无法启动:端口 ${process.env.PORT} 已被占用。请停止占用它的程序,或用 PORT 换一个端口。`
			: `客诉教练无法启动:${message}`
	);
	// The database is open: close it cleanly (the store closes on this event), then exit.
	process.exitCode = 1;
	// @ts-ignore custom event, as adapter-node emits it
	process.emit('sveltekit:shutdown', 'listen-failed');
}
