// The main pages on a 390 × 844 phone: nothing scrolls the page sideways, a chart's words are at
// least 12 px as rendered (an SVG's viewBox scales its text with the drawing), a table keeps its
// words whole (column headers on one line, no cell squeezed to one character a line), and a quiz's
// question is above the fold with the question grid folded behind a toggle that works by keyboard.
import { expect, test, type Page } from '@playwright/test';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { violations } from './axe';
import { checkedScenarios, newProfile, open, sameOrigin } from './scenarios';
import { startWithTrainers, type TrainerServer } from './server';

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];
const knowledge = checkQuizFile('scenarios/quizzes/knowledge.yaml').quiz!;
const phone = { width: 390, height: 844 };

/** The page does not scroll sideways (what overflows scrolls inside its own box, if anywhere). */
async function expectNoSideScroll(page: Page, what: string) {
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll, `${what}: page width ${scroll} > ${client}`).toBeLessThanOrEqual(client);
}

/** The smallest rendered font size of the words in the page's charts (SVG text scaled by its drawing, and HTML captions). */
function smallestChartText(page: Page): Promise<number> {
	return page.evaluate(() => {
		const sizes = [...document.querySelectorAll('svg text')].map((e) => {
			const text = e as SVGTextElement;
			const ctm = text.getScreenCTM();
			return parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
		});
		for (const e of document.querySelectorAll('figure figcaption, figure figcaption *')) sizes.push(parseFloat(getComputedStyle(e).fontSize));
		return sizes.length ? Math.min(...sizes) : Infinity;
	});
}

/**
 * Table cells as rendered: each column header's text in lines, and the cells whose text is broken
 * one character a line (more than one line, at most 1.5 characters per line).
 */
function tableLines(page: Page): Promise<{ headers: string[]; squeezed: string[] }> {
	return page.evaluate(() => {
		const lines = (el: Element) => {
			const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const tops = new Set<number>();
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				const range = document.createRange();
				range.selectNodeContents(n);
				for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
			}
			return tops.size;
		};
		const visible = (el: Element) => el.getClientRects().length > 0 && !el.closest('.visually-hidden');
		const cells = [...document.querySelectorAll('th, td')].filter(visible);
		return {
			headers: cells.filter((c) => c.matches('th[scope="col"]') && lines(c) > 1).map((c) => `${c.textContent!.trim()} (${lines(c)} lines)`),
			squeezed: cells
				.filter((c) => {
					const n = lines(c);
					return n > 1 && c.textContent!.replace(/\s/g, '').length / n <= 1.5;
				})
				.map((c) => `${c.textContent!.trim()} (${lines(c)} lines)`)
		};
	});
}

async function expectPhoneLayout(page: Page, what: string, { axe = false } = {}) {
	await expectNoSideScroll(page, what);
	expect(await smallestChartText(page), `${what}: chart words`).toBeGreaterThanOrEqual(12);
	const { headers, squeezed } = await tableLines(page);
	expect(headers, `${what}: column headers on more than one line`).toEqual([]);
	expect(squeezed, `${what}: cells one character a line`).toEqual([]);
	if (axe) expect(await violations(page), `${what}: axe`).toEqual([]);
}

