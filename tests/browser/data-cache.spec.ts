// The content-named data files a play page fetches (its scenario, the analyzer once typing starts)
// are kept by the service worker, so the page reloads and plays offline, assessment included.
import { expect, test } from '@playwright/test';
import { checkedScenarios, controlledByWorker, open } from './scenarios';

const scenario = checkedScenarios.find((c) => c.scenario)!.scenario!;

for (const mode of ['practice', 'assessment'] as const)
	test(`${mode}: the scenario file is kept by the worker and the page plays offline after a reload`, async ({ page, context }) => {
		const fetched: string[] = [];
		page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
		await open(page, `/play/${scenario.meta.id}?mode=${mode}`);
		await controlledByWorker(page);
		const name = new RegExp(`^/data/scenarios/${scenario.meta.id}@${scenario.version}${mode === 'assessment' ? '\\.assessment' : ''}\\.[0-9a-f]+\\.json$`);
		await expect.poll(() => fetched.find((p) => name.test(p))).toBeDefined();
		const file = fetched.find((p) => name.test(p))!;
		// Kept even when the page fetched it before the worker took over.
		await expect
			.poll(() => page.evaluate(async (f) => (await (await caches.open('data-v1')).match(f)) !== undefined, file), { timeout: 20_000 })
			.toBe(true);
		await expect.poll(() => page.evaluate(async () => (await caches.match(location.href)) !== undefined), { timeout: 20_000 }).toBe(true);

		await context.setOffline(true);
		await page.reload();
		await page.locator('body[data-hydrated]').waitFor();
		const first = page.locator('button[data-reply]').first();
		const before = await page.locator('.entry').count();
		await first.click();
		await expect.poll(() => page.locator('.entry').count()).toBeGreaterThan(before);
		await expect(page.getByRole('alert').filter({ hasText: '没能载入' })).toHaveCount(0);
		await context.setOffline(false);
	});

test("a newer data file replaces the worker's older copy of the same scenario and form; other scenarios' files stay", async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}`);
	await controlledByWorker(page);
	const current = new RegExp(`^/data/scenarios/${scenario.meta.id}@${scenario.version}\\.[0-9a-f]+\\.json$`);
	const listed = () => page.evaluate(async () => (await (await caches.open('data-v1')).keys()).map((r) => new URL(r.url).pathname));
	await expect.poll(async () => (await listed()).some((p) => current.test(p)), { timeout: 20_000 }).toBe(true);
	// As left by an earlier version, beside another scenario's file and this one's assessment form.
	const older = `/data/scenarios/${scenario.meta.id}@0000000000000000.000000000000.json`;
	const keep = [`/data/scenarios/${scenario.meta.id}@0000000000000000.assessment.000000000000.json`, '/data/scenarios/other-case@0000000000000000.000000000000.json'];
	// An older file a play page kept for offline reloads still names stays too.
	const named = `/data/scenarios/${scenario.meta.id}@1111111111111111.111111111111.json`;
	keep.push(named);
	await page.evaluate(
		async ({ older, keep, current, named }) => {
			const pages = await caches.open((await caches.keys()).find((k) => k.startsWith('pages-'))!);
			await pages.put('/play/kept-elsewhere', new Response(`<html><script>fetch("${named}")</script></html>`, { headers: { 'content-type': 'text/html' } }));
			const cache = await caches.open('data-v1');
			for (const p of [older, ...keep]) await cache.put(p, new Response('{}'));
			for (const r of await cache.keys()) if (new RegExp(current).test(new URL(r.url).pathname)) await cache.delete(r);
		},
		{ older, keep, current: current.source, named }
	);
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect.poll(async () => (await listed()).some((p) => current.test(p)), { timeout: 20_000 }).toBe(true);
	const after = await listed();
	expect(after).not.toContain(older);
	for (const p of keep) expect(after).toContain(p);
});
