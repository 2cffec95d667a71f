// Voice mode of phone scenarios (issue 12): /play rings without loading any audio code; 接听 brings
// the call (Howler) and every customer and manager line is heard as its own clip (data-clip on the
// call), with its words as captions; a lost ending hangs up; the controls work from the keyboard
// beside the number keys; and a call started online goes on offline (the service worker's audio cache).
import { expect, test, type Page } from '@playwright/test';
import { replay, type TranscriptEntry } from '../../src/lib/scenario/engine';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { isHeard, voiceIndex, voiceSource } from '../../src/lib/voice/clip-lookup';
import { violations } from './axe';
import { answerWith, checkedScenarios, controlledByWorker, open } from './scenarios';

const checked = checkedScenarios.find((c) => c.scenario?.meta.id === 'angry-caller')!;
const scenario = checked.scenario!;
const index = voiceIndex(scenario);
const call = (page: Page) => page.locator('[data-call-state]');
/** A Howler property name: in the call's code, in no other script. */
const HOWLER = 'html5PoolSize';

/** The entries heard between the trainee's replies along a witness: [opening, after reply 1, …]. */
function batches(s: CompiledScenario, witness: string[]): TranscriptEntry[][] {
	const out: TranscriptEntry[][] = [[]];
	for (const e of replay(s, witness).context.transcript) {
		if (e.kind === 'reply') out.push([]);
		else if (isHeard(e)) out.at(-1)!.push(e);
	}
	return out;
}
const clipOf = (e: TranscriptEntry) => voiceSource(index, e)!.id;

test('/play rings without audio code; 接听 brings the call, the pick-up click and the opening line', async ({ page }) => {
	const scripts: Promise<string>[] = [];
	const audio: string[] = [];
	page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.text()));
	page.on('request', (r) => new URL(r.url()).pathname.startsWith('/audio/') && audio.push(new URL(r.url()).pathname));
	await open(page, '/play/angry-caller');
	await page.waitForLoadState('networkidle');
	await expect(call(page)).toHaveAttribute('data-call-state', 'ringing');
	await expect(page.getByText(`${scenario.meta.persona.name} 来电……`)).toBeVisible();
	expect((await Promise.all(scripts)).some((c) => c.includes(HOWLER))).toBe(false);
	expect(audio).toEqual([]);

	await page.getByRole('button', { name: '接听' }).click();
	await expect(call(page)).toHaveAttribute('data-call-state', 'connected');
	const first = batches(scenario, [])[0][0];
	await expect(call(page)).toHaveAttribute('data-clip', clipOf(first));
	const code = await Promise.all(scripts);
	expect(code.some((c) => c.includes(HOWLER))).toBe(true);
	// The call plans its clips from the compiled scenario: still no compiler (YAML parser, zod) in the browser.
	for (const c of code) expect(c.includes('ZodError') || c.includes('yaml.document')).toBe(false);
	expect(audio).toContain('/audio/call/pickup.webm');
	await expect(page.getByTestId('call-timer')).toHaveText(/^00:0\d$/);
	expect(await violations(page)).toEqual([]);

	// Not a phone call: no call at all.
	await open(page, '/play/late-repair');
	await expect(page.locator('[data-call-state]')).toHaveCount(0);
});

test('each line is heard as its own clip with its words captioned, and the customer hangs up on a lost ending', async ({ page }) => {
	const lost = checked.paths!.paths.filter((p) => scenario.nodes[p.ending].type === 'ending' && (scenario.nodes[p.ending] as { outcome: string }).outcome === 'lost').sort((a, b) => a.decisions - b.decisions)[0];
	const said = batches(scenario, lost.witness);
	await open(page, '/play/angry-caller');
	await page.getByRole('button', { name: '接听' }).click();
	const skip = page.getByRole('button', { name: '跳过这句' });
	for (let i = 0; i < said.length; i++) {
		for (const e of said[i]) {
			await expect(call(page), `${i}: ${e.text}`).toHaveAttribute('data-clip', clipOf(e));
			await expect(page.getByTestId('caption')).toContainText(e.text);
			await skip.click();
		}
		if (i < lost.witness.length) await answerWith(page, scenario, lost.witness[i]);
	}
	await expect(call(page)).toHaveAttribute('data-call-state', 'ended');
	await expect(call(page)).toHaveAttribute('data-clip', 'call/hangup');
	await expect(page.getByTestId('call-end')).toHaveText('对方挂断了电话。');
	// The call timer stops with the call.
	const ended = await page.getByTestId('call-timer').textContent();
	await page.waitForTimeout(1_500);
	await expect(page.getByTestId('call-timer')).toHaveText(ended!);

	// Starting again: the customer calls again; answered, the opening is heard again.
	await page.locator('[data-ending]').getByRole('button', { name: '重新开始' }).click();
	await expect(call(page)).toHaveAttribute('data-call-state', 'ringing');
	await expect(call(page)).toHaveAttribute('data-clip', 'call/ring');
	await page.getByRole('button', { name: '接听' }).click();
	await expect(call(page)).toHaveAttribute('data-clip', clipOf(said[0][0]));
	await expect(call(page)).toHaveAttribute('data-call-state', 'connected');
});

