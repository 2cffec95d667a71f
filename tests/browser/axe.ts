// axe-core run inside the page: the list of violations, each with the elements it found.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const axeSource = readFileSync(axePath, 'utf8');

/**
 * Puts axe in the page. Evaluated through the DevTools protocol, not added as a <script>: the
 * pages' Content-Security-Policy rightly refuses an inline script the build did not make.
 */
export async function injectAxe(page: Page): Promise<void> {
	if (await page.evaluate(() => 'axe' in window)) return;
	await page.evaluate(axeSource);
}

export async function violations(page: Page): Promise<string[]> {
	await injectAxe(page);
	return page.evaluate(async () => {
		// @ts-expect-error axe is injected above
		const result = await window.axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}
