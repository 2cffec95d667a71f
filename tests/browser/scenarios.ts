// The scenarios the browser tests walk: every file in scenarios/, read with the real checker.
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

export const checkedScenarios = scenarioFiles('scenarios').map((f) => checkFile(f));

/** Opens a page and waits until it is interactive (a click before hydration would be lost). */
export async function open(page: import('@playwright/test').Page, url: string) {
	const res = await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor();
	return res;
}
