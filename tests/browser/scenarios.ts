// The scenarios the browser tests walk: every file in scenarios/, read with the real checker; and
// the steps several specs share.
import { expect, type Page } from '@playwright/test';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

export const checkedScenarios = scenarioFiles('scenarios').map((f) => checkFile(f));

/** Opens a page and waits until it is interactive (a click before hydration would be lost). */
export async function open(page: Page, url: string) {
	const res = await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor();
	return res;
}

/** Creates a local profile (no password) and signs in as it (on the test server, or at `base`). */
export async function newProfile(page: Page, name: string, base = '') {
	await open(page, `${base}/profile`);
	await page.getByLabel('姓名').fill(name);
	await page.getByRole('button', { name: '新建并进入' }).click();
	await expect(page).toHaveURL(/\/progress$/);
}
