// Bench section "ssr" (scripts/bench.ts): requests per second and latency of a server-rendered
// page against a static file of the same build, in the same run, on the bench's built server:
// the same number of keep-alive connections (plain node:http client) asking as fast as answers
// come, with a browser's Accept-Encoding, for a few seconds each. Issue 10's target: the page at
// 0.5× the static file's rate or better.
import { statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { benchServer } from './bench-server';

const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function get(agent: Agent, port: number, path: string, cookie?: string): Promise<{ status: number; bytes: number }> {
	return new Promise((ok, fail) => {
		const headers = { 'accept-encoding': ACCEPT_ENCODING, host: `localhost:${port}`, ...(cookie ? { cookie } : {}) };
		const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
			let bytes = 0;
			res.on('data', (c: Buffer) => (bytes += c.length));
			res.on('end', () => ok({ status: res.statusCode ?? 0, bytes }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

/** `connections` loops each asking for `path` again as soon as the answer is in, for `seconds`. */
export async function load(port: number, path: string, connections: number, seconds: number, cookie?: string) {
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const latencies: number[] = [];
	let bytes = 0;
	let errors = 0;
	const t0 = performance.now();
	const end = t0 + seconds * 1000;
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < end) {
				const s = performance.now();
				try {
					const r = await get(agent, port, path, cookie);
					if (r.status !== 200) errors++;
					bytes += r.bytes;
				} catch {
					errors++;
				}
				latencies.push(performance.now() - s);
			}
		})
	);
	const elapsed = (performance.now() - t0) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		path,
		requests: latencies.length,
		errors,
		requests_per_s: round(latencies.length / elapsed),
		median_ms: round(quantile(latencies, 0.5)),
		p99_ms: round(quantile(latencies, 0.99)),
		body_bytes_per_response: Math.round(bytes / Math.max(1, latencies.length))
	};
}

export async function benchSsr(page: string, { connections = 20, seconds = 5 } = {}): Promise<object> {
	const { base, port } = await benchServer();
	// A static file of this build: the largest script the page preloads (served precompressed).
	const html = await (await fetch(`${base}${page}`)).text();
	const scripts = [...new Set([...html.matchAll(/\/_app\/immutable\/[\w/.-]+\.js/g)].map((m) => m[0]))];
	const asset = scripts.sort((a, b) => statSync(`build/client${b}`).size - statSync(`build/client${a}`).size)[0];
	if (!asset) throw new Error(`no /_app/immutable script found in ${page}`);
	// Warm-up: the first renders compile and fill caches.
	await load(port, page, connections, 1);
	await load(port, asset, connections, 1);
	// A signed-in trainee's page is rendered every time (it may resume their attempt); an anonymous
	// visitor's is the URL's alone and may come from the server's page memory (scripts/server/page-cache.js).
	const cookie = await signIn(base);
	await load(port, page, connections, 1, cookie);
	const staticFile = await load(port, asset, connections, seconds);
	const ssr = await load(port, page, connections, seconds);
	const signedIn = await load(port, page, connections, seconds, cookie);
	return {
		connections,
		seconds_each: seconds,
		accept_encoding: ACCEPT_ENCODING,
		static_file: staticFile,
		ssr_page: ssr,
		ratio_ssr_to_static: round(ssr.requests_per_s / staticFile.requests_per_s, 3),
		ssr_page_signed_in: signedIn,
		ratio_signed_in_to_static: round(signedIn.requests_per_s / staticFile.requests_per_s, 3),
		target_ratio: 0.5
	};
}

/** A new local trainee profile, as the /profile form makes one: its cookie. */
async function signIn(base: string): Promise<string> {
	const res = await fetch(`${base}/profile?/create`, {
		method: 'POST',
		headers: { origin: new URL(base).origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ displayName: `基准${Date.now()}`, next: '/' }),
		redirect: 'manual'
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (res.status !== 303 || !cookie) throw new Error(`bench: could not create a profile (${res.status})`);
	return cookie;
}
