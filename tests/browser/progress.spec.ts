// Progress that lasts: a local profile plays, the server stores and scores the attempt, the
// outbox keeps choices made offline, and a reload resumes at the same turn.
import { expect, test } from '@playwright/test';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { violations } from './axe';
import { acknowledgedEvents, checkedScenarios, newProfile, open, sameOrigin } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

test('a finished attempt is stored and scored by the server, and shows in 我的进度', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `学员甲${Date.now()}`);
	await expect(page.getByText('还没有练习记录')).toBeVisible();
	await open(page, `/play/${scenario.meta.id}`);
	for (const r of path.witness) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.locator('[data-ending]')).toBeVisible();
	await expect.poll(() => acknowledged.length).toBe(path.witness.length);
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '0');
	await open(page, '/progress');
	const row = page.getByTestId('attempt').first();
	await expect(row).toHaveAttribute('data-state', 'finished');
	const overall = String(scoreAttempt(scenario, { choices: path.witness }).overall);
	await expect(row).toHaveAttribute('data-overall', overall);
	await expect(row.getByTestId('mode')).toHaveText('练习');
	// A chart per dimension whose points open the debrief, and what to practise next.
	await expect(page.getByTestId('trend-chart')).toHaveCount(7);
	await expect(page.locator('[data-testid="trend"] svg a').first()).toHaveAttribute('href', /\/debrief\?attempt=/);
	await expect(page.getByTestId('next-step').locator('[data-dimension]')).toBeVisible();
	await expect(page.getByTestId('next-step').getByRole('link').first()).toHaveAttribute('href', /^\/play\//);
	// …and the knowledge quizzes with questions on it.
	await expect(page.getByTestId('next-quiz').first().getByRole('link')).toHaveAttribute('href', /^\/quiz\/[a-z]/);
	expect(await violations(page)).toEqual([]);
	// On a 390 px phone: no sideways scrolling, and the chart's words at least 12 px.
	await page.setViewportSize({ width: 390, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	const smallest = await page.getByTestId('trend-chart').first().evaluate((el) => Math.min(...[...el.querySelectorAll('figcaption, figcaption *')].map((e) => parseFloat(getComputedStyle(e).fontSize))));
	expect(smallest).toBeGreaterThanOrEqual(12);
	// The library card says it is done, with the best score; another one is new.
	await open(page, '/');
	const card = page.locator('article', { has: page.getByRole('heading', { name: scenario.meta.title, exact: true }) });
	await expect(card.getByTestId('card-status')).toHaveAttribute('data-state', 'done');
	await expect(card.getByTestId('card-status')).toContainText(overall);
	await expect(page.locator('[data-testid="card-status"][data-state="new"]').first()).toBeVisible();
	await open(page, '/progress');
	// Its debrief is the stored report.
	await row.getByTestId('attempt-debrief').click();
	await expect(page).toHaveURL(/\/debrief\?attempt=/);
	await expect(page.getByTestId('turn')).toHaveCount(path.witness.length);
	// Another reader may not open it.
	const url = page.url();
	await newProfile(page, `学员丁${Date.now()}`);
	const other = await page.goto(url);
	expect(other!.status()).toBe(404);
});

test('choices made offline are kept and sent once back online; a reload resumes at the same turn', async ({ page, context }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `学员乙${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	const [a, b, c, d] = path.witness;
	await page.locator(`button[data-reply="${a}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(1);
	await context.setOffline(true);
	await page.locator(`button[data-reply="${b}"]`).click();
	await page.locator(`button[data-reply="${c}"]`).click();
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '2');
	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '0');

	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('sync')).toContainText('接着上次的进度');
	await expect(page.locator('.entry.reply')).toHaveCount(3);
	await page.locator(`button[data-reply="${d}"]`).click();
	await expect(page.locator('.entry.reply')).toHaveCount(4);
	await expect.poll(() => acknowledged.length).toBe(4);

	// Exactly four events on the server: nothing lost, nothing doubled.
	const list = await (await page.request.get('/api/attempts')).json();
	const detail = await (await page.request.get(`/api/attempts/${list[0].id}`)).json();
	expect(detail.events.map((e: { replyId: string }) => e.replyId)).toEqual([a, b, c, d]);
});

test('the API refuses a forged score and a choice that is not offered, storing nothing', async ({ page }) => {
	await newProfile(page, `学员丙${Date.now()}`);
	const start = await page.request.post('/api/attempts', { data: { scenarioId: scenario.meta.id, version: scenario.version, mode: 'practice' }, headers: sameOrigin(page) });
	expect(start.status()).toBe(201);
	const { id } = await start.json();
	const forged = await page.request.post(`/api/attempts/${id}/replies`, {
		data: { idempotencyKey: 'forged-00001', seq: 1, reply: path.witness[0], clientTime: new Date().toISOString(), score: 100 },
		headers: sameOrigin(page)
	});
	expect(forged.status()).toBe(400);
	const wrong = await page.request.post(`/api/attempts/${id}/replies`, {
		data: { idempotencyKey: 'forged-00002', seq: 1, reply: 'no-such-reply', clientTime: new Date().toISOString() },
		headers: sameOrigin(page)
	});
	expect(wrong.status()).toBe(422);
	const detail = await (await page.request.get(`/api/attempts/${id}`)).json();
	expect(detail.events).toEqual([]);
});
