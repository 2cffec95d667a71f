// The browser gets compiled scenarios and quizzes, never the compilers: no YAML parser and no
// schema library in what the pages load (the rules compiler and zod stay on the server).
import { expect, test } from '@playwright/test';
import { checkedScenarios, open } from './scenarios';

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
