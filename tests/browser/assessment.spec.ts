// 考核模式 sends only what playing needs: no reply's feedback, no codes a condition does not test,
// no ending's debrief, and no analyzer (typed words are read on the server). It still plays to the
// end by choices and by typed words, and the server scores it right.
import { expect, test } from '@playwright/test';
import { shippedAnalyzer } from '../../src/lib/analyzer/files';
import { resolveAttempt } from '../../src/lib/scoring/attempt';
import { bestScore } from '../../src/lib/scoring/best';
import { scoreAttempt } from '../../src/lib/scoring/score';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { acknowledgedEvents, checkedScenarios, conversationNow, newProfile, open, playFirstRepliesToEnd, reloadAndExpectResumed, typeTwoReplies } from './scenarios';

const rules = shippedAnalyzer();
const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'angry-caller')!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];
const replies = Object.values(scenario.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : []));

/** Every piece of the key that must not reach an assessment before it is stored finished. */
function expectNoKey(text: string, where: string) {
	for (const r of replies) if (r.feedback) expect(text, `${where}: feedback of ${r.id}`).not.toContain(r.feedback);
	for (const n of Object.values(scenario.nodes)) if (n.type === 'ending' && n.debrief) expect(text, `${where}: debrief of ${n.id}`).not.toContain(n.debrief);
	// No reply carries a code that no condition tests (angry-caller's conditions test only "argue").
	const played = JSON.parse(text) as unknown;
	const codes: string[] = [];
	JSON.stringify(played, (k, v) => ((k === 'moves' || k === 'flags') && v && typeof v === 'object' && !Array.isArray(v) ? (codes.push(...Object.keys(v)), v) : v));
	expect(new Set(codes), where).toEqual(new Set(codes.length ? ['argue'] : []));
	expect(text, `${where}: analyzer rules`).not.toContain('"routing"');
}

