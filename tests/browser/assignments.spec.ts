// Assignments (issue 14): a trainer assigns a scenario to a cohort as an assessment with a due time;
// a member sees 已布置 with that time on their home page, opens it (the player starts in 考核模式),
// plays it to the end, and the trainer sees it done. The assignments page is reached and used by
// keyboard, is axe clean, and has no horizontal scroll at 390 px. A trainer exists only through
// `npm run role`, so this spec runs its own server (tests/browser/server.ts).
import { expect, test, type Page } from '@playwright/test';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { violations } from './axe';
import { acknowledgedEvents, checkedScenarios, newProfile, open, playFirstRepliesToEnd } from './scenarios';
import { startWithTrainers, type TrainerServer } from './server';

const scenario = checkedScenarios.find((c) => c.scenario?.meta.id === 'retail-return')!.scenario!;
const knowledge = checkQuizFile('scenarios/quizzes/knowledge.yaml').quiz!;
const passphrase = '布置作业的口令 2026';

let trainers: TrainerServer | null = null;
let base = '';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	trainers = await startWithTrainers('coach-assign-', ['李老师'], passphrase);
	base = trainers.base;
});
test.afterAll(async () => trainers?.stop());

/** The due time as the pages show it (same machine, same time zone as the server and browser). */
const shown = (d: Date) => d.toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' });
/** A datetime-local input's value for this local time. */
const localInput = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a trainer assigns a scenario; a member sees it assigned, finishes it in 考核模式, and the trainer sees it done', async ({ browser }) => {
	test.setTimeout(150_000);
	const stamp = Date.now();
	const memberName = `学员甲${stamp}`;
	const otherName = `学员乙${stamp}`;
	const cohortName = `布置一班${stamp}`;

	// Two trainees, both made members below; only one plays.
	const memberCtx = await browser.newContext();
	const member = await memberCtx.newPage();
	await newProfile(member, memberName, { base, next: '/' });
	const otherCtx = await browser.newContext();
	await newProfile(await otherCtx.newPage(), otherName, { base, next: '/' });
	await otherCtx.close();

	// The trainer signs in, makes the cohort and adds both.
	const trainerCtx = await browser.newContext();
	const page = await trainerCtx.newPage();
	await open(page, `${base}/profile?next=/trainer`);
	await page.getByLabel('李老师的口令').fill(passphrase);
	await page.getByRole('button', { name: /李老师/ }).click();
	await expect(page).toHaveURL(/\/trainer$/);
	await page.getByLabel('班级名称').fill(cohortName);
	await page.getByRole('button', { name: '创建' }).click();
	const cohort = page.getByTestId('cohort').filter({ hasText: cohortName });
	for (const name of [memberName, otherName]) {
		await cohort.getByLabel('添加学员').selectOption({ label: name });
		await cohort.getByRole('button', { name: '添加' }).click();
		await expect(page.getByTestId('cohort').filter({ hasText: cohortName }).getByRole('row', { name: new RegExp(name) })).toHaveCount(1);
	}

	// By keyboard: the cohort's link, then the form's fields and its button.
	await page.getByTestId('cohort').filter({ hasText: cohortName }).getByTestId('assignments-link').focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/trainer\/cohorts\/[0-9a-f-]{36}\/assignments$/);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`布置练习 · ${cohortName}`);
	await expect(page.getByText('还没有布置任何内容。')).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// A due time in the past is refused with a message, and what was typed stays.
	const content = page.getByLabel('内容');
	await content.selectOption({ label: scenario.meta.title });
	await page.getByLabel('考核模式').check();
	await page.getByLabel('截止时间').fill(localInput(new Date(Date.now() - 3600_000)));
	await page.getByRole('button', { name: '布置给全班' }).click();
	await expect(page.getByRole('alert')).toHaveText('截止时间必须晚于现在。');
	await expect(content).toHaveValue(`roleplay:${scenario.meta.id}`);

	const due = new Date(Date.now() + 2 * 24 * 3600_000);
	due.setHours(18, 0, 0, 0);
	await page.getByLabel('截止时间').fill(localInput(due));
	await page.getByLabel('给学员的备注（可不填）').focus();
	await page.keyboard.type('周五前完成');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: '布置给全班' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: '已布置：' })).toHaveText(`已布置：${scenario.meta.title}。`);
	const assignment = page.getByTestId('assignment').filter({ hasText: scenario.meta.title });
	await expect(assignment).toContainText('考核模式');
	await expect(assignment).toContainText(`截止：${shown(due)}`);
	await expect(assignment).toContainText('周五前完成');
	await expect(assignment.getByTestId('assignment-counts')).toHaveText('2 名学员：0 人已完成，0 人逾期，2 人未开始');
	await expect(assignment.getByTestId('assignment-member')).toHaveCount(2);
	for (const row of await assignment.getByTestId('assignment-member').all()) await expect(row).toHaveAttribute('data-state', 'not-started');
	// The delete button is in the tab order.
	const remove = assignment.getByRole('button', { name: `删除布置：${scenario.meta.title}` });
	await remove.focus();
	await expect(remove).toBeFocused();
	expect(await violations(page)).toEqual([]);

	// A quiz too, in practice mode, due later.
	await content.selectOption({ label: knowledge.title });
	await page.getByLabel('练习模式').check();
	await page.getByLabel('截止时间').fill(localInput(new Date(due.getTime() + 24 * 3600_000)));
	await page.getByRole('button', { name: '布置给全班' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已布置：' })).toHaveText(`已布置：${knowledge.title}。`);
	await expect(page.getByTestId('assignment')).toHaveCount(2);

	// At 390 px: nothing wider than the screen.
	await page.setViewportSize({ width: 390, height: 844 });
	await expect.poll(() => noHorizontalScroll(page)).toBe(true);
	expect(await violations(page)).toEqual([]);

	// The member's home page lists both, soonest due first, each linking to where it is played.
	await open(member, `${base}/`);
	const todo = member.getByTestId('assigned-to-me').getByTestId('assigned-item');
	await expect(todo).toHaveCount(2);
	await expect(todo.nth(0)).toContainText(`${scenario.meta.title} 情景 考核 · ${shown(due)} 前完成`);
	await expect(todo.nth(0)).toContainText('周五前完成');
	await expect(todo.nth(0).getByRole('link')).toHaveAttribute('href', `/play/${scenario.meta.id}?mode=assessment`);
	await expect(todo.nth(1)).toContainText(`${knowledge.title} 测验 练习`);
	await expect(todo.nth(1).getByRole('link')).toHaveAttribute('href', `/quiz/${knowledge.id}`);
	expect(await violations(member)).toEqual([]);
	// The scenario's card says 已布置, in 考核, with the due time; its leading button opens the
	// player in 考核模式.
	const card = member.locator('article').filter({ has: member.getByRole('heading', { name: scenario.meta.title }) });
	const assigned = card.getByTestId('card-assigned');
	await expect(assigned).toContainText('已布置');
	await expect(assigned).toContainText(`考核 · ${shown(due)} 前完成`);
	await expect(assigned).not.toContainText('已逾期');
	await card.locator('a.button.primary').click();
	await expect(member).toHaveURL(new RegExp(`/play/${scenario.meta.id}\\?mode=assessment$`));
	await member.locator('body[data-hydrated]').waitFor();
	await expect(member.getByTestId('mood-hidden')).toBeVisible();
	const acknowledged = acknowledgedEvents(member);
	const clicked = await playFirstRepliesToEnd(member);
	await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBe(clicked.length);

	// The trainer sees it done by that member, the other one not started.
	await open(page, page.url());
	const rows = page.getByTestId('assignment').filter({ hasText: scenario.meta.title }).getByTestId('assignment-member');
	await expect(rows.filter({ hasText: memberName })).toHaveAttribute('data-state', 'done');
	await expect(rows.filter({ hasText: memberName })).toContainText('已完成');
	await expect(rows.filter({ hasText: otherName })).toHaveAttribute('data-state', 'not-started');
	await expect(page.getByTestId('assignment').filter({ hasText: scenario.meta.title }).getByTestId('assignment-counts')).toHaveText('2 名学员：1 人已完成，0 人逾期，1 人未开始');
	// And the member's card says it was done in time.
	await open(member, `${base}/`);
	await expect(card.getByTestId('card-assigned')).toContainText('已按时完成');
	await expect(card.getByTestId('card-status')).toHaveAttribute('data-state', 'done');
	// Done: only the quiz is left on the list.
	await expect(todo).toHaveCount(1);
	await expect(todo).toContainText(knowledge.title);

	// The page is the cohort trainer's alone.
	expect((await member.request.get(page.url())).status()).toBe(403);
	await memberCtx.close();
	await trainerCtx.close();
});
