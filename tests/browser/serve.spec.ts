// The built server as `npm start` runs it (scripts/serve.js), on servers of this spec's own: it
// prints one address, refuses to start on a data directory another server holds (before it
// listens), compresses pages and data when asked and serves the build's precompressed files.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { freePort, killServer, startServer, type OwnServer } from './server';

test.describe.configure({ mode: 'serial' });

let root = '';
let dataDir = '';
let port = 0;
let first: OwnServer | null = null;

test.beforeAll(async () => {
	test.setTimeout(90_000);
	root = mkdtempSync(join(tmpdir(), 'coach-serve-'));
	dataDir = join(root, 'pglite');
	port = await freePort();
	first = await startServer(port, { DATA_DIR: dataDir });
});
test.afterAll(async () => {
	await killServer(first);
	rmSync(root, { recursive: true, force: true });
});

function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

const listening = (p: number) =>
	new Promise<boolean>((resolve) => {
		const s = connect(p, '127.0.0.1');
		s.once('connect', () => (s.destroy(), resolve(true)));
		s.once('error', () => resolve(false));
	});

test('prints one address: the one to open', async () => {
	await expect.poll(() => first!.output()).toContain('is running');
	expect(first!.output().match(/https?:\/\/[^\s)]+/g)).toEqual([`http://localhost:${port}`]);
});

test('a second server on the same data directory exits non-zero with the lock message, never listening; the first still answers', async () => {
	test.setTimeout(60_000);
	const second = await freePort();
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(second), HOST: '127.0.0.1', ORIGIN: `http://localhost:${second}`, DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d));
	child.stderr.on('data', (d: Buffer) => (stderr += d));
	let exitCode: number | null = null;
	const exited = new Promise<void>((r) => child.once('exit', (code) => ((exitCode = code), r())));
	let everListened = false;
	const watch = (async () => {
		while (exitCode === null) {
			if (await listening(second)) everListened = true;
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	const timeout = setTimeout(() => child.kill('SIGKILL'), 40_000);
	await exited;
	clearTimeout(timeout);
	await watch;
	expect(exitCode, `stdout:\n${stdout}\nstderr:\n${stderr}`).not.toBe(0);
	expect(exitCode).not.toBeNull();
	expect(everListened).toBe(false);
	expect(stderr).toContain(`内置数据库 ${dataDir} 已被进程 ${first!.child.pid}`);
	expect(stdout).not.toContain('is running');
	expect((await get('/')).status).toBe(200);
});

test('a server whose port is taken says so and exits non-zero, its data directory unlocked', async () => {
	test.setTimeout(60_000);
	const other = join(root, 'other');
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}`, DATA_DIR: other },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr += d));
	const code = await new Promise<number | null>((r) => child.once('exit', r));
	expect(code, stderr).toBe(1);
	expect(stderr).toContain(`端口 ${port} 已被占用`);
	expect(existsSync(`${other}.lock`)).toBe(false);
	expect((await get('/')).status).toBe(200);
});

test('a page and its data answer br or gzip when asked, identity when not', async () => {
	const page = '/play/angry-caller';
	const plain = await get(page);
	expect(plain.status).toBe(200);
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.headers.vary).toContain('Accept-Encoding');
	const html = plain.body.toString();
	expect(html).toContain('<html');

	const br = await get(page, 'gzip, deflate, br, zstd');
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers.vary).toContain('Accept-Encoding');
	expect(brotliDecompressSync(br.body).toString()).toContain('<html');
	expect(br.body.length).toBeLessThan(html.length * 0.75);

	const gz = await get(page, 'gzip, deflate');
	expect(gz.headers['content-encoding']).toBe('gzip');
	expect(gunzipSync(gz.body).toString()).toContain('<html');

	const data = await get(`${page}/__data.json`, 'gzip');
	expect(data.headers['content-encoding']).toBe('gzip');
	expect(JSON.parse(gunzipSync(data.body).toString()).type).toBe('data');
});

test('static assets still come precompressed from the build, cached as immutable', async () => {
	const html = (await get('/play/angry-caller')).body.toString();
	const asset = html.match(/\/_app\/immutable\/entry\/start\.[\w-]+\.js/)![0];
	const file = join('build/client', asset);
	const br = await get(asset, 'gzip, deflate, br');
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers['cache-control']).toContain('immutable');
	expect(br.body.equals(readFileSync(`${file}.br`))).toBe(true);
	const gz = await get(asset, 'gzip');
	expect(gz.body.equals(readFileSync(`${file}.gz`))).toBe(true);
	const plain = await get(asset);
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.body.equals(readFileSync(file))).toBe(true);
});

test('static files carry the same security headers as pages and data', async () => {
	const page = await get('/play/angry-caller');
	const asset = page.body.toString().match(/\/_app\/immutable\/entry\/start\.[\w-]+\.js/)![0];
	for (const path of [asset, '/service-worker.js']) {
		const r = await get(path, 'br');
		expect(r.status, path).toBe(200);
		for (const h of ['x-content-type-options', 'referrer-policy', 'x-frame-options']) expect(r.headers[h], `${path} ${h}`).toBe(page.headers[h]);
		expect(r.headers['x-content-type-options']).toBe('nosniff');
	}
});

test('served on one other address (HOST), it prints that address and takes forms posted from it', async () => {
	test.setTimeout(60_000);
	const other = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'coach-host-'));
	const server = await startServer(other, { DATA_DIR: join(dir, 'pglite'), HOST: '127.0.0.2', ORIGIN: '' }, { host: '127.0.0.2' });
	try {
		const address = `http://127.0.0.2:${other}`;
		await expect.poll(() => server.output()).toContain('is running');
		expect(server.output().match(/https?:\/\/[^\s)]+/g)).toEqual([address]);
		// As a browser's form post: accepted, and the profile cookie is one a browser keeps over http.
		const res = await fetch(`${address}/profile?/create`, {
			method: 'POST',
			headers: { origin: address, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'displayName=%E5%B1%80%E5%9F%9F%E7%BD%91&next=%2Fprogress',
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/progress');
		expect(res.headers.get('set-cookie')).toMatch(/^cc_profile=[0-9a-f-]{36};/);
		expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
	} finally {
		await killServer(server);
		rmSync(dir, { recursive: true, force: true });
	}
});

test('an anonymous page may be answered from memory, never to a signed-in visitor; its CSP uses hashes, not a nonce', async () => {
	const base = `http://localhost:${port}`;
	const first = await get('/play/angry-caller', 'br');
	const again = await get('/play/angry-caller', 'br');
	expect(again.body.equals(first.body)).toBe(true);
	expect(again.headers['x-coach-cache']).toBeUndefined();
	const csp = String(first.headers['content-security-policy']);
	expect(csp).toMatch(/script-src 'self' 'sha256-/);
	expect(csp).not.toContain('nonce-');

	const made = await fetch(`${base}/profile?/create`, {
		method: 'POST',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: 'displayName=%E8%AE%B0%E5%BF%86&next=%2F',
		redirect: 'manual'
	});
	const cookie = made.headers.get('set-cookie')!.split(';')[0];
	const id = cookie.split('=')[1];
	const mine = await fetch(`${base}/play/angry-caller`, { headers: { cookie } });
	expect(mine.headers.get('x-coach-profile')).toBe(id);
	expect(await mine.text()).toContain(id);
	const anonymous = await get('/play/angry-caller', 'br');
	expect(anonymous.headers['x-coach-profile']).toBe('');
	expect(anonymous.body.equals(first.body)).toBe(true);
});
