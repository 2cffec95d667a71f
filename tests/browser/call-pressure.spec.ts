// 不要让我等 and 迂回暂缓 on a live call (issue 12): silence past the response time makes the caller
// speak up (a 'waiting' line, heard) and raises the mood; putting the caller on hold after asking,
// and coming back in time, calms them. Time is the browser's fake clock, so no test waits 16 s.
import { expect, test, type Page } from '@playwright/test';
import { moodStage } from '../../src/lib/domain';
import { RESPONSE_SECONDS } from '../../src/lib/scenario/pressure';
import { replay } from '../../src/lib/scenario/engine';
import { acknowledgedEvents, answerWith, checkedScenarios, newProfile, open } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'phone-drops')!;
const scenario = checked.scenario!;
const reactions = scenario.reactions!;
const call = (page: Page) => page.locator('[data-call-state]');
const path0 = checked.paths!.paths[0];
const mood = async (page: Page) => Number(await page.getByRole('meter').getAttribute('aria-valuenow'));

/** Skips what the caller is saying until they have finished (the response timer starts then). */
async function hearOut(page: Page) {
	const skip = page.getByRole('button', { name: '跳过这句' });
	for (let i = 0; i < 10 && (await call(page).getAttribute('data-clip')); i++) await skip.click();
	await expect(call(page)).toHaveAttribute('data-clip', '');
}

async function answerCall(page: Page, signIn = false) {
	await page.clock.install();
	if (signIn) await newProfile(page, `通话学员${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	await page.getByRole('button', { name: '接听' }).click();
	await expect(call(page)).toHaveAttribute('data-call-state', 'connected');
	await hearOut(page);
}

test('silence past the response time makes the caller speak up, heard, and costs patience; the server replays it', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await answerCall(page, true);
	const before = await mood(page);
	const seconds = RESPONSE_SECONDS[moodStage(scenario.moodStart).id];
	await page.clock.fastForward(seconds * 1000 - 1000);
	await expect(page.locator('.entry.response')).toHaveCount(0);
	await page.clock.fastForward(1500);
	const spoke = page.locator('.entry.response').last();
	await expect(spoke).toBeVisible();
	expect(reactions.lines.waiting).toContain((await spoke.locator('.text').textContent())!.trim());
	await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', String(before + reactions.costs.waiting));
	// The prompt is heard like any line, and the caption shows it.
	await expect(call(page)).not.toHaveAttribute('data-clip', '');
	await expect(page.getByTestId('caption')).toContainText((await spoke.locator('.text').textContent())!.trim());
	// Heard out, the silence goes on counting where it was: the next prompt after another response time, not sooner.
	await hearOut(page);
	await page.clock.fastForward(seconds * 1000 - 1000);
	await expect(page.locator('.entry.response')).toHaveCount(1);
	await page.clock.fastForward(1500);
	await expect(page.locator('.entry.response')).toHaveCount(2);
	await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', String(before + 2 * reactions.costs.waiting));
	// The reply is a timed turn whose silence holds both prompts; the server replays them into its mood.
	await hearOut(page);
	const reply = path0.witness[0];
	await answerWith(page, scenario, reply);
	await expect.poll(() => acknowledged.length).toBe(1);
	const [attempt] = await (await page.request.get('/api/attempts')).json();
	const detail = await (await page.request.get(`/api/attempts/${attempt.id}`)).json();
	expect(detail.events[0]).toMatchObject({ timed: true });
	expect(detail.events[0].responseMs).toBeGreaterThanOrEqual(2 * seconds * 1000);
	const step = replay(scenario, [reply], [], [{ timedMs: detail.events[0].responseMs }]).context.steps[0];
	expect(step.moodBefore).toBe(before + 2 * reactions.costs.waiting);
});

test('asking before a hold and coming back in time calms the caller; the hold is offered only where the scenario allows it', async ({ page }) => {
	test.setTimeout(120_000);
	const path = checked.paths!.paths.find((p) => p.nodes.includes('fix-now'))!;
	const upTo = path.nodes.filter((n) => scenario.nodes[n].type === 'decision').indexOf('fix-now');
	await answerCall(page);
	await expect(page.locator('[data-hold="offer"]')).toHaveCount(0);
	for (const reply of path.witness.slice(0, upTo)) {
		await answerWith(page, scenario, reply);
		await hearOut(page);
	}
	await page.locator('[data-hold="offer"]').click();
	await page.locator('[data-hold="ask"]').click();
	await expect(call(page)).toHaveAttribute('data-call-state', 'holding');
	await expect(page.locator('button[data-reply]')).toHaveCount(0);
	const before = await mood(page);
	await page.clock.fastForward(10_000);
	await page.getByRole('button', { name: '恢复通话' }).click();
	const back = page.locator('.entry.response').last();
	await expect(back).toBeVisible();
	expect(reactions.lines.holdThanks).toContain((await back.locator('.text').textContent())!.trim());
	await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', String(Math.max(0, before - reactions.costs.holdCalm)));
	await expect(call(page)).not.toHaveAttribute('data-call-state', 'holding');
	// Once per decision.
	await expect(page.locator('[data-hold="offer"]')).toHaveCount(0);
});
