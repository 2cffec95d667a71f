// Quizzes in the browser: taken with the keyboard alone, graded on the server (the browser never
// sees an answer before submitting in assessment mode), saved, and found again with first / best /
// last; the self-assessment gives a profile over the same dimensions as the role plays.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shippedAnalyzer } from '../../src/lib/analyzer/files';
import { clipSources, gradeQuiz, shuffleQuiz, type CompiledQuiz, type QuestionOf } from '../../src/lib/quiz';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { violations } from './axe';
import { newProfile, open } from './scenarios';

const knowledge = checkQuizFile('scenarios/quizzes/knowledge.yaml').quiz as CompiledQuiz;
const selfTest = checkQuizFile('scenarios/quizzes/self-assessment.yaml').quiz as CompiledQuiz;
const listenQuiz = checkQuizFile('scenarios/quizzes/listen.yaml').quiz as CompiledQuiz;
const rules = shippedAnalyzer();

/** Every text that would give an answer away, for checking what reached the browser. */
function secrets(quiz: CompiledQuiz): string[] {
	return quiz.questions.flatMap((q) => [
		q.explanation,
		...(q.type === 'single' || q.type === 'multiple' ? q.options.flatMap((o) => (o.feedback ? [o.feedback] : [])) : []),
		...(q.type === 'case' ? [q.modelAnswer, ...q.rubric.map((r) => r.point)] : [])
		// (Short answers are left out: words like 确认执行 are also options of other questions.)
	]).filter((s) => s.length > 6);
}

async function startByKeyboard(page: Page, quizId: string, button: string) {
	await open(page, `/quiz/${quizId}`);
	await page.getByRole('button', { name: button }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/quiz/${quizId}/[0-9a-f-]{36}$`));
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('quiz-sync')).toContainText('已保存');
	return page.url().split('/').at(-1)!;
}

/** Answers the question on screen with the keyboard alone. */
async function answerByKeyboard(page: Page): Promise<void> {
	const section = page.locator('section[data-question]');
	const type = await section.getAttribute('data-type');
	if (type === 'single' || type === 'truefalse' || type === 'likert') {
		await section.getByRole('radio').first().focus();
		await page.keyboard.press('Space');
	} else if (type === 'multiple') {
		await section.getByRole('checkbox').first().focus();
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space');
	} else if (type === 'ordering') {
		// Move the second item up, by keyboard, then keep that order.
		await section.getByRole('button', { name: /^上移/ }).nth(1).focus();
		await page.keyboard.press('Enter');
	} else if (type === 'matching') {
		const selects = section.getByRole('combobox');
		for (let i = 0; i < (await selects.count()); i++) {
			await selects.nth(i).focus();
			await page.keyboard.press('ArrowDown');
		}
	} else {
		await section.getByRole('textbox').focus();
		await page.keyboard.type(type === 'case' ? '客服没有先安抚客户情绪,也没有核实网络问题就说是手机坏了,应该先道歉并了解情况。' : '四');
		await page.keyboard.press('Tab');
	}
}

async function next(page: Page) {
	await page.getByRole('button', { name: '下一题' }).focus();
	await page.keyboard.press('Enter');
}

async function submitByKeyboard(page: Page) {
	await page.getByRole('button', { name: '交卷' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alertdialog')).toBeVisible();
	await expect(page.locator('#confirm-yes')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: '测验结果' })).toBeVisible();
}

test('the knowledge quiz by keyboard alone, in assessment mode: no answer reaches the browser before submitting; the server grades what was stored; the result stays, with first / best / last', async ({ page }) => {
	test.setTimeout(120_000);
	await newProfile(page, `学员测${Date.now()}`, { next: '/quiz' });
	await expect(page.getByRole('link', { name: knowledge.title })).toBeVisible();
	expect(await violations(page)).toEqual([]);
	const attemptId = await startByKeyboard(page, knowledge.id, '考核模式开始');

	// Nothing that gives an answer away, in the page or in the API the page uses.
	const html = await page.content();
	const api = await (await page.request.get(`/api/attempts/${attemptId}`)).text();
	for (const s of secrets(knowledge)) {
		expect(html).not.toContain(s);
		expect(api).not.toContain(s);
	}
	expect(api).not.toMatch(/"correct"|"explanation"|"rubric"|"modelAnswer"/);
	expect(await violations(page)).toEqual([]);

	// Six questions answered, moving on with the keyboard; then back to the first one and changed.
	for (let i = 0; i < 6; i++) {
		await answerByKeyboard(page);
		await expect(page.getByTestId('quiz-sync')).toHaveAttribute('data-pending', '0');
		await next(page);
	}
	await expect(page.getByText(`第 7 / ${knowledge.questions.length} 题 · 已答 6 题`)).toBeVisible();
	await page.getByRole('button', { name: /^第 1 题/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#question-heading')).toBeFocused();
	expect(await page.locator('[data-testid="feedback"]').count()).toBe(0);
	expect(await violations(page)).toEqual([]);

	await submitByKeyboard(page);
	const detail = (await (await page.request.get(`/api/attempts/${attemptId}`)).json()) as { answers: Record<string, unknown>; result: { total: { score: number; max: number; percent: number } } };
	expect(Object.values(detail.answers).filter((a) => a !== null).length).toBe(6);
	// The stored result is a fresh grade of the stored answers on the attempt's order.
	const fresh = gradeQuiz(shuffleQuiz(knowledge, attemptId), detail.answers, { rules });
	expect(detail.result.total).toEqual(fresh.total);
	await expect(page.getByTestId('quiz-total')).toContainText(`得分 ${fresh.total.score} / ${fresh.total.max}`);
	await expect(page.getByTestId('by-topic')).toBeVisible();
	await expect(page.getByTestId('by-dimension')).toContainText('信息收集');
	// After submitting, the explanations are there.
	await expect(page.getByText(knowledge.questions[0].explanation).first()).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// Found again: on reload, and in the quiz's history.
	await page.reload();
	await expect(page.getByTestId('quiz-total')).toContainText(`得分 ${fresh.total.score}`);
	await open(page, `/quiz/${knowledge.id}`);
	const history = page.getByTestId('quiz-history');
	for (const row of ['first', 'best', 'last']) await expect(history.locator(`tr[data-row="${row}"]`)).toContainText(`${fresh.total.percent}%`);
	// And in 我的进度, beside the role plays, linking back to the result.
	await open(page, '/progress');
	const row = page.getByTestId('attempt').filter({ hasText: knowledge.title });
	await expect(row).toContainText(`${fresh.total.percent}%`);
	await row.getByRole('link', { name: knowledge.title }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/quiz/${knowledge.id}/${attemptId}$`));
	await expect(page.getByTestId('quiz-total')).toBeVisible();
});

