// Issue 10's request hardening, end to end on the built app (docs/security.md): where forms may
// send people, which origins and hosts are answered, the trainer role, and the headers.
import { request as httpRequest } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { checkedScenarios, newProfile, open, sameOrigin } from './scenarios';

const scenarioId = checkedScenarios.find((c) => c.scenario)!.scenario!.meta.id;

/** A raw HTTP request (any Host header, no browser), answered status and headers. */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}
/** As a browser posts a form (SvelteKit answers JSON to anything else). */
const asForm = (page: Page) => ({ ...sameOrigin(page), accept: 'text/html' });
const portOf = (baseURL: string | undefined) => Number(new URL(baseURL!).port);

test('item 2: a form never redirects to another origin, whatever `next` says', async ({ page }) => {
	await open(page, '/profile');
	for (const next of ['/.//evil.example', '/..//x', '/./\\x', '//evil.example', '/\t/evil.example']) {
		const res = await page.request.post('/profile?/create', { form: { displayName: `跳转${Date.now()}`, next }, headers: asForm(page), maxRedirects: 0 });
		expect(res.status(), next).toBe(303);
		const location = res.headers().location;
		expect(location, next).toBe('/progress');
		expect(new URL(location, 'http://localhost:3000/profile').origin).toBe('http://localhost:3000');
	}
	// Choosing a profile (a trainee: no passphrase) goes through the same check.
	await open(page, '/profile');
	const profile = await page.locator('input[name="profile"]').first().inputValue();
	const chosen = await page.request.post('/profile?/choose', { form: { profile, next: '/.//evil.example' }, headers: asForm(page), maxRedirects: 0 });
	expect(chosen.status()).toBe(303);
	expect(chosen.headers().location).toBe('/progress');
});

test('item 9: creating a profile always makes a trainee, even when the form says trainer', async ({ page }) => {
	await open(page, '/profile');
	const name = `自封培训师${Date.now()}`;
	const res = await page.request.post('/profile?/create', { form: { displayName: name, role: 'trainer', next: '/trainer' }, headers: asForm(page), maxRedirects: 0 });
	expect(res.status()).toBe(303);
	await open(page, '/profile');
	await expect(page.getByText(`当前身份：${name}（学员）`)).toBeVisible();
	await expect(page.getByText('培训师身份由管理员用 npm run role 设置')).toBeVisible();
	await expect(page.locator('input[name="role"]')).toHaveCount(0);
});

test('item 7: forms work from http://127.0.0.1:PORT as well as from localhost', async ({ page, baseURL }) => {
	const loopback = `http://127.0.0.1:${portOf(baseURL)}`;
	await newProfile(page, `环回${Date.now()}`, { base: loopback });
	expect(new URL(page.url()).origin).toBe(loopback);
	// And a bodyless POST from there (sign-out) too.
	const out = await page.request.post(`${loopback}/logout`, { headers: { origin: loopback }, maxRedirects: 0 });
	expect(out.status()).toBe(303);
});

test('item 11: every non-GET request needs this site as its Origin, bodyless ones included', async ({ page, baseURL }) => {
	await newProfile(page, `跨站${Date.now()}`);
	const start = await page.request.post('/api/attempts', { data: { scenarioId, version: checkedScenarios.find((c) => c.scenario)!.scenario!.version, mode: 'practice' }, headers: sameOrigin(page) });
	expect(start.status()).toBe(201);
	const { id } = await start.json();
	const refused: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { origin: `http://localhost:${portOf(baseURL) + 1}` }, {}, { 'sec-fetch-site': 'cross-site' }];
	for (const headers of refused) {
		const label = JSON.stringify(headers);
		const abandon = await page.request.post(`/api/attempts/${id}/abandon`, { headers, maxRedirects: 0 });
		expect(abandon.status(), label).toBe(403);
		expect(await abandon.text(), label).toContain('不是从客诉教练自己的页面发出的');
		expect((await page.request.post('/logout', { headers, maxRedirects: 0 })).status(), label).toBe(403);
		expect((await page.request.post(`/api/attempts/${id}/submit`, { headers, data: {} })).status(), label).toBe(403);
	}
	// Still signed in, and the attempt still active: nothing of the above got through.
	const detail = await (await page.request.get(`/api/attempts/${id}`)).json();
	expect(detail.attempt.state).toBe('active');
	expect((await page.request.post(`/api/attempts/${id}/abandon`, { headers: sameOrigin(page) })).status()).toBe(200);
});

test('item 8: a request addressed to another host name is refused (DNS rebinding)', async ({ baseURL }) => {
	const port = portOf(baseURL);
	for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'evil.example']) {
		const r = await raw(port, '/profile', { host });
		expect(r.status, host).toBe(421);
		expect(r.body).toContain('本机模式只接受发往本机地址');
		expect(r.headers['set-cookie'], host).toBeUndefined();
	}
	for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) expect((await raw(port, '/profile', { host })).status, host).toBe(200);
});

test('item 10: every response carries the security headers; pages a CSP without inline scripts', async ({ page, baseURL }) => {
	const port = portOf(baseURL);
	for (const path of ['/', '/profile', `/play/${scenarioId}`, '/api/attempts', '/no-such-page']) {
		const r = await raw(port, path, { host: `localhost:${port}` });
		expect(r.headers['x-content-type-options'], path).toBe('nosniff');
		expect(r.headers['referrer-policy'], path).toBe('same-origin');
		const csp = String(r.headers['content-security-policy']);
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
		if (String(r.headers['content-type']).startsWith('text/html')) expect(csp, path).toMatch(/script-src 'self' '(nonce|sha256)-/);
	}
	await open(page, '/');
});

/** Collects the page's CSP violations, as events and as console errors. */
function cspViolations(page: Page): string[] {
	const seen: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
	});
	return seen;
}

test('item 10: the main pages load, hydrate and work with no CSP violation', async ({ page }) => {
	const seen = cspViolations(page);
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
	});
	await newProfile(page, `策略${Date.now()}`);
	for (const path of ['/', '/progress', '/quiz', '/coach', `/play/${scenarioId}`]) {
		await open(page, path);
		await expect(page.locator('main')).toBeVisible();
	}
	// Playing a turn runs the player's scripts and writes through the API.
	const first = checkedScenarios.find((c) => c.scenario)!.paths!.paths[0].witness[0];
	await page.locator(`button[data-reply="${first}"]`).click();
	await expect(page.locator(`button[data-reply="${first}"]`)).toHaveCount(0);
	expect(seen).toEqual([]);
});
