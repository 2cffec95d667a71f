// Plays, in the browser, paths that between them take every node, reply and ending of every
// scenario in scenarios/ (coveringPaths), by their witness choices generated from the graph, so a new
// scenario file is covered without editing this test. Every path is replayed on the engine by
// src/lib/scenario/paths.test.ts.
import { expect, test } from '@playwright/test';
import { coveringPaths } from '../../src/lib/scenario/paths';
import { answerWith, checkedScenarios, open } from './scenarios';

test('every scenario file compiles', () => {
	expect(checkedScenarios.length).toBeGreaterThan(0);
	for (const c of checkedScenarios) expect(c.diagnostics.filter((d) => d.severity === 'error'), c.file).toEqual([]);
});

for (const checked of checkedScenarios) {
	const id = checked.scenario?.meta.id;
	if (!id) continue;
	test.describe(id, () => {
		const cover = coveringPaths(checked.scenario!, checked.paths!);
		cover.forEach((path, n) => {
			test(`path ${n + 1}/${cover.length} of ${checked.paths!.paths.length} → ${path.ending}`, async ({ page }) => {
				await open(page, `/play/${id}?mode=practice`);
				for (const reply of path.witness) await answerWith(page, checked.scenario!, reply);
				await expect(page.locator('[data-ending]')).toHaveAttribute('data-ending', path.ending);
				await expect(page.locator('button[data-reply]')).toHaveCount(0);
			});
		});
	});
}
