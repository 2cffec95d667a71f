// The question bank in the browser: an attempt shows only the questions the server drew (and none
// of the bank's answers before submitting); after submitting, weak topics link to the scenarios
// that practise them, by keyboard.
import { expect, test } from '@playwright/test';
import { drawSize, type CompiledQuiz } from '../../src/lib/quiz';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { violations } from './axe';
import { newProfile, open } from './scenarios';

const bank = checkQuizFile('scenarios/quizzes/bank.yaml').quiz as CompiledQuiz;

test('the bank: the server draws the questions, nothing of the answers reaches the browser; weak topics link to practice', async ({ page }) => {
	test.setTimeout(90_000);
	await newProfile(page, `学员抽${Date.now()}`, { next: '/quiz' });
	await expect(page.getByText(`每次从 ${bank.questions.length} 题的题库中抽 ${drawSize(bank)} 题`).first()).toBeVisible();
	await open(page, `/quiz/${bank.id}`);
	await page.getByRole('button', { name: '考核模式开始' }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/quiz/${bank.id}/[0-9a-f-]{36}$`));
	await page.locator('body[data-hydrated]').waitFor();
	const attemptId = page.url().split('/').at(-1)!;

	// Only the drawn questions, and none of the bank's explanations anywhere.
	await expect(page.getByText(`第 1 / ${drawSize(bank)} 题`)).toBeVisible();
	const api = await (await page.request.get(`/api/attempts/${attemptId}`)).text();
	const view = JSON.parse(api).view as { questions: { id: string }[] };
	expect(view.questions).toHaveLength(drawSize(bank));
	const html = await page.content();
	for (const q of bank.questions) {
		expect(api).not.toContain(q.explanation);
		expect(html).not.toContain(q.explanation);
	}
	expect(api).not.toMatch(/"correct"|"explanation"|"rubric"|"modelAnswer"|"draw"/);

	// Submitted blank: every topic is weak, and those practised in role plays link to scenarios.
	await page.getByRole('button', { name: '交卷' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#confirm-yes')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: '测验结果' })).toBeVisible();
	const idlppc = page.getByTestId('by-topic').locator('tr[data-topic="idlppc"]');
	await expect(idlppc).toContainText('薄弱');
	const link = idlppc.getByTestId('practice-links').getByRole('link').first();
	await expect(link).toHaveText(/^练习「.+」$/);
	expect(await violations(page)).toEqual([]);
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/play\/[a-z0-9-]+$/);
});
