// 「从这里重来」 (issue 14): in practice, the trainee goes back to a past decision to explore another
// branch; the earlier turns are kept as they were, the branch is marked as practice, and the
// server's new attempt holds exactly the kept turns and the new one. Not offered in 考核模式.
import { expect, test } from '@playwright/test';
import { acknowledgedEvents, checkedScenarios, newProfile, open } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'late-repair')!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

test('从这里重来 replays the turns before it, marks the branch as practice, and saves the new branch', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `分支学员${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	const [a, b, c] = path.witness;
	for (const r of [a, b, c]) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.locator('.entry.reply')).toHaveCount(3);
	await expect.poll(() => acknowledged.length).toBe(3);

	page.once('dialog', (d) => d.accept());
	await page.getByTestId('restart-from').nth(1).click();
	await expect(page.locator('.entry.reply')).toHaveCount(1);
	await expect(page.getByTestId('branched')).toContainText('从第 2 步重来');
	await expect(page.getByTestId('branched')).toContainText('练习');
	// The second decision is offered again; another reply this time.
	const offered = await page.locator('button[data-reply]').evaluateAll((bs) => bs.map((x) => x.getAttribute('data-reply')!));
	const other = offered.find((r) => r !== b)!;
	await page.locator(`button[data-reply="${other}"]`).click();
	await expect(page.locator('.entry.reply')).toHaveCount(2);

	// On the server: the new attempt holds the kept turn and the new one; the old one was given up,
	// and the new one records that it branched from it at turn 2 (a practice branch).
	await expect.poll(async () => {
		const list = await (await page.request.get('/api/attempts')).json();
		const active = list.find((x: { state: string }) => x.state === 'active');
		return active ? (await (await page.request.get(`/api/attempts/${active.id}`)).json()).events.map((e: { replyId: string }) => e.replyId) : null;
	}).toEqual([a, other]);
	const list = (await (await page.request.get('/api/attempts')).json()) as { id: string; state: string; mode: string; branchedFrom: { attemptId: string; turn: number } | null }[];
	expect(list).toHaveLength(2);
	const branch = list.find((x) => x.state === 'active')!;
	const old = list.find((x) => x !== branch)!;
	expect(branch).toMatchObject({ mode: 'practice', branchedFrom: { attemptId: old.id, turn: 2 } });
	expect(old.branchedFrom).toBeNull();
	// 我的进度 tells the branch apart.
	await open(page, '/progress');
	await expect(page.locator('[data-testid="mode"][data-branch="2"]')).toHaveText('练习分支');
	await expect(page.locator('[data-testid="mode"]:not([data-branch])')).toHaveText(['练习']);

	// 考核模式 offers no way back.
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await page.locator('button[data-reply]').first().click();
	await expect(page.locator('.entry.reply')).toHaveCount(1);
	await expect(page.getByTestId('restart-from')).toHaveCount(0);
});
