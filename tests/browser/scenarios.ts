// The scenarios the browser tests walk: every file in scenarios/, read with the real checker; and
// the steps several specs share.
import { expect, type Page } from '@playwright/test';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';
import type { CompiledScenario } from '../../src/lib/scenario/types';

export const checkedScenarios = scenarioFiles('scenarios').map((f) => checkFile(f));

/** Opens a page and waits until it is interactive (a click before hydration would be lost). */
export async function open(page: Page, url: string) {
	const res = await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor();
	return res;
}

/**
 * Headers for a request made with `page.request` as the page's own script would make it: the app
 * refuses a POST without this site's Origin (src/lib/server/http/origin.ts).
 */
export function sameOrigin(page: Page): { origin: string } {
	return { origin: new URL(page.url()).origin };
}

/** Creates a local profile (no password) and signs in as it (on the test server, or at `base`), landing on `next`. */
export async function newProfile(page: Page, name: string, { base = '', next = '/progress' }: { base?: string; next?: string } = {}) {
	await open(page, `${base}/profile?next=${encodeURIComponent(next)}`);
	await page.getByLabel('姓名').fill(name);
	await page.getByRole('button', { name: '新建并进入' }).click();
	await expect(page).toHaveURL((url) => url.pathname + url.search === next);
}

/**
 * The idempotency keys of the events the server acknowledged to this page, in order. Wait on this,
 * not on the player's status, to know a choice has been stored: the status shows the last flush,
 * which may predate a choice still being written to the outbox.
 */
export function acknowledgedEvents(page: Page): string[] {
	const keys: string[] = [];
	// Counted once the whole answer has arrived, so going offline next cannot cut it short.
	page.on('requestfinished', async (req) => {
		if (req.method() !== 'POST' || !/\/api\/attempts\/[^/]+\/(?:replies|answers)$/.test(req.url())) return;
		// A request that finishes as the test closes its page has no answer to read any more: not acknowledged.
		const response = await req.response().catch(() => null);
		if (response?.ok()) keys.push((req.postDataJSON() as { idempotencyKey: string }).idempotencyKey);
	});
	return keys;
}

/** Plays on by buttons, the first reply offered each time, until an ending: the replies clicked. */
export async function playFirstRepliesToEnd(page: Page): Promise<string[]> {
	const clicked: string[] = [];
	while (!(await page.locator('[data-ending]').count())) {
		const next = page.locator('button[data-reply]').first();
		const id = (await next.getAttribute('data-reply'))!;
		await next.click();
		clicked.push(id);
		await expect(page.locator('[data-ending], button[data-reply]').first()).toBeVisible();
		expect(clicked.length).toBeLessThan(40);
	}
	return clicked;
}

/**
 * Waits until the service worker controls this page. The worker claims open pages when it
 * activates, but a page whose navigation was under way at that moment can be missed (seen under
 * load: controller still null after 20 s); a page opened again is always controlled. What the
 * callers test is what the worker does, not the claim.
 */
export async function controlledByWorker(page: Page): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready);
	const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
	if (!(await expect.poll(controlled, { timeout: 5_000 }).toBe(true).then(() => true, () => false))) await open(page, page.url());
	await expect.poll(controlled, { timeout: 20_000 }).toBe(true);
}

/** Types two replies one after the other, the second sent while the first is still being read. */
export async function typeTwoReplies(page: Page, first: string, second: string): Promise<void> {
	await page.getByRole('button', { name: '改为打字回复' }).click();
	const box = page.getByLabel('输入你的回复');
	await box.fill(first);
	await page.keyboard.press('Enter');
	await box.fill(second);
	await page.keyboard.press('Enter');
}

/** What the conversation on screen says and the customer's mood: to compare after a resume. */
export async function conversationNow(page: Page): Promise<{ said: string[]; mood: string | null }> {
	// 考核模式 shows no mood before the end: then there is no meter to read.
	const meter = page.getByRole('meter');
	return { said: await page.locator('.entry').allTextContents(), mood: (await meter.count()) ? await meter.getAttribute('aria-valuenow') : null };
}

/** Reloads and expects the attempt resumed exactly where it was. */
export async function reloadAndExpectResumed(page: Page, before: { said: string[]; mood: string | null }): Promise<void> {
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('sync')).toContainText('接着上次的进度');
	await expect(page.locator('.entry')).toHaveCount(before.said.length);
	expect(await page.locator('.entry').allTextContents()).toEqual(before.said);
	if (before.mood !== null) await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', before.mood);
}

/**
 * Answers with a reply of a path's witness: its button, or at a decision that asks for typed words
 * (`input: text`, no buttons), the reply's own text typed and sent (the player reads it as that reply).
 */
export async function answerWith(page: Page, scenario: CompiledScenario, reply: string): Promise<void> {
	const button = page.locator(`button[data-reply="${reply}"]`);
	const box = page.getByRole('textbox', { name: '输入你的回复' });
	await expect(button.or(box).first()).toBeVisible({ timeout: 20_000 });
	if (await button.count()) return button.click();
	const decision = Object.values(scenario.nodes).find((n) => n.type === 'decision' && n.input === 'text' && n.replies.some((r) => r.id === reply));
	if (!decision || decision.type !== 'decision') throw new Error(`reply ${reply} has no button and no typed decision`);
	const before = await page.getByTestId('current-line').textContent();
	await box.fill(decision.replies.find((r) => r.id === reply)!.text);
	await page.getByTestId('send-typed').click();
	// Read and answered: the conversation moves on (a new current line, or the ending).
	await expect
		.poll(async () => (await page.locator('[data-ending]').count()) > 0 || (await page.getByTestId('current-line').textContent()) !== before, { timeout: 20_000 })
		.toBe(true);
}
