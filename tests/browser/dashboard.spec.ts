// The cohort dashboard (issue 14): two trainees play a scenario (one path lost, one resolved, one
// typed reply), their trainer opens the dashboard from /trainer and sees heatmap numbers equal to
// the stored score reports, where the customer was lost, the typed words; the drill-down shows a
// member's transcript and links to the stored debrief; another cohort's trainer and a trainee are
// refused; axe clean and no horizontal scrolling at 390 px.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DIMENSIONS } from '../../src/lib/domain';
import { checkFile } from '../../src/lib/scenario/files';
import { enumeratePaths } from '../../src/lib/scenario/paths';
import type { ScoreReport } from '../../src/lib/scoring/score';
import { violations } from './axe';
import { newProfile, open, sameOrigin } from './scenarios';
import { startWithTrainers, type TrainerServer } from './server';

const scenario = checkFile('scenarios/retail-return.yaml').scenario!;
const outcomeOf = (ending: string) => (scenario.nodes[ending] as { outcome: string }).outcome;
const paths = enumeratePaths(scenario).paths;
const lostPath = paths.find((p) => outcomeOf(p.ending) === 'lost')!;
const resolvedPath = paths.find((p) => outcomeOf(p.ending) === 'resolved')!;
const passphrase = '看板测试的口令 2026';

let trainers: TrainerServer | null = null;
let base = '';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	trainers = await startWithTrainers('coach-dash-', ['周老师', '吴老师'], passphrase);
	base = trainers.base;
});
test.afterAll(async () => trainers?.stop());

/** Plays an attempt through the API the player uses: reply ids, or { typed } words. Returns its id. */
async function playAttempt(page: Page, turns: (string | { typed: string })[], mode: 'practice' | 'assessment' = 'practice'): Promise<string> {
	const from = Date.now() - 60_000;
	const started = await page.request.post(`${base}/api/attempts`, {
		data: { scenarioId: scenario.meta.id, version: scenario.version, mode, clientTime: new Date(from).toISOString() },
		headers: sameOrigin(page)
	});
	expect(started.status()).toBe(201);
	const attempt = await started.json();
	for (const [i, turn] of turns.entries()) {
		const r = await page.request.post(`${base}/api/attempts/${attempt.id}/replies`, {
			data: { idempotencyKey: `dash-${attempt.id}-${i + 1}`, seq: i + 1, ...(typeof turn === 'string' ? { reply: turn } : turn), ms: 800, clientTime: new Date(from + (i + 1) * 1000).toISOString() },
			headers: sameOrigin(page)
		});
		expect(r.status(), await r.text()).toBe(200);
	}
	return attempt.id;
}

async function signInTrainer(browser: Browser, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await open(page, `${base}/profile?next=/trainer`);
	await page.getByLabel(`${name}的口令`).fill(passphrase);
	await page.getByRole('button', { name: new RegExp(name) }).click();
	await expect(page).toHaveURL(/\/trainer$/);
	return page;
}

const noHorizontalScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

