// Finish scenarios in the browser, open the debrief, and check its figures against the scoring
// module run here on the same choices.
import { expect, test } from '@playwright/test';
import { CODE_LABELS, IDLPPC_CODES } from '../../src/lib/domain';
import { bestScore } from '../../src/lib/scoring/best';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { injectAxe } from './axe';
import { answerWith, checkedScenarios, open } from './scenarios';


for (const checked of checkedScenarios.filter((c) => c.scenario)) {
	const scenario = checked.scenario!;
	// The longest path and the shortest: different endings, flags and findings.
	const paths = [...checked.paths!.paths].sort((a, b) => a.decisions - b.decisions);
	for (const [which, path] of new Map([['shortest', paths[0]], ['longest', paths[paths.length - 1]]])) {
		if (which === 'longest' && path === paths[0]) continue;
		test(`${scenario.meta.id}: the debrief after ${path.ending} (${which} path) matches the scoring module`, async ({ page }) => {
			await open(page, `/play/${scenario.meta.id}`);
			for (const r of path.witness) await answerWith(page, scenario, r);
			await page.getByTestId('debrief-link').click();
			// With typed words the attempt is posted (no query string).
			await expect(page).toHaveURL(/\/debrief(\?|$)/, { timeout: 20_000 });

			const expected = scoreAttempt(scenario, { choices: path.witness });
			const overall = page.getByTestId('overall');
			await expect(overall).toHaveAttribute('data-overall', String(expected.overall));
			await expect(overall).toHaveAttribute('data-best', String(bestScore(scenario).overall));
			for (const code of IDLPPC_CODES) {
				const bar = page.getByTestId('dimension-chart').locator(`[data-code="${code}"]`);
				await expect(bar, CODE_LABELS[code]).toHaveAttribute('data-score', String(expected.dimensions[code].score ?? ''));
			}
			await expect(page.getByTestId('flag')).toHaveCount(expected.flags.length);
			await expect(page.getByTestId('process-finding')).toHaveCount(expected.processFindings.length);
			await expect(page.getByTestId('turn')).toHaveCount(path.witness.length);
			await expect(page.getByTestId('mood-chart').locator('circle')).toHaveCount(expected.moodTrail.length);

			await injectAxe(page);
			const violations = await page.evaluate(async () => {
				// @ts-expect-error injected
				const r = await window.axe.run(document, { resultTypes: ['violations'] });
				return r.violations.map((v: { id: string }) => v.id);
			});
			expect(violations).toEqual([]);
		});
	}
}

test('a debrief URL with a choice that is not offered is refused with a clear message', async ({ page }) => {
	const id = checkedScenarios[0].scenario!.meta.id;
	const res = await page.goto(`/play/${id}/debrief?c=not-a-reply`);
	expect(res?.status()).toBe(400);
	await expect(page.getByText('第 1 步的回复在这个情景里不存在')).toBeVisible();
});