test('practice mode shows each answer graded with its explanation as soon as it is answered', async ({ page }) => {
	await newProfile(page, `学员练${Date.now()}`, { next: '/quiz' });
	await startByKeyboard(page, knowledge.id, '练习模式开始');
	await answerByKeyboard(page);
	const feedback = page.getByTestId('feedback');
	await expect(feedback).toBeVisible();
	const id = await page.locator('section[data-question]').getAttribute('data-question');
	await expect(feedback).toContainText(knowledge.questions.find((q) => q.id === id)!.explanation);
	// Reloading keeps the answer and its feedback.
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('feedback')).toBeVisible();
	await expect(page.getByText(/已答 1 题/)).toBeVisible();
});

test('while an assessment of the quiz is open, practice shows no answers and cannot be submitted, and says why', async ({ page }) => {
	test.setTimeout(90_000);
	await newProfile(page, `学员考${Date.now()}`, { next: '/quiz' });
	await startByKeyboard(page, knowledge.id, '考核模式开始');
	const practice = await startByKeyboard(page, knowledge.id, '练习模式开始');
	const notice = page.getByRole('status').filter({ hasText: '考核没有交卷' });
	await expect(notice).toContainText('这里不显示答案、解析和成绩');
	await answerByKeyboard(page);
	await expect(page.getByTestId('quiz-sync')).toContainText('已保存');
	await expect(page.getByTestId('feedback')).toHaveCount(0);
	await page.getByRole('button', { name: '交卷' }).click();
	await page.locator('#confirm-yes').click();
	await expect(page.getByText('请先完成或放弃那次考核')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: '测验结果' })).toHaveCount(0);
	const html = await page.content();
	for (const s of secrets(knowledge)) expect(html).not.toContain(s);
	expect(page.url()).toContain(practice);
});

