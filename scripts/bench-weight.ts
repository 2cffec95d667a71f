// Bench section "page-weight" (scripts/bench.ts): each main route as a real Chromium first meets
// it (a fresh browser context: empty cache, no cookies, so an anonymous visitor), against the
// bench's built server. Bytes are what Chromium received for each of the page's requests until the
// network is idle (its encodedDataLength: compressed bodies plus response headers), by kind; the
// JavaScript also as gzip -9 of what was received decoded, the measure of the targets. The service
// worker is blocked: its precache of the build runs after the page and is not the page's weight.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { benchServer } from './bench-server';

const KIB = 1024;
/** Issue 10's targets, printed beside the figures. */
const TARGETS: Record<string, { total_kib: number; js_gzip_kib?: number }> = {
	play: { total_kib: 100, js_gzip_kib: 50 },
	coach: { total_kib: 120 }
};

type Kind = 'html' | 'js' | 'css' | 'data' | 'other';
const kindOf = (type: string | undefined, mime: string): Kind =>
	type === 'Document'
		? 'html'
		: type === 'Script'
			? 'js'
			: type === 'Stylesheet'
				? 'css'
				: type === 'Fetch' || type === 'XHR' || /json/.test(mime)
					? 'data'
					: 'other';

function chromiumPath(): string | undefined {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

async function weigh(browser: Browser, url: string) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const seen = new Map<string, { kind: Kind; url: string; encoding: string }>();
	const bytes: Record<Kind, number> = { html: 0, js: 0, css: 0, data: 0, other: 0 };
	const files: Record<Kind, number> = { html: 0, js: 0, css: 0, data: 0, other: 0 };
	const bodies: Promise<number>[] = [];
	let htmlEncoding = '';
	cdp.on('Network.responseReceived', (e) => {
		const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
		seen.set(e.requestId, { kind: kindOf(e.type, e.response.mimeType), url: e.response.url, encoding: headers['content-encoding'] ?? 'identity' });
	});
	cdp.on('Network.loadingFinished', (e) => {
		const r = seen.get(e.requestId);
		if (!r) return;
		bytes[r.kind] += e.encodedDataLength;
		files[r.kind]++;
		if (r.kind === 'html' && !htmlEncoding) htmlEncoding = r.encoding;
		if (r.kind === 'js')
			bodies.push(
				cdp
					.send('Network.getResponseBody', { requestId: e.requestId })
					.then((b) => gzipSync(Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8'), { level: 9 }).length)
					.catch(() => 0)
			);
	});
	const response = await page.goto(url, { waitUntil: 'networkidle' });
	const jsGzip = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
	await context.close();
	const total = Object.values(bytes).reduce((a, b) => a + b, 0);
	const kib = (n: number) => Math.round((n / KIB) * 10) / 10;
	return {
		status: response?.status() ?? 0,
		final_url: page.url().replace(/^https?:\/\/[^/]+/, ''),
		html_encoding: htmlEncoding,
		requests: Object.values(files).reduce((a, b) => a + b, 0),
		files,
		wire_kib: { html: kib(bytes.html), js: kib(bytes.js), css: kib(bytes.css), data: kib(bytes.data), other: kib(bytes.other), total: kib(total) },
		js_gzip_kib: kib(jsGzip)
	};
}

/**
 * What the service worker downloads once, after the first page: computed from the build (the paths
 * build/client/service-worker.js lists, at the size of their .br file when there is one, as
 * Chromium asks for br), since Playwright sees a worker's own requests only experimentally.
 */
function precache() {
	const sw = readFileSync('build/client/service-worker.js', 'utf8');
	// Less the studio's own files, which the worker leaves to the studio (scripts/vite/studio-assets.ts).
	const studioOnly = new Set<string>(existsSync('build/client/_app/studio-assets.json') ? JSON.parse(readFileSync('build/client/_app/studio-assets.json', 'utf8')) : []);
	const listed = [...new Set([...sw.matchAll(/`(\/[^`]+\.[\w]+)`/g)].map((m) => m[1]))].filter((p) => existsSync(`build/client${p}`));
	const paths = listed.filter((p) => !studioOnly.has(p));
	const size = (p: string) => statSync(existsSync(`build/client${p}.br`) ? `build/client${p}.br` : `build/client${p}`).size;
	const kib = (list: string[]) => Math.round((list.reduce((n, p) => n + size(p), 0) / KIB) * 10) / 10;
	return { files: paths.length, kib: kib(paths), studio_only_left_out: { files: studioOnly.size, kib: kib(listed.filter((p) => studioOnly.has(p))) } };
}

/** Routes by name: path. */
export async function benchPageWeight(routes: Record<string, string>): Promise<object> {
	const { base } = await benchServer();
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	});
	const out: Record<string, object> = {};
	try {
		for (const [name, path] of Object.entries(routes)) {
			const figures = await weigh(browser, `${base}${path}`);
			const target = TARGETS[name];
			out[name] = {
				path,
				...figures,
				...(target
					? {
							target: {
								...target,
								total_met: figures.wire_kib.total <= target.total_kib,
								...(target.js_gzip_kib ? { js_met: figures.js_gzip_kib <= target.js_gzip_kib } : {})
							}
						}
					: {})
			};
		}
	} finally {
		await browser.close();
	}
	return {
		note: 'first visit, empty cache, anonymous; wire bytes = what Chromium received per request (compressed bodies + response headers, its encodedDataLength), until network idle; js_gzip = gzip -9 of the scripts received; service worker blocked',
		...out,
		service_worker_precache_computed: precache()
	};
}
