// The difficulty ladder (issue 13): a new hire finishes an easy (入门) scenario after two early
// mistakes. The path is found on the engine: two wrong replies first, then any way to a resolved
// ending; the browser plays it and must end resolved.
import { expect, test } from '@playwright/test';
import { replay } from '../../src/lib/scenario/engine';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { checkedScenarios, open } from './scenarios';

const mistake = (s: CompiledScenario, decision: string, reply: string) => {
	const n = s.nodes[decision];
	const r = n.type === 'decision' ? n.replies.find((x) => x.id === reply)! : null;
	return !!r && (Object.keys(r.flags).length > 0 || r.mood > 0);
};

/** Replies that make the first two choices mistakes and still end resolved (depth-first on the engine). */
function recoveringPath(s: CompiledScenario): string[] | null {
	const walk = (choices: string[]): string[] | null => {
		const snap = replay(s, choices);
		if (snap.status === 'done') return snap.context.outcome === 'resolved' ? choices : null;
		const node = s.nodes[String(snap.value)];
		if (node.type !== 'decision' || choices.length > 30) return null;
		for (const r of node.replies) {
			if (choices.length < 2 && !mistake(s, node.id, r.id)) continue;
			const found = walk([...choices, r.id]);
			if (found) return found;
		}
		return null;
	};
	return walk([]);
}

const easy = checkedScenarios.map((c) => c.scenario!).filter((s) => s.meta.difficulty === 'easy');

test('there are at least three easy scenarios, each forgiving two early mistakes', () => {
	expect(easy.length).toBeGreaterThanOrEqual(3);
	for (const s of easy) expect(recoveringPath(s), s.meta.id).not.toBeNull();
});

test('a new hire finishes an easy scenario after two early mistakes', async ({ page }) => {
	const s = easy[0];
	const path = recoveringPath(s)!;
	await open(page, `/play/${s.meta.id}`);
	// Where the trainee is, and about how far there is to go.
	await expect(page.getByTestId('step')).toContainText('第 1 步');
	for (const [i, reply] of path.entries()) {
		if (i === 1) await expect(page.getByTestId('step')).toHaveText(new RegExp(`^第 2 步，全程约 \\d+ 步$`));
		await page.locator(`button[data-reply="${reply}"]`).click();
		if (i < 2) await expect(page.getByTestId('feedback').nth(i)).toBeVisible();
	}
	await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'resolved');
});
