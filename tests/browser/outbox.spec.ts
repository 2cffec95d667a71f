// The outbox when the server refuses an event (a real refusal from the real server: the request is
// altered on its way, as a stale or broken client would send it): the event is not sent again, the
// trainee reads what happened, and the attempt's later events still go and are stored.
import { expect, test, type Page, type Request } from '@playwright/test';
import { checkedScenarios, newProfile, open } from './scenarios';

type Sent = { key: string; seq: number; status: number };

/** Every event POST this page made, with the seq it carried and the server's status. */
function eventLog(page: Page): Sent[] {
	const log: Sent[] = [];
	page.on('requestfinished', async (req: Request) => {
		if (req.method() !== 'POST' || !/\/api\/attempts\/[^/]+\/(?:replies|answers)$/.test(req.url())) return;
		const body = req.postDataJSON() as { idempotencyKey: string; seq: number };
		log.push({ key: body.idempotencyKey, seq: body.seq, status: (await req.response())?.status() ?? 0 });
	});
	return log;
}

/** Alters the first event this page sends with `change`; the server answers it as it would any such request. */
async function spoilFirstEvent(page: Page, change: (body: Record<string, unknown>) => Record<string, unknown>): Promise<{ key: string | null }> {
	const spoiled = { key: null as string | null };
	await page.route(/\/api\/attempts\/[^/]+\/(?:replies|answers)$/, async (route) => {
		const body = route.request().postDataJSON() as Record<string, unknown>;
		if (spoiled.key === null) spoiled.key = body.idempotencyKey as string;
		if (body.idempotencyKey === spoiled.key) return route.continue({ postData: JSON.stringify(change(body)) });
		return route.continue();
	});
	return spoiled;
}

/** Answers the question on screen (any type) with something valid. */
async function answerShown(page: Page) {
	const section = page.locator('section[data-question]');
	const type = await section.getAttribute('data-type');
	if (type === 'single' || type === 'truefalse' || type === 'likert') await section.getByRole('radio').first().check();
	else if (type === 'multiple') await section.getByRole('checkbox').first().check();
	else if (type === 'ordering') await section.getByRole('button', { name: /^上移/ }).nth(1).click();
	else if (type === 'matching') await section.getByRole('combobox').first().selectOption({ index: 1 });
	else {
		await section.getByRole('textbox').fill('先道歉，再了解情况');
		await section.getByRole('textbox').blur();
	}
}

test('a quiz answer the server refuses is shown, never sent again, and the answers after it are stored and graded', async ({ page }) => {
	test.setTimeout(90_000);
	const log = eventLog(page);
	await newProfile(page, `拒收甲${Date.now()}`, { next: '/quiz/knowledge' });
	const spoiled = await spoilFirstEvent(page, (b) => ({ ...b, answer: 999 }));
	await page.getByRole('button', { name: '练习模式开始' }).click();
	await expect(page).toHaveURL(/\/quiz\/knowledge\/[0-9a-f-]{36}$/);
	await page.locator('body[data-hydrated]').waitFor();

	await answerShown(page);
	await expect(page.getByText(/服务器没有接受这个答案/)).toBeVisible();
	await expect(page.getByText(/服务器没有接受这个答案/)).toContainText('提交的内容格式不对');
	for (let i = 0; i < 2; i++) {
		await page.getByRole('button', { name: '下一题' }).click();
		await answerShown(page);
	}
	// The two later answers went as seq 1 and 2 (the refused one was never stored) and were taken.
	await expect.poll(() => log.filter((e) => e.key !== spoiled.key && e.status === 200).map((e) => e.seq)).toEqual([1, 2]);
	expect(log.filter((e) => e.key === spoiled.key)).toEqual([{ key: spoiled.key, seq: 1, status: 400 }]);

	await page.getByRole('button', { name: '交卷' }).click();
	await page.locator('#confirm-yes').click();
	await expect(page.getByRole('heading', { level: 1, name: '测验结果' })).toBeVisible();
	const id = page.url().split('/').at(-1)!;
	const stored = await page.evaluate(async (id) => (await (await fetch(`/api/attempts/${id}`)).json()) as { result: { answered: number } }, id);
	expect(stored.result.answered).toBe(2);
	// Still never sent again.
	expect(log.filter((e) => e.key === spoiled.key)).toHaveLength(1);
});

test("a role-play turn the server refuses is shown in the player, never sent again, and the attempt's later turns still go", async ({ page }) => {
	test.setTimeout(90_000);
	const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'angry-caller') ?? checkedScenarios.find((c) => c.scenario)!;
	const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];
	const [a, b, c] = path.witness;
	const log = eventLog(page);
	await newProfile(page, `拒收乙${Date.now()}`);
	// A clock a day ahead: the server refuses the turn (time-future, 422).
	const spoiled = await spoilFirstEvent(page, (x) => ({ ...x, clientTime: new Date(Date.now() + 86_400_000).toISOString() }));
	await open(page, `/play/${checked.scenario!.meta.id}`);

	await page.locator(`button[data-reply="${a}"]`).click();
	const refusal = page.getByTestId('refusal');
	await expect(refusal).toContainText('第 1 步没有保存到服务器');
	await expect(refusal).toContainText('这条回复的时间比服务器时间还晚');
	await page.locator(`button[data-reply="${b}"]`).click();
	await page.locator(`button[data-reply="${c}"]`).click();
	// Later turns are sent (not held behind the refused one), numbered as the server counts.
	await expect.poll(() => log.filter((e) => e.key !== spoiled.key).length).toBe(2);
	expect(log.filter((e) => e.key !== spoiled.key)[0].seq).toBe(1);
	expect(log.filter((e) => e.key === spoiled.key)).toEqual([{ key: spoiled.key, seq: 1, status: 422 }]);
	await expect(page.getByTestId('refusal')).toBeVisible();
});

test('a turn the request checks turn away (not the API: a wrong address or origin) is kept and sent again, never marked refused', async ({ page }) => {
	test.setTimeout(90_000);
	const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'angry-caller') ?? checkedScenarios.find((c) => c.scenario)!;
	const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];
	const [a, b] = path.witness;
	const log = eventLog(page);
	await newProfile(page, `拒收丙${Date.now()}`);
	// While `blocked`, event posts carry a foreign Origin: the server's request checks answer a
	// plain-text 403 before the API sees them.
	let blocked = true;
	// (Chromium keeps its own Origin on a continued request: the post is made from the test's side.)
	await page.route(/\/api\/attempts\/[^/]+\/(?:replies|answers)$/, async (route) =>
		blocked ? route.fulfill({ response: await route.fetch({ headers: { ...route.request().headers(), origin: 'http://evil.example' } }) }) : route.continue()
	);
	await open(page, `/play/${checked.scenario!.meta.id}`);

	await page.locator(`button[data-reply="${a}"]`).click();
	await expect.poll(() => log.map((e) => e.status)).toContain(403);
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '1');
	blocked = false;
	await page.locator(`button[data-reply="${b}"]`).click();
	// The first turn goes again, then the second; both stored, nothing shown as refused.
	await expect.poll(() => log.filter((e) => e.status === 200).map((e) => e.seq)).toEqual([1, 2]);
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '0');
	await expect(page.getByTestId('refusal')).toHaveCount(0);
});
