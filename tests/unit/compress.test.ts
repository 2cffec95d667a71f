// The compression in front of the built app (scripts/server/compress.js), on a real node:http
// server: which encoding answers which Accept-Encoding, what is left alone, and that a streamed
// body still arrives piece by piece.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, compress } from '../../scripts/server/compress.js';

const big = '<!doctype html>' + '<p>客诉教练 你好</p>'.repeat(2000);
let streamGate: (() => void) | null = null;

const routes: Record<string, (res: ServerResponse) => void | Promise<void>> = {
	'/page': (res) => {
		res.setHeader('content-type', 'text/html');
		res.writeHead(200);
		res.write(new TextEncoder().encode(big));
		res.end();
	},
	'/small': (res) => {
		res.setHeader('content-type', 'application/json');
		res.end('{"ok":true}');
	},
	'/png': (res) => {
		res.writeHead(200, { 'content-type': 'image/png' });
		res.end(Buffer.alloc(5000, 7));
	},
	'/encoded': (res) => {
		res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'content-length': '3' });
		res.end(Buffer.from([1, 2, 3]));
	},
	// Writes a first piece, then waits for the client to have read it before the rest.
	'/stream': async (res) => {
		res.setHeader('content-type', 'text/html');
		res.writeHead(200);
		res.write('<p>first</p>');
		await new Promise<void>((resolve) => (streamGate = resolve));
		res.end('<p>second</p>'.repeat(200));
	}
};

let server: Server;
let port = 0;
beforeAll(async () => {
	server = createServer((req, res) => {
		compress(req, res);
		void routes[req.url!]?.(res);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(path: string, acceptEncoding?: string, onFirstData?: () => void): Promise<{ res: IncomingMessage; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request({ port, path, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => {
				if (!chunks.length) onFirstData?.(); // eslint-disable-line
				chunks.push(c);
			});
			res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('compress', () => {
	it('answers br or gzip when asked, identity when not, with Vary either way', async () => {
		const br = await get('/page', 'gzip, deflate, br, zstd');
		expect(br.res.headers['content-encoding']).toBe('br');
		expect(br.res.headers.vary).toBe('Accept-Encoding');
		expect(brotliDecompressSync(br.body).toString()).toBe(big);
		expect(br.body.length).toBeLessThan(big.length / 5);

		const gz = await get('/page', 'gzip, deflate');
		expect(gz.res.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(big);

		for (const ae of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
			const plain = await get('/page', ae);
			expect(plain.res.headers['content-encoding'], String(ae)).toBeUndefined();
			expect(plain.res.headers.vary).toBe('Accept-Encoding');
			expect(plain.body.toString()).toBe(big);
		}
	});

	it('leaves small bodies, images and already encoded bodies as they are', async () => {
		const small = await get('/small', 'br');
		expect(small.res.headers['content-encoding']).toBeUndefined();
		expect(small.body.toString()).toBe('{"ok":true}');
		const png = await get('/png', 'br');
		expect(png.res.headers['content-encoding']).toBeUndefined();
		expect(png.body.length).toBe(5000);
		const encoded = await get('/encoded', 'br, gzip');
		expect(encoded.res.headers['content-encoding']).toBe('gzip');
		expect([...encoded.body]).toEqual([1, 2, 3]);
	});

	it('keeps a streamed body streaming: the first piece arrives before the rest is written', async () => {
		for (const ae of ['br', 'gzip']) {
			const { res, body } = await get('/stream', ae, () => streamGate!());
			expect(res.headers['content-encoding']).toBe(ae);
			const text = (ae === 'br' ? brotliDecompressSync(body) : gunzipSync(body)).toString();
			expect(text).toBe('<p>first</p>' + '<p>second</p>'.repeat(200));
		}
	});

	it('reads Accept-Encoding weights', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
		expect(chooseEncoding('br;q=0, *')).toBe('gzip');
		expect(chooseEncoding('*;q=0')).toBeNull();
		expect(chooseEncoding('')).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
	});
});
