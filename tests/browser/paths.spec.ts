// Plays every complete path of every scenario in scenarios/ by its witness choices, generated from
// the graph, so a new scenario file is covered without editing this test.
import { expect, test } from '@playwright/test';
import { checkedScenarios, open } from './scenarios';

test('every scenario file compiles', () => {
	expect(checkedScenarios.length).toBeGreaterThan(0);
	for (const c of checkedScenarios) expect(c.diagnostics.filter((d) => d.severity === 'error'), c.file).toEqual([]);
});

for (const checked of checkedScenarios) {
	const id = checked.scenario?.meta.id;
	if (!id) continue;
	test.describe(id, () => {
		checked.paths!.paths.forEach((path, n) => {
			test(`path ${n + 1}/${checked.paths!.paths.length} → ${path.ending}`, async ({ page }) => {
				await open(page, `/play/${id}?mode=practice`);
				for (const reply of path.witness) {
					await page.locator(`button[data-reply="${reply}"]`).click();
				}
				await expect(page.locator('[data-ending]')).toHaveAttribute('data-ending', path.ending);
				await expect(page.locator('button[data-reply]')).toHaveCount(0);
			});
		});
	});
}
