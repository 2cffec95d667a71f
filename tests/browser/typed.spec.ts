// Typed replies in the player, their debrief (posted and verified on the server), and /coach by
// keyboard alone.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compileRules, routeTyped } from '../../src/lib/analyzer';
import { resolveAttempt } from '../../src/lib/scoring/attempt';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { checkedScenarios, open } from './scenarios';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const rules = compileRules('phrases.yaml', readFileSync('scenarios/analyzer/phrases.yaml', 'utf8')).rules!;

async function violations(page: Page) {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async () => {
		// @ts-expect-error axe is injected above
		const result = await window.axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

test('a trainee types replies, is asked to rephrase when unclear, and the debrief is verified on the server', async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}?mode=practice`);
	// Switch to typing with the keyboard: the toggle is a button in the reply card.
	await page.getByRole('button', { name: '改为打字回复' }).focus();
	await page.keyboard.press('Enter');
	const box = page.getByLabel('输入你的回复');
	await expect(box).toBeFocused();

	// Something no authored reply is close to: the customer asks again, nothing advances, words kept.
	await box.fill('嗯');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('rephrase')).toContainText('换个说法');
	await expect(box).toHaveValue('嗯');

	// The first decision's witness reply, typed in the trainee's words (its authored text).
	const first = Object.values(scenario.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : [])).find((r) => r.id === path.witness[0])!;
	await box.fill(first.text);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('typed-feedback')).toContainText(first.text);
	await expect(page.locator('.entry.reply').first()).toContainText(first.text);

	// The rest by buttons.
	await page.getByRole('button', { name: '改用选项回复' }).click();
	for (const r of path.witness.slice(1)) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.locator('[data-ending]')).toHaveAttribute('data-ending', path.ending);
	await page.getByTestId('debrief-link').click();
	await expect(page.getByTestId('overall')).toBeVisible({ timeout: 20_000 });

	const resolved = resolveAttempt(scenario, rules, [{ typed: first.text }, ...path.witness.slice(1).map((reply) => ({ reply }))]);
	expect(resolved.ok).toBe(true);
	const expected = scoreAttempt(scenario, (resolved as { ok: true; input: Parameters<typeof scoreAttempt>[1] }).input);
	await expect(page.getByTestId('overall')).toHaveAttribute('data-overall', String(expected.overall));
	await expect(page.locator('[data-typed="true"]')).toHaveCount(1);
	await expect(page.getByTestId('turn')).toHaveCount(path.witness.length);
	expect(await violations(page)).toEqual([]);
});

test('a forged typed turn is refused by the server with a clear message', async ({ page }) => {
	await open(page, `/play/${scenario.meta.id}`);
	const first = path.witness[0];
	const routed = routeTyped('嗯', [], rules);
	expect(routed.replyId).toBeNull();
	// Claim that gibberish routed to the first reply: the server routes it itself and refuses.
	const res = await page.request.post(`/play/${scenario.meta.id}/debrief`, {
		form: { attempt: JSON.stringify({ turns: [{ reply: first, typed: '嗯' }] }) },
		// As a browser's form post: SvelteKit answers HTML (with the failure's status) to text/html.
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	const body = await res.text();
	expect(res.status(), body.slice(0, 2000)).toBe(400);
	expect(body).toContain('无法对应到任何预设回复');
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
	await page.getByLabel('客户的情境(可选)').focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('客户的情境(可选)')).not.toHaveValue('');
	await expect(page.getByTestId('coach-better')).toBeVisible();
});
