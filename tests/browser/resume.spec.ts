// Resuming a signed-in trainee's unfinished attempt: until its turns are replayed, the replies on
// the page (rendered by the server, clickable at once) wait, so a click meanwhile can neither move
// the conversation under the replay nor reuse the attempt's first keys.
import { expect, test } from '@playwright/test';
import { acknowledgedEvents, checkedScenarios, newProfile, open } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'angry-caller')!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];
// The page's own requests, not the service worker's cache, so the test can hold one back.
test.use({ serviceWorkers: 'block' });

test('a reply clicked while the attempt is being resumed is not played; the resumed attempt goes on intact', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	const refused: number[] = [];
	page.on('response', (r) => void (/\/(?:replies|answers)$/.test(r.url()) && r.status() >= 400 && refused.push(r.status())));
	await newProfile(page, `续上${Date.now()}`);
	await open(page, `/play/${checked.scenario!.meta.id}`);
	for (const id of path.witness.slice(0, 2)) await page.locator(`button[data-reply="${id}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(2);
	const said = await page.locator('.entry').allTextContents();

	// The scenario file (which the replay needs) arrives late; a reply is clicked meanwhile.
	let release!: () => void;
	const arrived = new Promise<void>((r) => (release = r));
	await page.route(/\/data\/scenarios\//, async (route) => {
		await arrived;
		await route.continue();
	});
	// (The page preloads the file: its load event waits for it.)
	await page.reload({ waitUntil: 'commit' });
	await page.locator('body[data-hydrated]').waitFor();
	// It says it is not ready yet (aria-disabled); a hurried click lands anyway.
	await expect(page.locator('button[data-reply]').first()).toHaveAttribute('aria-disabled', 'true');
	await page.locator('button[data-reply]').first().click({ force: true });
	release();
	await expect(page.getByTestId('sync')).toContainText('接着上次的进度');
	await expect(page.locator('.entry')).toHaveCount(said.length);
	expect(await page.locator('.entry').allTextContents()).toEqual(said);
	// The conversation goes on from where it was, stored as turn 3 of the same attempt.
	await page.locator(`button[data-reply="${path.witness[2]}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(3);
	expect(new Set(acknowledged.map((k) => k.slice(0, 36))).size).toBe(1);
	expect(refused).toEqual([]);
});