test('the assessment page, its scenario file and its attempt carry no key', async ({ page }) => {
	const pageData = await (await page.request.get(`/play/${scenario.meta.id}/__data.json?mode=assessment`)).text();
	expectNoKey(pageData, '__data.json');
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	const fetched: string[] = [];
	// A body is read only while its page is still there (the reload below may come first: that one is not counted).
	page.on('response', (r) => void (r.url().includes('/data/') && r.text().then((b) => fetched.push(b), () => {})));
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect.poll(() => fetched.length).toBeGreaterThan(0);
	for (const body of fetched) expectNoKey(body, 'data file');
	// Practice, by contrast, gets the whole scenario.
	const practice = await (await page.request.get(`/play/${scenario.meta.id}/__data.json`)).text();
	expect(practice).toContain('/data/scenarios/');

	// A stored, unfinished assessment attempt.
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `考核学员${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await page.locator(`button[data-reply="${path.witness[0]}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(1);
	const list = await (await page.request.get('/api/attempts')).json();
	const detail = await page.request.get(`/api/attempts/${list[0].id}`);
	const body = await detail.text();
	expectNoKey(body, 'GET /api/attempts/<id>');
	expect(JSON.parse(body).rules).toBeNull();
	const resumed = await (await page.request.get(`/play/${scenario.meta.id}/__data.json?mode=assessment`)).text();
	expectNoKey(resumed, 'resumed __data.json');
});

test('an assessment plays to the end by typed words and choices, read and scored on the server', async ({ page, context }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `考核打字${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	const requests: string[] = [];
	page.on('request', (r) => requests.push(new URL(r.url()).pathname));

	await page.getByRole('button', { name: '改为打字回复' }).click();
	const box = page.getByLabel('输入你的回复');
	// Offline, typed words cannot be read: they stay in the box with a clear message.
	await context.setOffline(true);
	await box.fill('嗯');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: '联网' })).toBeVisible();
	await expect(box).toHaveValue('嗯');
	await context.setOffline(false);

	// Off script, then the first witness reply typed verbatim (matched on the server).
	const customerLines = page.locator('.entry:not(.reply)');
	let heard = await customerLines.count();
	await page.keyboard.press('Enter');
	await expect(customerLines).toHaveCount(heard + 1);
	await expect(box).toHaveValue('');
	const first = replies.find((r) => r.id === path.witness[0])!;
	await box.fill(first.text);
	await page.keyboard.press('Enter');
	await expect(box).toHaveValue('');
	await expect(page.locator('.entry.reply')).toHaveCount(2);
	// No feedback in an assessment, typed or not.
	await expect(page.getByTestId('typed-feedback')).toHaveCount(0);
	await expect(page.getByTestId('feedback')).toHaveCount(0);

	await page.getByRole('button', { name: '改用选项回复' }).click();
	const clicked = await playFirstRepliesToEnd(page);
	// The analyzer never came to this page, nor the full scenario.
	expect(requests.filter((p) => p.startsWith('/data/analyzer/'))).toEqual([]);
	expect(requests.filter((p) => p.startsWith('/data/scenarios/') && !/\.assessment\.[0-9a-f]+\.json$/.test(p))).toEqual([]);
	await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBe(clicked.length + 2);

	const resolved = resolveAttempt(scenario as CompiledScenario, rules, [{ typed: '嗯' }, { typed: first.text }, ...clicked.map((reply) => ({ reply }))]);
	expect(resolved.ok).toBe(true);
	const input = (resolved as { ok: true; input: Parameters<typeof scoreAttempt>[1] }).input;
	expect(input.choices[1]).toBe(first.id);
	const expected = scoreAttempt(scenario, { ...input, bestPossible: bestScore(scenario).overall });
	await expect
		.poll(async () => ((await (await page.request.get('/api/attempts')).json()) as { score: { overall: number } | null }[])[0].score?.overall, { timeout: 20_000 })
		.toBe(expected.overall);
	// Stored finished: now the attempt comes with everything, for the debrief.
	const list = await (await page.request.get('/api/attempts')).json();
	const detail = await (await page.request.get(`/api/attempts/${list[0].id}`)).text();
	expect(detail).toContain(replies.find((r) => r.feedback)!.feedback);

	await page.getByTestId('debrief-link').click();
	await expect(page.getByTestId('overall')).toHaveAttribute('data-overall', String(expected.overall), { timeout: 20_000 });
});

test('the typed-reply reader refuses bad requests with a clear message (4xx, never 500)', async ({ request }) => {
	const url = `/play/${scenario.meta.id}/read`;
	const decision = Object.values(scenario.nodes).find((n) => n.type === 'decision')!.id;
	const line = Object.values(scenario.nodes).find((n) => n.type === 'line')!.id;
	// As the page's own script sends it: the app refuses a POST without this site's Origin.
	const origin = new URL(test.info().project.use.baseURL!).origin;
	const ask = (data: unknown) => request.post(url, { data, headers: { 'content-type': 'application/json', origin } });
	const cases: [unknown, number, string][] = [
		[{ node: decision, text: '您好' }, 400, '请求内容不完整'],
		[{ version: scenario.version, node: decision, text: '\u0000 ' }, 400, '请先写下你的回复'],
		[{ version: scenario.version, node: decision, text: '好'.repeat(501) }, 400, '回复太长了'],
		[{ version: scenario.version, node: line, text: '您好' }, 400, '这一步不需要回复'],
		[{ version: '0000000000000000', node: decision, text: '您好' }, 409, '情景版本已经更新'],
		[{ version: scenario.version, node: decision, text: 'x'.repeat(20_000) }, 413, '请求内容太大']
	];
	for (const [data, status, message] of cases) {
		const res = await ask(data);
		expect(res.status(), JSON.stringify(data).slice(0, 80)).toBe(status);
		expect((await res.json()).message).toContain(message);
	}
	const ok = await ask({ version: scenario.version, node: decision, text: '您好，请问有什么可以帮您？' });
	expect(ok.status()).toBe(200);
	const body = await ok.json();
	expect(Object.keys(body).sort()).toEqual(['flags', 'moves', 'reason', 'replyId']);
});

test('an assessment with typed turns resumes after a reload, from this device and from the server alike', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `考核续做${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await page.getByRole('button', { name: '改为打字回复' }).click();
	const box = page.getByLabel('输入你的回复');
	const first = replies.find((r) => r.id === path.witness[0])!;
	for (const words of ['这个不归我们管，你找别人吧', first.text]) {
		await box.fill(words);
		await page.keyboard.press('Enter');
		await expect(box).toHaveValue('');
	}
	await expect.poll(() => acknowledged.length).toBe(2);
	const before = await conversationNow(page);

	// From this device's outbox (its readings remembered here), then from the server's readings alone.
	for (const fresh of [false, true]) {
		if (fresh) await page.evaluate(() => new Promise((done) => { localStorage.clear(); const r = indexedDB.deleteDatabase('complaint-coach'); r.onsuccess = r.onerror = r.onblocked = () => done(null); }));
		await reloadAndExpectResumed(page, before);
	}
});

test('an assessment opened beside an unfinished practice attempt is its own attempt; the practice keeps its turns', async ({ page }) => {
	const acknowledged = acknowledgedEvents(page);
	await newProfile(page, `两种模式${Date.now()}`);
	await open(page, `/play/${scenario.meta.id}`);
	await page.locator(`button[data-reply="${path.witness[0]}"]`).click();
	await page.locator(`button[data-reply="${path.witness[1]}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(2);

	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await page.locator(`button[data-reply="${path.witness[0]}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(3);
	const list = (await (await page.request.get('/api/attempts')).json()) as { id: string; mode: string; events: number }[];
	expect(list.map((a) => [a.mode, a.events]).sort()).toEqual([
		['assessment', 1],
		['practice', 2]
	]);
	// Each key belongs to its own attempt.
	expect(new Set(acknowledged.map((k) => k.slice(0, 36))).size).toBe(2);
});

test('words sent while the last ones are read and then refused stay in the box at the next decision', async ({ page }) => {
	let release!: () => void;
	const arrived = new Promise<void>((r) => (release = r));
	let calls = 0;
	await page.route(/\/play\/[^/]+\/read$/, async (route) => {
		if (++calls === 1) {
			await arrived;
			return route.continue();
		}
		return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ message: '服务器忙' }) });
	});
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await typeTwoReplies(page, '您好，我是客服，请您慢慢说。', '请问您的手机号是多少？');
	release();
	await expect(page.locator('.entry.reply')).toHaveCount(1);
	await expect.poll(() => calls).toBe(2);
	await expect(page.getByLabel('输入你的回复')).toHaveValue('请问您的手机号是多少？');
});

test('考核模式 shows no mood and no feedback until the end, and practice does', async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}?mode=assessment`);
	await expect(page.getByTestId('mood-hidden')).toBeVisible();
	await expect(page.getByRole('meter')).toHaveCount(0);
	const first = page.locator('button[data-reply]').first();
	await first.click();
	await expect(page.locator('.entry.reply')).toHaveCount(1);
	await expect(page.getByRole('meter')).toHaveCount(0);
	await expect(page.getByTestId('feedback')).toHaveCount(0);
	await playFirstRepliesToEnd(page);
	await expect(page.locator('[data-ending]')).toBeVisible();

	await open(page, `/play/${scenario.meta.id}`);
	await expect(page.getByRole('meter')).toBeVisible();
	await page.locator('button[data-reply]').first().click();
	await expect(page.getByTestId('feedback').first()).toBeVisible();
});