test('a trainee at 390 px: library, profile, 话术检查, a role play and its debrief, 我的进度, a quiz and its result', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize(phone);
	await newProfile(page, `学员手机${Date.now()}`, { next: '/' });
	await expectPhoneLayout(page, '/');
	await open(page, '/profile');
	await expectPhoneLayout(page, '/profile');
	await open(page, '/coach');
	await page.locator('#reply').fill('非常抱歉让您久等了，请问您的订单号是多少？我马上帮您查。');
	await expect(page.getByTestId('coach-steps')).toBeVisible();
	await expectPhoneLayout(page, '/coach');

	await open(page, `/play/${scenario.meta.id}`);
	await page.locator(`button[data-reply="${path.witness[0]}"]`).click();
	await expectPhoneLayout(page, '/play (in play)');
	for (const r of path.witness.slice(1)) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.locator('[data-ending]')).toBeVisible();
	await expectPhoneLayout(page, '/play (the end)');
	await page.getByTestId('debrief-link').click();
	await expect(page.getByTestId('mood-chart')).toBeVisible();
	await page.locator('body[data-hydrated]').waitFor();
	// The tables behind 以表格查看 too.
	for (const summary of await page.locator('summary').all()) await summary.click();
	await expectPhoneLayout(page, 'debrief', { axe: true });

	// An assessment of the knowledge quiz: the question above the fold, the grid folded.
	await open(page, `/quiz/${knowledge.id}`);
	await page.getByRole('button', { name: '考核模式开始' }).click();
	await expect(page).toHaveURL(new RegExp(`/quiz/${knowledge.id}/[0-9a-f-]{36}$`));
	await page.locator('body[data-hydrated]').waitFor();
	const toggle = page.getByRole('button', { name: /全部题目/ });
	const grid = page.getByRole('navigation', { name: '题目导航' }).getByRole('button', { name: /^第 \d+ 题/ });
	const question = page.locator('section[data-question]');
	// The question starts in the upper part of the screen whatever question the shuffle puts first
	// (a long case prompt may push its answers further down); the unfolded grid put it at ~750 px.
	const questionTop = await question.evaluate((s) => s.getBoundingClientRect().top);
	expect(questionTop, 'the question starts in the upper 60% of the screen').toBeLessThanOrEqual(phone.height * 0.6);
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(grid.first()).toBeHidden();
	await expectPhoneLayout(page, 'quiz attempt', { axe: true });
	// By keyboard: open the grid, go to question 3; the grid folds and the question has focus.
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(grid).toHaveCount(knowledge.questions.length);
	await expect(grid.first()).toBeVisible();
	await expectNoSideScroll(page, 'quiz attempt, grid open');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
	await expect(grid.nth(2)).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#question-heading')).toBeFocused();
	await expect(page.locator('#question-heading')).toContainText(/^3\./);
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(grid.first()).toBeHidden();
	await toggle.focus();
	await page.keyboard.press('Space');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Space');
	await expect(grid.first()).toBeHidden();
	// On a wide screen the grid is simply there.
	await page.setViewportSize({ width: 1200, height: 900 });
	await expect(grid.first()).toBeVisible();
	await expect(toggle).toBeHidden();
	await page.setViewportSize(phone);

	await page.getByRole('button', { name: '交卷' }).click();
	await page.locator('#confirm-yes').click();
	await expect(page.getByRole('heading', { level: 1, name: '测验结果' })).toBeVisible();
	await expectPhoneLayout(page, 'quiz result', { axe: true });
	await open(page, `/quiz/${knowledge.id}`);
	await expect(page.getByTestId('quiz-history')).toBeVisible();
	await expectPhoneLayout(page, `/quiz/${knowledge.id}`, { axe: true });

	await open(page, '/progress');
	await expect(page.getByTestId('attempt')).toHaveCount(2);
	await expectPhoneLayout(page, '/progress', { axe: true });
	// The attempts table is wider than the phone: its own box scrolls, by keyboard too.
	const box = page.getByRole('region', { name: '练习记录（表格，可左右滑动）' });
	await expect(box).toHaveAttribute('tabindex', '0');
	await box.focus();
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
	// On a wide screen it fits: a plain box, no extra tab stop.
	await page.setViewportSize({ width: 1200, height: 900 });
	await expect(page.getByRole('region', { name: '练习记录（表格，可左右滑动）' })).toHaveCount(0);
	await expect(page.locator('.table-scroll[tabindex]')).toHaveCount(0);
});

let trainers: TrainerServer | null = null;
test.describe('trainer', () => {
	const passphrase = '手机上的口令 2026';
	test.beforeAll(async () => {
		test.setTimeout(120_000);
		trainers = await startWithTrainers('coach-phone-', ['手机老师'], passphrase);
	});
	test.afterAll(async () => trainers?.stop());

	test('a trainer at 390 px: cohorts with members, their results and item statistics', async ({ browser }) => {
		test.setTimeout(90_000);
		const { base, trainerIds } = trainers!;
		const stamp = Date.now();
		// A trainee with a submitted quiz.
		const trainee = await (await browser.newContext()).newPage();
		const traineeName = `学员手机${stamp}`;
		await newProfile(trainee, traineeName, { base, next: '/quiz' });
		const started = await trainee.request.post(`${base}/api/attempts`, { data: { kind: 'quiz', quizId: knowledge.id, version: knowledge.version, mode: 'assessment' }, headers: sameOrigin(trainee) });
		expect(started.status()).toBe(201);
		const { attempt } = await started.json();
		expect((await trainee.request.post(`${base}/api/attempts/${attempt.id}/submit`, { data: {}, headers: sameOrigin(trainee) })).status()).toBe(200);

		const page = await (await browser.newContext({ viewport: phone })).newPage();
		await open(page, `${base}/profile?next=/trainer`);
		await page.getByLabel('手机老师的口令').fill(passphrase);
		await page.getByRole('button', { name: /手机老师/ }).click();
		await expect(page).toHaveURL(/\/trainer$/);
		expect(trainerIds).toHaveLength(1);
		await page.getByLabel('班级名称').fill(`手机一班${stamp}`);
		await page.getByRole('button', { name: '创建' }).click();
		const cohort = page.getByTestId('cohort').filter({ hasText: `手机一班${stamp}` });
		await cohort.getByLabel('添加学员').selectOption({ label: traineeName });
		await cohort.getByRole('button', { name: '添加' }).click();
		await expect(page.getByTestId('member-quiz')).toContainText(traineeName);
		await expect(page.getByTestId('item-stats-table').first()).toBeVisible();
		await expectPhoneLayout(page, '/trainer', { axe: true });
	});
});
