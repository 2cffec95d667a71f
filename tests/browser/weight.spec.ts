// What a first visit downloads (a real Chromium, empty cache), in gzip-equivalent bytes: the server
// may compress, so each response is counted as gzip would send it. Targets of issue 10: /play ≤ 100
// KiB with its JavaScript ≤ 50 KiB, /coach ≤ 120 KiB. The analyzer and the scenario come as
// cacheable files, the analyzer only once the trainee types.
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { open } from './scenarios';

const KiB = 1024;

async function firstVisit(page: Page, path: string) {
	const rows: { path: string; type: string; gz: number; cache: string }[] = [];
	const pending: Promise<void>[] = [];
	page.on('response', (r) =>
		pending.push(
			r.body().then(
				(b) => void rows.push({ path: new URL(r.url()).pathname, type: r.request().resourceType(), gz: gzipSync(b).length, cache: r.headers()['cache-control'] ?? '' }),
				() => {}
			)
		)
	);
	await open(page, path);
	await page.waitForLoadState('networkidle');
	await Promise.all(pending);
	const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.gz, 0);
	return { rows, total: sum(() => true), js: sum((r) => r.type === 'script') };
}

test.use({ serviceWorkers: 'block' });

test('/play: first load within 100 KiB, its JavaScript within 50 KiB, no analyzer until typing', async ({ page }) => {
	const { rows, total, js } = await firstVisit(page, '/play/angry-caller');
	expect(js / KiB, 'JavaScript KiB').toBeLessThanOrEqual(50);
	expect(total / KiB, 'total KiB').toBeLessThanOrEqual(100);
	const html = rows.find((r) => r.type === 'document')!;
	expect(html.gz / KiB, 'HTML KiB').toBeLessThan(10);
	expect(rows.some((r) => r.path.startsWith('/data/analyzer/'))).toBe(false);
	const file = rows.find((r) => r.path.startsWith('/data/scenarios/'))!;
	expect(file.cache).toBe('public, max-age=31536000, immutable');

	// Typing brings the analyzer, once.
	const analyzer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/data/analyzer/'));
	await page.getByRole('button', { name: '改为打字回复' }).click();
	expect((await analyzer).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
	await expect(page.getByLabel('输入你的回复')).toBeFocused();
});

test('/coach: first load within 120 KiB; the rules and phrase pool arrive on first use', async ({ page }) => {
	const { rows, total } = await firstVisit(page, '/coach');
	expect(total / KiB, 'total KiB').toBeLessThanOrEqual(120);
	expect(rows.some((r) => r.path.startsWith('/data/'))).toBe(false);
	await page.getByLabel('客服回复').fill('非常抱歉让您久等了');
	await expect(page.getByTestId('coach-findings')).toBeVisible();
});

test('an outdated or unknown data file is a 404 with a message, not a 500', async ({ request }) => {
	for (const path of ['/data/scenarios/angry-caller@0000000000000000.json', '/data/scenarios/nope@1.json', '/data/analyzer/0.json', '/data/coach/x.json']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(404);
	}
});
