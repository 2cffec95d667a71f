// The browser gets compiled scenarios and quizzes, never the compilers: no YAML parser and no
// schema library in what the pages load (the rules compiler and zod stay on the server).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkedScenarios, controlledByWorker, open } from './scenarios';

const id = checkedScenarios.find((c) => c.scenario)!.scenario!.meta.id;

for (const [name, path] of [
	['the player', `/play/${id}`],
	['/coach', '/coach'],
	['the quiz list', '/quiz']
] as const)
	test(`${name} loads no YAML parser and no zod`, async ({ page }) => {
		const scripts: Promise<string>[] = [];
		page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.text()));
		await open(page, path);
		await page.waitForLoadState('networkidle');
		const code = await Promise.all(scripts);
		expect(code.length).toBeGreaterThan(0);
		for (const c of code) {
			expect(c).not.toContain('yaml.document');
			expect(c).not.toContain('ZodError');
		}
	});

// The studio's code (editors, flow chart, compiler worker) is for trainers: the pages everyone else
// opens never fetch it, and the service worker does not precache it for them.
test('studio code loads on no other page, and the service worker leaves it out of its precache', async ({ page }) => {
	const studioOnly: string[] = JSON.parse(readFileSync('build/client/_app/studio-assets.json', 'utf8'));
	expect(studioOnly.some((f) => f.includes('/workers/check.worker'))).toBe(true);
	expect(studioOnly.length).toBeGreaterThan(5);
	const fetched: string[] = [];
	page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
	for (const path of ['/', `/play/${id}`, '/coach', '/quiz']) {
		await open(page, path);
		await page.waitForLoadState('networkidle');
	}
	await controlledByWorker(page);
	const cached = await page.evaluate(async () => {
		const names = await caches.keys();
		const assets = names.find((n) => n.startsWith('assets-'));
		return assets ? (await (await caches.open(assets)).keys()).map((r) => new URL(r.url).pathname) : [];
	});
	expect(cached.length).toBeGreaterThan(10);
	for (const f of studioOnly) {
		expect(fetched, f).not.toContain(f);
		expect(cached, f).not.toContain(f);
	}
});
