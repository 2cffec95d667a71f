// Typed replies in the player (the customer reacts to whatever is typed), their debrief (posted and
// verified on the server), and /coach by keyboard alone.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { routeTyped } from '../../src/lib/analyzer';
import { shippedAnalyzer } from '../../src/lib/analyzer/files';
import { resolveAttempt } from '../../src/lib/scoring/attempt';
import { bestScore } from '../../src/lib/scoring/best';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { injectAxe } from './axe';
import { acknowledgedEvents, checkedScenarios, conversationNow, newProfile, open, playFirstRepliesToEnd, reloadAndExpectResumed, typeTwoReplies } from './scenarios';

const rules = shippedAnalyzer();

async function violations(page: Page) {
	await injectAxe(page);
	return page.evaluate(async () => {
		// @ts-expect-error axe is injected above
		const result = await window.axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

test('the customer reacts to whatever is typed, feedback quotes the trainee, and the debrief shows the typed words (verified on the server)', async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}?mode=practice`);
	// Switch to typing with the keyboard: the toggle is a button in the reply card.
	await page.getByRole('button', { name: '改为打字回复' }).focus();
	await page.keyboard.press('Enter');
	const box = page.getByLabel('输入你的回复');
	await expect(box).toBeFocused();
	const meter = page.getByRole('meter');
	const mood = async () => Number(await meter.getAttribute('aria-valuenow'));
	const customerLines = page.locator('.entry:not(.reply)');

	// Nothing recognisable: the customer did not understand, and it costs a little patience.
	const start = await mood();
	let heard = await customerLines.count();
	await box.fill('嗯');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('typed-feedback')).toContainText('客户没听懂');
	await expect(customerLines).toHaveCount(heard + 1);
	expect(await mood()).toBeGreaterThan(start);
	await expect(box).toHaveValue('');

	// The course's own arguing line: read as arguing, quoted back, the customer answers it, mood rises.
	// (Off script: words that also say "the system never errs" would be the authored defensive reply in other words.)
	const beforeArguing = await mood();
	heard = await customerLines.count();
	await box.fill('您的想法不正确，事情不是您说的那样。');
	await page.keyboard.press('Enter');
	await expect(customerLines).toHaveCount(heard + 1);
	const feedback = page.getByTestId('typed-feedback');
	await expect(feedback.locator('[data-code="argue"]')).toContainText('“您的想法不正确');
	await expect(feedback.getByTestId('model-reply')).toBeVisible();
	expect(await mood()).toBeGreaterThan(beforeArguing);
	expect(await violations(page)).toEqual([]);
	// No authored reply's feedback is shown as if the trainee had said it.
	const authoredFeedback = Object.values(scenario.nodes).flatMap((n) => (n.type === 'decision' ? n.replies.map((r) => r.feedback) : []));
	const shown = await page.locator('[data-testid="feedback"]').allTextContents();
	for (const f of authoredFeedback) for (const text of shown) expect(text).not.toContain(f);

	// The first decision's witness reply, typed verbatim: the customer understands and the story goes on.
	const first = Object.values(scenario.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : [])).find((r) => r.id === path.witness[0])!;
	await box.fill(first.text);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('typed-feedback')).toContainText('客户听懂了');

	// The rest by buttons (the first offered each time: the raised mood may have changed the way).
	await page.getByRole('button', { name: '改用选项回复' }).click();
	const clicked = await playFirstRepliesToEnd(page);
	await page.getByTestId('debrief-link').click();
	await expect(page.getByTestId('overall')).toBeVisible({ timeout: 20_000 });

	const resolved = resolveAttempt(scenario, rules, [
		{ typed: '嗯' },
		{ typed: '您的想法不正确，事情不是您说的那样。' },
		{ typed: first.text },
		...clicked.map((reply) => ({ reply }))
	]);
	expect(resolved.ok).toBe(true);
	const input = (resolved as { ok: true; input: Parameters<typeof scoreAttempt>[1] }).input;
	const expected = scoreAttempt(scenario, { ...input, bestPossible: bestScore(scenario).overall });
	await expect(page.getByTestId('overall')).toHaveAttribute('data-overall', String(expected.overall));
	await expect(page.locator('[data-typed="true"]')).toHaveCount(3);
	await expect(page.getByTestId('turn')).toHaveCount(clicked.length + 3);
	// The turn review shows the typed words and the findings in them.
	await expect(page.getByTestId('turn').nth(1)).toContainText('您的想法不正确，事情不是您说的那样。');
	await expect(page.getByTestId('turn').nth(1).locator('[data-code="argue"]')).toBeVisible();
	// Off-script words earn no move credit, and the review says so.
	await expect(page.getByTestId('turn').nth(1).getByTestId('credit-note')).toContainText('不计动作分');
	expect(await violations(page)).toEqual([]);
});

test('off-script typed turns are stored, and a reload resumes with the customer’s reactions and mood', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `打字学员${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	await page.getByRole('button', { name: '改为打字回复' }).click();
	const box = page.getByLabel('输入你的回复');
	for (const words of ['嗯', '这个不归我们管，你找别人吧']) {
		await box.fill(words);
		await page.keyboard.press('Enter');
	}
	await expect.poll(() => acknowledged.length).toBe(2);
	await reloadAndExpectResumed(page, await conversationNow(page));
	// The server stored the words with no reply: off script.
	const list = await (await page.request.get('/api/attempts')).json();
	const detail = await (await page.request.get(`/api/attempts/${list[0].id}`)).json();
	expect(detail.events.map((e: { replyId: string | null; typedText: string }) => [e.replyId, e.typedText])).toEqual([
		[null, '嗯'],
		[null, '这个不归我们管，你找别人吧']
	]);
});

test('on a 390 px phone the typed reply, the customer’s reaction and the feedback fit without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await open(page, `/play/${scenario.meta.id}`);
	await page.getByRole('button', { name: '改为打字回复' }).click();
	await page.getByLabel('输入你的回复').fill('您的想法不正确，这种情况我们见得多了，肯定是您自己操作的问题。');
	await page.getByTestId('send-typed').click();
	await expect(page.getByTestId('typed-feedback').locator('[data-code="argue"]')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	expect(await violations(page)).toEqual([]);
});

test('a forged typed turn is refused by the server with a clear message', async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}`);
	const first = path.witness[0];
	const routed = routeTyped('嗯', [], rules);
	expect(routed.replyId).toBeNull();
	// Claim that a murmur matched the first reply: the server reads it itself and refuses.
	const res = await page.request.post(`/play/${scenario.meta.id}/debrief`, {
		form: { attempt: JSON.stringify({ turns: [{ reply: first, typed: '嗯' }] }) },
		// As a browser's form post: SvelteKit answers HTML (with the failure's status) to text/html.
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	const body = await res.text();
	expect(res.status(), body.slice(0, 2000)).toBe(400);
	expect(body).toContain('不对应任何预设回复');
});

test('/coach works with the keyboard alone, explains its findings instantly, and has no axe violations', async ({ page }) => {
	await open(page, '/coach');
	expect(await violations(page)).toEqual([]);
	// Tab from the top of the page to the reply box.
	for (let i = 0; i < 20; i++) {
		await page.keyboard.press('Tab');
		if (await page.getByLabel('客服回复').evaluate((el) => el === document.activeElement)) break;
	}
	await expect(page.getByLabel('客服回复')).toBeFocused();
	await page.keyboard.type('你先别急,这个不是我们的问题,你去问一下厂家吧。');
	const findings = page.getByTestId('coach-findings');
	await expect(findings.locator('[data-code="informal"]')).toContainText('你');
	await expect(findings.locator('[data-code="blame"]')).toBeVisible();
	await expect(page.getByTestId('coach-emotion')).toHaveAttribute('data-state', 'missing');
	await expect(page.getByTestId('coach-missing')).toContainText('信息收集');
	await expect(page.getByTestId('coach-better').locator('li').first()).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// Choose a situation with the keyboard: arrow down in the select picks the first one.
	await page.getByLabel('客户的情境（可选）').focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('客户的情境（可选）')).not.toHaveValue('');
	await expect(page.getByTestId('coach-better')).toBeVisible();
	// The same reading as the player: words with a flag are off script, and the customer answers them.
	await expect(page.getByTestId('coach-customer')).toHaveAttribute('data-reading', 'off-script');
	await expect(page.getByTestId('coach-customer')).toContainText('客户会接着说');
});

test('words typed and sent while the first reply is still being read are kept and sent next, not dropped or wiped', async ({ page }) => {
	// The analyzer arrives slowly (a first typed reply loads it): the second reply is typed meanwhile.
	let release!: () => void;
	const arrived = new Promise<void>((r) => (release = r));
	await page.route(/\/data\/analyzer\//, async (route) => {
		await arrived;
		await route.continue();
	});
	await open(page, `/play/${scenario.meta.id}`);
	await typeTwoReplies(page, '嗯', '这个不归我们管，你找别人吧');
	release();
	const mine = page.locator('.entry.reply');
	await expect(mine).toHaveCount(2);
	await expect(mine.nth(0)).toContainText('嗯');
	await expect(mine.nth(1)).toContainText('这个不归我们管，你找别人吧');
	await expect(page.getByLabel('输入你的回复')).toHaveValue('');
});
