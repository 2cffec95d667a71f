// The memory of anonymous pages in front of the built app (scripts/server/page-cache.js), on a real
// node:http server wired as scripts/server/http.js wires it (record, then compress): what is kept,
// for whom, and that a remembered answer is the same bytes and headers as the rendered one.
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compress } from '../../scripts/server/compress.js';
import { CACHE_MARK, createPageCache } from '../../scripts/server/page-cache.js';

const page = '<!doctype html>' + '<p>客诉教练</p>'.repeat(500);
let renders = 0;
let clock = 0;
const cache = createPageCache({ ttlMs: 60_000, maxEntries: 3, now: () => clock });

const routes: Record<string, (res: ServerResponse) => void> = {
	'/shared': (res) => {
		res.setHeader(CACHE_MARK, 'anonymous');
		res.writeHead(200, { 'content-type': 'text/html', 'x-render': String(renders) });
		res.end(page);
	},
	'/personal': (res) => {
		res.writeHead(200, { 'content-type': 'text/html', 'x-render': String(renders) });
		res.end(page);
	},
	'/sets-cookie': (res) => {
		res.setHeader(CACHE_MARK, 'anonymous');
		res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'a=b', 'x-render': String(renders) });
		res.end(page);
	},
	'/refused': (res) => {
		res.setHeader(CACHE_MARK, 'anonymous');
		res.writeHead(421, { 'content-type': 'text/plain', 'x-render': String(renders) });
		res.end('wrong host');
	}
};

let server: Server;
let port = 0;
beforeAll(async () => {
	server = createServer((req, res) => {
		if (cache.serve(req, res)) return;
		cache.record(req, res);
		compress(req, res);
		renders++;
		routes[new URL(req.url!, 'http://x').pathname](res);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => (clock += 3_600_000));

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('the page memory', () => {
	it('answers a marked page again from memory for anonymous GETs: same bytes, same headers, the mark never sent', async () => {
		const first = await get('/shared?x=1', { 'accept-encoding': 'br' });
		const again = await get('/shared?x=1', { 'accept-encoding': 'br' });
		expect(first.headers['x-render']).toBe(again.headers['x-render']);
		expect(again.body.equals(first.body)).toBe(true);
		expect(brotliDecompressSync(again.body).toString()).toBe(page);
		expect(again.headers['content-encoding']).toBe('br');
		expect(again.headers['content-length']).toBe(String(again.body.length));
		for (const r of [first, again]) expect(r.headers[CACHE_MARK]).toBeUndefined();
		// Another encoding, query or Host is another page.
		const plain = await get('/shared?x=1');
		expect(plain.headers['x-render']).not.toBe(first.headers['x-render']);
		expect(plain.body.toString()).toBe(page);
		expect((await get('/shared?x=2', { 'accept-encoding': 'br' })).headers['x-render']).not.toBe(first.headers['x-render']);
		expect((await get('/shared?x=1', { 'accept-encoding': 'br', host: 'evil.example' })).headers['x-render']).not.toBe(first.headers['x-render']);
	});

	it('renders every time for a request with a cookie, authorization or a conditional header', async () => {
		await get('/shared?y');
		const conditions: Record<string, string>[] = [{ cookie: 'cc_profile=p' }, { authorization: 'Bearer x' }, { 'if-none-match': '"e"' }];
		for (const headers of conditions) {
			const before = renders;
			await get('/shared?y', headers);
			expect(renders, JSON.stringify(headers)).toBe(before + 1);
		}
	});

	it('keeps nothing unmarked, nothing that sets a cookie and nothing but a 200', async () => {
		for (const path of ['/personal', '/sets-cookie', '/refused']) {
			await get(path);
			const before = renders;
			await get(path);
			expect(renders, path).toBe(before + 1);
		}
		expect((await get('/refused')).headers[CACHE_MARK]).toBeUndefined();
	});

	it('forgets a page after its time and the oldest pages past its size', async () => {
		await get('/shared?t');
		clock += 59_000;
		let before = renders;
		await get('/shared?t');
		expect(renders).toBe(before);
		clock += 2_000;
		await get('/shared?t');
		expect(renders).toBe(before + 1);
		for (const q of ['a', 'b', 'c']) await get(`/shared?${q}`);
		before = renders;
		await get('/shared?t');
		expect(renders).toBe(before + 1);
		expect(cache.size).toBeLessThanOrEqual(3);
	});

	it('keeps nothing with a time of 0 (PAGE_CACHE_SECONDS=0)', () => {
		const off = createPageCache({ ttlMs: 0 });
		const req = { method: 'GET', url: '/shared', headers: { host: 'localhost' } } as unknown as IncomingMessage;
		const res = { setHeader() {}, getHeader: () => 'anonymous', removeHeader() {}, hasHeader: () => false, getHeaders: () => ({}), writeHead() {}, write() {}, end() {} } as unknown as ServerResponse;
		off.record(req, res);
		res.writeHead(200);
		res.end('page');
		expect(off.size).toBe(0);
		expect(off.serve(req, res)).toBe(false);
	});
});