test('the self-assessment gives a profile over the IDL+PPC dimensions and emotion handling, with bands', async ({ page }) => {
	test.setTimeout(120_000);
	await newProfile(page, `学员评${Date.now()}`, { next: '/quiz' });
	await startByKeyboard(page, selfTest.id, '开始');
	for (let i = 0; i < selfTest.questions.length; i++) {
		const radios = page.locator('section[data-question]').getByRole('radio');
		await radios.nth(3).focus();
		await page.keyboard.press('Space');
		await expect(page.getByTestId('quiz-sync')).toHaveAttribute('data-pending', '0');
		if (i < selfTest.questions.length - 1) await next(page);
	}
	await submitByKeyboard(page);
	const profile = page.getByTestId('profile');
	await expect(profile).toBeVisible();
	for (const label of ['信息收集', '需求探索', '有效倾听', '建议方案', '承诺质量', '确认执行', '情绪处理']) await expect(profile).toContainText(label);
	await expect(profile.locator('meter')).toHaveCount(7);
	await expect(profile).toContainText(new RegExp(selfTest.bands!.map((b) => b.label).join('|')));
	expect(await violations(page)).toEqual([]);
});

/** A short tone as a WAV file: something any Chromium plays, whatever codecs it was built with. */
function wav(seconds = 0.3, rate = 8000): Buffer {
	const n = Math.round(seconds * rate);
	const b = Buffer.alloc(44 + n * 2);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + n * 2, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(rate, 24);
	b.writeUInt32LE(rate * 2, 28);
	b.writeUInt16LE(2, 32);
	b.writeUInt16LE(16, 34);
	b.write('data', 36);
	b.writeUInt32LE(n * 2, 40);
	for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
	return b;
}

test('听声辨情: a listen question plays its clip by keyboard (webm, then mp3), says when it cannot, and shows the words only once the server has graded the answer', async ({ page }) => {
	test.setTimeout(90_000);
	// The clips are served here (they may not be generated yet): missing at first, then an MP3 only.
	const requested: string[] = [];
	let playable = false;
	await page.route('**/audio/voices/*', (route) => {
		const path = new URL(route.request().url()).pathname;
		requested.push(path);
		return playable && path.endsWith('.mp3') ? route.fulfill({ status: 200, contentType: 'audio/mpeg', body: wav() }) : route.fulfill({ status: 404, body: '' });
	});
	await newProfile(page, `学员听${Date.now()}`, { next: '/quiz' });
	const attemptId = await startByKeyboard(page, listenQuiz.id, '练习模式开始');
	const section = page.locator('section[data-question]');
	await expect(section).toHaveAttribute('data-type', 'listen');
	const id = await section.getAttribute('data-question');
	const shown = shuffleQuiz(listenQuiz, attemptId).questions.find((x) => x.id === id) as QuestionOf<'listen'>;
	const urls = clipSources(shown.clip);
	const said = (x: CompiledQuiz['questions'][number]) => (x.type === 'listen' && 'say' in x.clip ? x.clip.say.text : '');

	// Before answering, no clip's words are anywhere on the page or in the API it uses.
	const html = await page.content();
	const api = await (await page.request.get(`/api/attempts/${attemptId}`)).text();
	for (const x of listenQuiz.questions) {
		expect(html).not.toContain(said(x));
		expect(api).not.toContain(said(x));
	}
	const player = page.getByTestId('listen-player');
	expect(await player.locator('source').evaluateAll((els) => els.map((e) => [e.getAttribute('src'), e.getAttribute('type')]))).toEqual([
		[urls[0], 'audio/webm'],
		[urls[1], 'audio/mpeg']
	]);
	expect(await violations(page)).toEqual([]);

	// No clip yet: a note says so, and the options can still be answered.
	await page.getByRole('button', { name: '播放录音' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('listen-failed')).toContainText('无法播放');
	expect(requested.slice(0, 2)).toEqual(urls);
	// The MP3 arrives: the same button tries again, and the clip plays.
	playable = true;
	await page.keyboard.press('Enter');
	await expect(player).toHaveAttribute('data-state', /playing|played/);
	await expect(page.getByTestId('listen-failed')).toBeEmpty();
	await expect(page.getByRole('button', { name: '再听一遍' })).toBeFocused();
	expect(await violations(page)).toEqual([]);

	// Answered right by keyboard: graded on the server, and now the words are shown.
	await section.getByRole('radio').nth(shown.options.findIndex((o) => o.correct)).focus();
	await page.keyboard.press('Space');
	const feedback = page.getByTestId('feedback');
	await expect(feedback).toHaveAttribute('data-correct', 'true');
	await expect(page.getByTestId('transcript')).toContainText(said(shown));
	await expect(feedback).toContainText(shown.explanation);
});