test('the call’s controls work from the keyboard beside the number keys, listed, axe-clean on a 390 px screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await open(page, '/play/angry-caller');
	await page.getByRole('button', { name: '接听' }).click();
	const opening = batches(scenario, [])[0];
	const lastLine = opening.at(-1)!;
	await expect(call(page)).toHaveAttribute('data-clip', clipOf(opening[0]));
	// S skips each line; then the call is quiet.
	for (let i = 0; i < opening.length; i++) {
		await expect(call(page)).toHaveAttribute('data-clip', clipOf(opening[i]));
		await page.keyboard.press('s');
	}
	await expect(call(page)).toHaveAttribute('data-clip', '');
	// R says the last line again.
	await page.keyboard.press('r');
	await expect(call(page)).toHaveAttribute('data-clip', clipOf(lastLine));
	await expect(page.getByTestId('caption')).toContainText(lastLine.text);
	// M mutes and unmutes; > and < change the speed.
	const mute = page.getByRole('button', { name: '静音' });
	await page.keyboard.press('m');
	await expect(mute).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('m');
	await expect(mute).toHaveAttribute('aria-pressed', 'false');
	const speed = page.getByTestId('call-speed');
	await page.keyboard.press('>');
	await expect(speed).toHaveValue('1.25');
	await page.keyboard.press('<');
	await page.keyboard.press('<');
	await expect(speed).toHaveValue('0.75');
	// The number keys still pick replies.
	await page.keyboard.press('1');
	await expect(page.locator('button.reply').first()).toBeFocused();
	// The keys are listed in the call.
	await page.getByText('快捷键').click();
	await expect(page.getByText('重听上一句').last()).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	expect(await violations(page)).toEqual([]);
	// Voice off at any time: text only, remembered; on again straight into the call.
	await page.getByRole('button', { name: '挂断，改为只看文字' }).click();
	await expect(call(page)).toHaveCount(0);
	await open(page, '/play/angry-caller');
	await expect(call(page)).toHaveCount(0);
	await page.getByRole('button', { name: '改用语音通话' }).click();
	await expect(call(page)).toHaveAttribute('data-call-state', 'connected');
});

test('a call started online goes on offline: the service worker serves the clips fetched one step ahead', async ({ page, context }) => {
	await open(page, '/play/angry-caller');
	await controlledByWorker(page);
	await page.getByRole('button', { name: '接听' }).click();
	const [opening, after] = batches(scenario, [checked.paths!.paths[0].witness[0]]);
	for (const e of opening) {
		await expect(call(page)).toHaveAttribute('data-clip', clipOf(e));
		await page.getByRole('button', { name: '跳过这句' }).click();
	}
	const next = voiceSource(index, after[0])!;
	// Fetched ahead, and kept by the worker.
	await expect.poll(() => page.evaluate(async (url) => !!(await (await caches.open('audio-v1')).match(url)), next.urls[0]), { timeout: 20_000 }).toBe(true);
	await context.setOffline(true);
	try {
		await answerWith(page, scenario, checked.paths!.paths[0].witness[0]);
		await expect(call(page)).toHaveAttribute('data-clip', next.id);
		await expect(page.getByTestId('caption')).toContainText(after[0].text);
		await expect(page.getByText('这句没有录音，只显示文字。')).toHaveCount(0);
		expect(await page.evaluate(async (url) => (await fetch(url)).status, next.urls[0])).toBe(200);
	} finally {
		await context.setOffline(false);
	}
});

test('answer by voice: off until turned on, says where the audio may go, fills the reply box; hidden without speech recognition', async ({ page }) => {
	// A stand-in recogniser: hears one sentence a moment after it starts.
	await page.addInitScript(() => {
		class FakeRecognition {
			lang = '';
			interimResults = false;
			continuous = false;
			onresult: ((e: unknown) => void) | null = null;
			onerror: ((e: unknown) => void) | null = null;
			onend: (() => void) | null = null;
			start() {
				(window as unknown as { heardLang: string }).heardLang = this.lang;
				setTimeout(() => {
					this.onresult?.({ resultIndex: 0, results: [Object.assign([{ transcript: '您好，我是客服小王。' }], { isFinal: true })] });
					this.onend?.();
				}, 50);
			}
			stop() {}
			abort() {}
		}
		Object.assign(window, { SpeechRecognition: FakeRecognition });
	});
	await open(page, '/play/angry-caller');
	await page.getByRole('button', { name: '不用语音，只看文字' }).click();
	await page.getByRole('button', { name: '改为打字回复' }).click();
	const enable = page.getByLabel('用语音回答（说话自动填入回复框）');
	await expect(enable).not.toBeChecked();
	await expect(page.getByText('你的录音可能会被发送到浏览器厂商的服务器')).toBeVisible();
	await expect(page.getByTestId('speak-reply')).toHaveCount(0);
	await enable.check();
	await page.getByLabel('输入你的回复').fill('先生，');
	await page.getByTestId('speak-reply').click();
	await expect(page.getByLabel('输入你的回复')).toHaveValue('先生，您好，我是客服小王。');
	expect(await page.evaluate(() => (window as unknown as { heardLang: string }).heardLang)).toBe('zh-CN');
	expect(await violations(page)).toEqual([]);

	// A browser without speech recognition shows none of it.
	const other = await page.context().newPage();
	await other.addInitScript(() => {
		delete (window as { SpeechRecognition?: unknown }).SpeechRecognition;
		delete (window as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition;
	});
	await open(other, '/play/angry-caller');
	await other.getByRole('button', { name: '改为打字回复' }).click();
	await expect(other.getByLabel('输入你的回复')).toBeVisible();
	await expect(other.getByLabel('用语音回答（说话自动填入回复框）')).toHaveCount(0);
});
