// axe-core scans of the main pages, and the player driven by the keyboard alone.
import { expect, test } from '@playwright/test';
import { violations } from './axe';
import { checkedScenarios, open } from './scenarios';

const first = checkedScenarios.find((c) => c.scenario)!;
const id = first.scenario!.meta.id;
const longest = first.paths!.paths.reduce((a, b) => (b.decisions > a.decisions ? b : a));

test('the library has no axe violations', async ({ page }) => {
	await open(page, '/');
	expect(await violations(page)).toEqual([]);
});

test('the player has no axe violations, mid-conversation and at the end', async ({ page }) => {
	await open(page, `/play/${id}`);
	expect(await violations(page)).toEqual([]);
	await page.locator(`button[data-reply="${longest.witness[0]}"]`).click();
	expect(await violations(page)).toEqual([]);
	for (const r of longest.witness.slice(1)) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.locator('[data-ending]')).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('a whole scenario can be played with the keyboard alone', async ({ page }) => {
	await open(page, `/play/${id}?mode=assessment`);
	for (const reply of longest.witness) {
		const buttons = page.locator('button[data-reply]');
		const ids = await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-reply')));
		await page.keyboard.press(String(ids.indexOf(reply) + 1));
		await expect(page.locator(`button[data-reply="${reply}"]`)).toBeFocused();
		await page.keyboard.press('Enter');
		// Focus lands on the customer's new words (or the end screen's heading).
		await expect(page.locator('[data-testid="current-line"]:focus, #end-title:focus')).toHaveCount(1);
	}
	await expect(page.locator('[data-ending]')).toHaveAttribute('data-ending', longest.ending);
});

test('assessment mode hides feedback until the end; practice mode shows it after each reply', async ({ page }) => {
	await open(page, `/play/${id}?mode=assessment`);
	await page.locator(`button[data-reply="${longest.witness[0]}"]`).click();
	await expect(page.locator('[data-testid="feedback"]')).toHaveCount(0);
	await open(page, `/play/${id}?mode=practice`);
	await page.locator(`button[data-reply="${longest.witness[0]}"]`).click();
	await expect(page.locator('[data-testid="feedback"]')).toHaveCount(1);
});

test('the library filters by title search and shows an empty state', async ({ page }) => {
	await open(page, '/');
	const cards = page.locator('article');
	const total = await cards.count();
	expect(total).toBe(checkedScenarios.filter((c) => c.scenario).length);
	await page.getByLabel('按标题搜索').fill(first.scenario!.meta.title);
	await expect(cards).toHaveCount(1);
	await page.getByLabel('按标题搜索').fill('不存在的标题xyz');
	await expect(cards).toHaveCount(0);
	await expect(page.getByText('没有符合筛选条件的情景')).toBeVisible();
});

test('an unknown scenario id answers 404 with a way back', async ({ page }) => {
	const res = await page.goto('/play/no-such-scenario');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
});