test("a cohort's trainer sees the stored figures and a member's transcript; nobody else does", async ({ browser }) => {
	test.setTimeout(120_000);
	const stamp = Date.now();
	// Two trainees play: 甲 one lost practice and one resolved assessment; 乙 types at the first
	// decision (left unfinished) and plays the resolved path.
	const jia = await (await browser.newContext()).newPage();
	const yi = await (await browser.newContext()).newPage();
	const jiaName = `学员甲${stamp}`;
	const yiName = `学员乙${stamp}`;
	await newProfile(jia, jiaName, { base, next: '/progress' });
	await newProfile(yi, yiName, { base, next: '/progress' });
	const lostId = await playAttempt(jia, lostPath.witness);
	const goodId = await playAttempt(jia, resolvedPath.witness, 'assessment');
	const typedWords = `你好，请问${stamp}是什么情况？`;
	await playAttempt(yi, [{ typed: typedWords }]);
	const yiId = await playAttempt(yi, resolvedPath.witness);
	const report = async (page: Page, id: string) => ((await (await page.request.get(`${base}/api/attempts/${id}`)).json()).score.report as ScoreReport);
	const reports = { [jiaName]: [await report(jia, lostId), await report(jia, goodId)], [yiName]: [await report(yi, yiId)] };
	expect(reports[jiaName][0].outcome).toBe('lost');

	// 周老师 makes the cohort and adds both; 吴老师 has a cohort of their own.
	const page = await signInTrainer(browser, '周老师');
	await page.getByLabel('班级名称').fill(`看板班${stamp}`);
	await page.getByRole('button', { name: '创建' }).click();
	const cohort = () => page.getByTestId('cohort').filter({ hasText: `看板班${stamp}` });
	for (const name of [jiaName, yiName]) {
		await cohort().getByLabel('添加学员').selectOption({ label: name });
		await cohort().getByRole('button', { name: '添加' }).click();
		await expect(cohort()).toContainText(name);
	}
	await page.setViewportSize({ width: 390, height: 800 });
	await cohort().getByTestId('dashboard-link').click();
	await expect(page).toHaveURL(/\/trainer\/cohorts\/[0-9a-f-]{36}$/);
	await page.locator('body[data-hydrated]').waitFor();
	const dashboardUrl = page.url();

	// The heatmap: per member and dimension, the mean of the stored reports' figures and their count.
	for (const [name, rs] of Object.entries(reports)) {
		const row = page.getByTestId('heat-row').filter({ hasText: name });
		for (const d of DIMENSIONS) {
			const xs = rs.map((r) => (d === 'emotion' ? r.emotion.score : r.dimensions[d].score)).filter((x): x is number => x !== null);
			const mean = xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
			await expect(row.locator(`td[data-dimension="${d}"]`)).toHaveText(mean === null ? '—' : `${mean}（${xs.length}）`);
		}
	}
	// Where the customer was lost: right after the lost path's last decision.
	const decisions = page.locator(`[data-testid="scenario-decisions"][data-scenario="${scenario.meta.id}"]`);
	await decisions.locator('summary').click();
	const lastTurn = reports[jiaName][0].turns.at(-1)!;
	await expect(decisions.locator(`[data-decision="${lastTurn.decision}"]`).getByTestId('lost-here')).toHaveText('在此流失 1');
	const first = decisions.locator(`[data-decision="${reports[yiName][0].turns[0].decision}"] [data-reply="${resolvedPath.witness[0]}"] td`);
	await expect(first.first()).toHaveText('2'); // members who gave it: 甲 (assessment) and 乙
	// The typed words, as typed.
	await expect(page.getByTestId('typed-reply').filter({ hasText: typedWords })).toContainText(yiName);
	expect(await violations(page)).toEqual([]);
	await noHorizontalScroll(page);

	// Drill-down: 甲's attempts, the lost one's transcript as the report has it, and its stored debrief.
	await page.getByTestId('heat-row').filter({ hasText: jiaName }).getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${jiaName} 的练习记录`);
	const drillUrl = page.url();
	const attempt = page.locator(`[data-testid="member-attempt"][data-attempt="${lostId}"]`);
	await attempt.getByTestId('transcript').locator('summary').click();
	const turns = attempt.getByTestId('turn');
	await expect(turns).toHaveCount(reports[jiaName][0].turns.length);
	await expect(turns.first()).toContainText(reports[jiaName][0].turns[0].heard.at(-1)!.text);
	await expect(turns.getByTestId('turn-reply')).toHaveText(reports[jiaName][0].turns.map((x) => `学员：${x.reply.text}`));
	expect(await violations(page)).toEqual([]);
	await noHorizontalScroll(page);
	const debrief = attempt.getByTestId('attempt-debrief');
	await expect(debrief).toHaveAttribute('href', `/play/${scenario.meta.id}/debrief?attempt=${lostId}`);
	await debrief.click();
	await expect(page).toHaveURL(new RegExp(`/play/${scenario.meta.id}/debrief\\?attempt=${lostId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('body')).not.toContainText('404');

	// Another cohort's trainer and the trainee themselves: refused, with a message.
	const other = await signInTrainer(browser, '吴老师');
	for (const url of [dashboardUrl, drillUrl]) {
		const r = await other.goto(url);
		expect(r?.status()).toBe(404);
		await expect(other.locator('main')).toContainText(url === drillUrl ? '找不到这位学员，或者你不是他所在班级的培训师。' : '找不到这个班级，或者你不是它的培训师。');
	}
	expect((await jia.goto(drillUrl))?.status()).toBe(404);
	expect((await jia.goto(dashboardUrl))?.status()).toBe(404);
});
