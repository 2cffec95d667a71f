// Reload while offline: the service worker serves the play page from its cache, the player
// resumes from the IndexedDB outbox at the same turn, and back online every choice reaches the
// server exactly once, in order.
import { expect, test, type Page } from '@playwright/test';
import { acknowledgedEvents, checkedScenarios, controlledByWorker, newProfile, open } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

/** Whether the page can reach the server at all (the API is never answered by the worker). */
const reachesServer = (page: Page) => page.evaluate(() => fetch('/api/attempts').then(() => true, () => false));

test('offline mid-attempt, a reload keeps the attempt at its turn; back online each choice is stored once, in order', async ({ page, context }) => {
	expect(path.witness.length).toBeGreaterThanOrEqual(6);
	const [a, b, c, d, e, f] = path.witness;
	// Every event the server acknowledged, by idempotency key.
	const acknowledged = acknowledgedEvents(page);

	await newProfile(page, `学员丁${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	// The worker takes over the open page and keeps a copy of it before anything goes offline.
	await controlledByWorker(page);
	await expect.poll(() => page.evaluate(async () => (await caches.match(location.href)) !== undefined), { timeout: 20_000 }).toBe(true);

	await page.locator(`button[data-reply="${a}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(1);

	await context.setOffline(true);
	expect(await reachesServer(page)).toBe(false);
	await page.locator(`button[data-reply="${b}"]`).click();
	await page.locator(`button[data-reply="${c}"]`).click();
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '2');

	// Reload with no network: the page comes from the worker's cache and resumes from the outbox.
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await page.locator('body[data-hydrated]').waitFor();
	expect(await reachesServer(page)).toBe(false);
	await expect(page.getByTestId('sync')).toContainText('接着上次的进度');
	await expect(page.locator('.entry.reply')).toHaveCount(3);
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '2');
	await page.locator(`button[data-reply="${d}"]`).click();
	await page.locator(`button[data-reply="${e}"]`).click();
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '4');
	expect(acknowledged).toHaveLength(1);

	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '0');

	// On the server, as the same profile: every choice exactly once, in order.
	const list = await (await page.request.get('/api/attempts')).json();
	expect(list).toHaveLength(1);
	const detail = await (await page.request.get(`/api/attempts/${list[0].id}`)).json();
	expect(detail.events.map((x: { replyId: string }) => x.replyId)).toEqual([a, b, c, d, e]);
	expect(detail.events.map((x: { seq: number }) => x.seq)).toEqual([1, 2, 3, 4, 5]);
	expect(detail.nextSeq).toBe(6);
	// …and each was sent until acknowledged once, never again.
	expect(acknowledged).toHaveLength(5);
	expect(new Set(acknowledged).size).toBe(5);

	// A reload online resumes at the same turn: five replies made, the sixth offered.
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('sync')).toContainText('接着上次的进度');
	await expect(page.locator('.entry.reply')).toHaveCount(5);
	await page.locator(`button[data-reply="${f}"]`).click();
	await expect(page.locator('.entry.reply')).toHaveCount(6);
	await expect.poll(() => acknowledged.length).toBe(6);
	const after = await (await page.request.get(`/api/attempts/${list[0].id}`)).json();
	expect(after.events.map((x: { replyId: string }) => x.replyId)).toEqual([a, b, c, d, e, f]);
});

test("a play page cached for one profile is not served offline to the next one signed in", async ({ page, context }) => {
	await newProfile(page, `学员戊${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	await controlledByWorker(page);
	const playUrl = page.url();
	const cached = () => page.evaluate(async (url) => (await caches.match(url)) !== undefined, playUrl);
	await expect.poll(cached, { timeout: 20_000 }).toBe(true);

	await newProfile(page, `学员己${Date.now()}`);
	await expect.poll(cached).toBe(false);
	await context.setOffline(true);
	await expect(page.goto(playUrl)).rejects.toThrow(/ERR_/);
});

test("a choice left waiting on this device is sent only when its own profile is signed in, never under another's", async ({ page, context, browser }) => {
	const [a, b] = path.witness;
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `学员辛${Date.now()}`);
	const cookieA = (await context.cookies()).find((c) => c.name === 'cc_profile')!;
	// Another person's profile, made elsewhere: only its cookie is needed here.
	const elsewhere = await browser.newContext();
	await newProfile(await elsewhere.newPage(), `学员壬${Date.now()}`);
	const cookieB = (await elsewhere.cookies()).find((c) => c.name === 'cc_profile')!;
	await elsewhere.close();

	await open(page, `/play/${scenario.meta.id}`);
	await page.locator(`button[data-reply="${a}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(1);
	// Offline, a second choice waits in the outbox; the page is closed before the network returns.
	await context.setOffline(true);
	await page.locator(`button[data-reply="${b}"]`).click();
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '1');
	await page.close();

	// B is signed in on this device when the network returns, and browses: A's choice stays put.
	await context.addCookies([cookieB]);
	await context.setOffline(false);
	const other = await context.newPage();
	const sent = acknowledgedEvents(other);
	const posts: string[] = [];
	other.on('request', (r) => r.method() === 'POST' && r.url().includes('/api/attempts') && posts.push(r.url()));
	await open(other, '/progress');
	await open(other, '/');
	expect(posts).toEqual([]);
	expect(await (await other.request.get('/api/attempts')).json()).toEqual([]);

	// A signs in again: the waiting choice goes out, to A's attempt, once.
	await context.addCookies([cookieA]);
	await open(other, '/progress');
	await expect.poll(() => sent.length).toBe(1);
	const list = await (await other.request.get('/api/attempts')).json();
	expect(list).toHaveLength(1);
	const detail = await (await other.request.get(`/api/attempts/${list[0].id}`)).json();
	expect(detail.events.map((x: { replyId: string }) => x.replyId)).toEqual([a, b]);
});
