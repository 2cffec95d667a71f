// The trainer studio (issue 11), as a trainer and a trainee meet it: a scenario written from the
// template with the keyboard only, a problem seen in the checks and on the graph and fixed, a
// preview, a publish, the team playing it and the trainer seeing the result; nothing lost on a
// reload, offline or when two tabs edit one draft; an uploaded file's problems at their line;
// export → import identical; a quiz written and published for the team; axe clean.
import { expect, test, type Page } from '@playwright/test';
import { violations } from './axe';
import { newProfile, open, playFirstRepliesToEnd, sameOrigin } from './scenarios';
import { startWithTrainers, type TrainerServer } from './server';

const passphrase = '工作室的口令 2026';
let trainers: TrainerServer | null = null;
let base = '';
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	trainers = await startWithTrainers('coach-studio-', ['周老师', '吴老师'], passphrase);
	base = trainers.base;
});
test.afterAll(async () => trainers?.stop());

async function signInTrainer(page: Page, next = '/studio', name = '周老师') {
	await open(page, `${base}/profile?next=${encodeURIComponent(next)}`);
	await page.getByLabel(`${name}的口令`).fill(passphrase);
	await page.getByRole('button', { name: new RegExp(name) }).click();
	await expect(page).toHaveURL(new RegExp(`${next}$`));
}

/** Presses keys into the focused element, one key at a time (no mouse). */
async function typeInto(page: Page, label: RegExp | string, text: string) {
	await page.getByLabel(label).first().focus();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type(text);
}

const checksStatus = (page: Page) => page.getByTestId('checks-status');
const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });

/** Creates a scenario from the template through the form (keyboard) and lands in its workbench. */
async function newScenario(page: Page, id: string, title: string) {
	await open(page, `${base}/studio`);
	await typeInto(page, '编号（id）', id);
	await typeInto(page, '标题', title);
	await typeInto(page, '客户称呼', '唐女士');
	await page.getByLabel('开场时客户的不满（0–100）').focus();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('35');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/studio\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('workbench')).toBeVisible();
	await expect(checksStatus(page)).toContainText('没有发现问题', { timeout: 20_000 });
}

test('a trainer writes, checks, previews and publishes a scenario with the keyboard; the team plays it and the trainer sees the result', async ({ browser }) => {
	test.setTimeout(180_000);
	const stamp = Date.now();
	const traineeCtx = await browser.newContext();
	const trainee = await traineeCtx.newPage();
	const traineeName = `学员丁${stamp}`;
	await newProfile(trainee, traineeName, { base, next: '/' });

	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	page.on('dialog', (d) => void d.accept());
	await signInTrainer(page, '/trainer');
	await page.getByLabel('班级名称').fill(`酒店前台${stamp}`);
	await page.getByRole('button', { name: '创建' }).click();
	const cohort = page.getByTestId('cohort').filter({ hasText: `酒店前台${stamp}` });
	await cohort.getByLabel('添加学员').selectOption({ label: traineeName });
	await cohort.getByRole('button', { name: '添加' }).click();
	await expect(cohort).toContainText(traineeName);

	await newScenario(page, 'hotel-towels', '毛巾没换的客人');
	expect(await violations(page)).toEqual([]);

	// A problem: the last card (an ending) is deleted, so replies lead to nothing. The checks list
	// it and the graph shows the missing place.
	const cards = page.locator('.cards > li');
	const count = await cards.count();
	const lastCard = cards.nth(count - 1);
	const endingId = (await lastCard.locator('h4, h3').first().textContent())!.split('：').at(-1)!.trim();
	await lastCard.getByRole('button', { name: '删除', exact: true }).focus();
	await page.keyboard.press('Enter');
	await expect(checksStatus(page)).toContainText('个错误', { timeout: 20_000 });
	const problems = page.getByTestId('diagnostics');
	await expect(problems).toContainText(endingId);
	await page.getByRole('tab', { name: '流程图' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.graph-view')).toContainText(`不存在：${endingId}`, { timeout: 20_000 });
	// Fixed with undo (Ctrl+Z outside the YAML editor).
	await page.getByRole('tab', { name: '大纲' }).focus();
	await page.keyboard.press('Enter');
	await page.getByRole('tab', { name: '大纲' }).focus();
	await page.keyboard.press('ControlOrMeta+z');
	await expect(checksStatus(page)).toContainText('没有发现问题', { timeout: 20_000 });
	await saved(page);

	// Preview: the draft in the real player, from the start.
	await page.getByRole('tab', { name: '预览' }).focus();
	await page.keyboard.press('Enter');
	const preview = page.getByTestId('preview');
	await preview.getByTestId('start-preview').focus();
	await page.keyboard.press('Enter');
	const firstReply = preview.locator('button[data-reply]').first();
	await expect(firstReply).toBeVisible({ timeout: 20_000 });
	await firstReply.focus();
	await page.keyboard.press('Enter');
	// Practice feedback on the reply, and nothing saved (no attempt is started for a preview).
	await expect(preview.getByTestId('feedback').first()).toBeVisible();
	expect(await (await page.request.get(`${base}/api/attempts`)).json()).toEqual([]);

	// Publish (keyboard), then the trainee sees it on the home page and plays it to its end.
	await page.getByTestId('publish').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('studio-notice')).toContainText('已发布第 1 版', { timeout: 20_000 });
	await expect(page.getByTestId('doc-state')).toContainText('第 1 版');

	await open(trainee, `${base}/`);
	await expect(trainee.getByText('毛巾没换的客人')).toBeVisible();
	await open(trainee, `${base}/play/hotel-towels`);
	await playFirstRepliesToEnd(trainee);
	await expect(trainee.locator('[data-ending]')).toBeVisible();
	// The attempt reaches the server (outbox) before the trainer looks.
	await expect
		.poll(async () => (await (await trainee.request.get(`${base}/api/attempts`)).json()).filter?.((a: { state: string }) => a.state === 'finished').length ?? 0, { timeout: 20_000 })
		.toBeGreaterThan(0);

	await open(page, `${base}/trainer`);
	const row = page.getByTestId('cohort').filter({ hasText: `酒店前台${stamp}` }).getByTestId('member-score');
	await expect(row).toContainText(traineeName);
	await expect(row).toContainText('毛巾没换的客人');
	await traineeCtx.close();
	await ctx.close();
});

test('nothing is lost: a reload mid-edit, an offline edit, and two tabs editing one draft', async ({ browser }) => {
	test.setTimeout(150_000);
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	page.on('dialog', (d) => void d.accept());
	await signInTrainer(page);
	await newScenario(page, `towels-${Date.now()}`, '重载测试');
	const url = page.url();

	// Typed, then reloaded at once (before the server save): the words come back.
	const title = page.getByLabel('标题', { exact: true }).first();
	await title.fill('重载测试：改过的标题');
	await title.blur();
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByLabel('标题', { exact: true }).first()).toHaveValue('重载测试：改过的标题');
	await saved(page);
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByLabel('标题', { exact: true }).first()).toHaveValue('重载测试：改过的标题');

	// Offline: kept, then sent when the connection is back.
	await ctx.setOffline(true);
	const summary = page.getByLabel('概要').first();
	await summary.fill('离线时写的概要');
	await summary.blur();
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
	await ctx.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await saved(page);
	const stored = await (await page.request.get(`${url.replace('/studio/', '/api/studio/documents/')}`)).json();
	expect(stored.text).toContain('离线时写的概要');

	// Two tabs: the second one's save is refused with both versions shown, nothing overwritten.
	const other = await ctx.newPage();
	await open(other, url);
	await other.getByLabel('标题', { exact: true }).first().fill('第二个标签页的标题');
	await other.getByLabel('标题', { exact: true }).first().blur();
	await saved(other);
	await page.getByLabel('标题', { exact: true }).first().fill('第一个标签页的标题');
	await page.getByLabel('标题', { exact: true }).first().blur();
	const conflict = page.getByTestId('conflict');
	await expect(conflict).toBeVisible({ timeout: 15_000 });
	await expect(conflict).toContainText('第二个标签页的标题');
	await expect(conflict).toContainText('第一个标签页的标题');
	expect((await (await page.request.get(url.replace('/studio/', '/api/studio/documents/'))).json()).text).toContain('第二个标签页的标题');
	await conflict.getByRole('button', { name: '保留我的版本' }).click();
	await saved(page);
	expect((await (await page.request.get(url.replace('/studio/', '/api/studio/documents/'))).json()).text).toContain('第一个标签页的标题');
	await ctx.close();
});

test('an uploaded file shows its problems at their line; a download uploads back identical', async ({ browser }) => {
	test.setTimeout(120_000);
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await signInTrainer(page);
	// A file with a reference to nothing on a known line.
	const lines = [
		'# 上传测试',
		'format: 1',
		'id: upload-test',
		'title: 上传测试',
		'summary: 一个有错误的文件',
		'class: 普通',
		'channel: phone',
		'difficulty: easy',
		'minutes: 3',
		'persona: { name: 赵先生, archetype: angry }',
		'objectives: [先安抚]',
		'mood: { start: 40 }',
		'nodes:',
		'  - { id: open, type: line, text: 我的快递呢, next: d1 }',
		'  - id: d1',
		'    type: decision',
		'    replies:',
		'      - { id: a, text: 非常抱歉，我马上帮您查, moves: [apology], mood: -5, feedback: 好, next: end }',
		'      - { id: b, text: 不归我们管, flags: [dismiss], mood: 15, feedback: 差, next: nowhere }',
		'  - { id: end, type: ending, outcome: resolved, title: 好了, debrief: 结束 }',
		''
	];
	await open(page, `${base}/studio`);
	await page.getByLabel('YAML 文件', { exact: true }).setInputFiles({ name: 'upload-test.yaml', mimeType: 'application/yaml', buffer: Buffer.from(lines.join('\n')) });
	await page.getByRole('button', { name: '上传并打开' }).click();
	await expect(page).toHaveURL(/\/studio\/[0-9a-f-]{36}$/);
	const problem = page.getByTestId('diagnostics').locator('li').filter({ hasText: 'nowhere' });
	await expect(problem).toContainText('第 19 行', { timeout: 20_000 });

	// Download, upload again: the same text.
	const docUrl = page.url().replace('/studio/', '/api/studio/documents/');
	const downloaded = await (await page.request.get(`${docUrl}?download`)).text();
	expect(downloaded).toBe(lines.join('\n'));
	await open(page, `${base}/studio`);
	await page.getByLabel('YAML 文件', { exact: true }).setInputFiles({ name: 'again.yaml', mimeType: 'application/yaml', buffer: Buffer.from(downloaded) });
	await page.getByRole('button', { name: '上传并打开' }).click();
	await expect(page).toHaveURL(/\/studio\/[0-9a-f-]{36}$/);
	const again = await (await page.request.get(page.url().replace('/studio/', '/api/studio/documents/'))).json();
	expect(again.text).toBe(downloaded);
	// A publish of a draft with errors is refused with them listed.
	page.on('dialog', (d) => void d.accept());
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('publish-problem')).toContainText('nowhere', { timeout: 20_000 });
	expect(await violations(page)).toEqual([]);
	await ctx.close();
});

test('a quiz written in the studio is published and the team takes it; trainees cannot open the studio', async ({ browser }) => {
	test.setTimeout(120_000);
	const stamp = Date.now();
	const traineeCtx = await browser.newContext();
	const trainee = await traineeCtx.newPage();
	const traineeName = `学员戊${stamp}`;
	await newProfile(trainee, traineeName, { base, next: '/' });
	const denied = await trainee.goto(`${base}/studio`);
	expect(denied?.status()).toBe(403);
	const api = await trainee.request.post(`${base}/api/studio/documents`, { data: { kind: 'quiz', text: 'id: x' }, headers: sameOrigin(trainee) });
	expect(api.status()).toBe(403);

	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	page.on('dialog', (d) => void d.accept());
	await signInTrainer(page, '/trainer');
	await page.getByLabel('班级名称').fill(`测验班${stamp}`);
	await page.getByRole('button', { name: '创建' }).click();
	const cohort = page.getByTestId('cohort').filter({ hasText: `测验班${stamp}` });
	await cohort.getByLabel('添加学员').selectOption({ label: traineeName });
	await cohort.getByRole('button', { name: '添加' }).click();
	await expect(cohort).toContainText(traineeName);

	await open(page, `${base}/studio`);
	const quizForm = page.locator('form[action="?/quiz"]');
	await quizForm.getByLabel('编号（id）').fill(`team-quiz-${stamp}`);
	await quizForm.getByLabel('标题').fill('前台服务小测');
	await quizForm.getByRole('button', { name: '创建并打开' }).click();
	await expect(page).toHaveURL(/\/studio\/[0-9a-f-]{36}$/);
	await expect(checksStatus(page)).toContainText('没有发现问题', { timeout: 20_000 });
	await expect(page.getByTestId('quiz-figures')).toBeVisible();
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('studio-notice')).toContainText('已发布第 1 版', { timeout: 20_000 });

	await open(trainee, `${base}/quiz`);
	await expect(trainee.getByText('前台服务小测')).toBeVisible();
	await traineeCtx.close();
	await ctx.close();
});

test('versions are compared, downloaded and restored; taking down and archiving; every tab is axe-clean and fits a 390 px screen', async ({ browser }) => {
	test.setTimeout(150_000);
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	page.on('dialog', (d) => void d.accept());
	await signInTrainer(page);
	expect(await violations(page)).toEqual([]);
	const id = `versions-${Date.now()}`;
	await newScenario(page, id, '版本测试');
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('studio-notice')).toContainText('已发布第 1 版', { timeout: 20_000 });
	const title = page.getByLabel('标题', { exact: true }).first();
	await title.fill('版本测试（第二版）');
	await title.blur();
	await saved(page);
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('studio-notice')).toContainText('已发布第 2 版', { timeout: 20_000 });

	// Every tab, axe-clean.
	for (const tab of ['YAML', '流程图', '大纲']) {
		await page.getByRole('tab', { name: tab }).click();
		await expect(page.locator('#epanel')).not.toBeEmpty();
		if (tab === 'YAML') await expect(page.locator('.cm-editor')).toBeVisible({ timeout: 20_000 });
		if (tab === '流程图') await expect(page.locator('.svelte-flow__node').first()).toBeVisible({ timeout: 20_000 });
		expect(await violations(page), tab).toEqual([]);
	}
	await page.getByRole('tab', { name: '预览' }).click();
	await page.getByTestId('start-preview').click();
	await expect(page.getByTestId('preview').locator('button[data-reply]').first()).toBeVisible({ timeout: 20_000 });
	expect(await violations(page)).toEqual([]);

	// Versions: version 1 against the draft shows the title change; restoring it is an edit (undoable).
	await page.getByRole('tab', { name: '版本' }).click();
	await expect(page.getByTestId('version')).toHaveCount(2);
	await page.getByTestId('version').filter({ hasText: '第 1 版' }).getByRole('button', { name: '和当前草稿对比' }).click();
	await expect(page.getByTestId('diff')).toContainText('版本测试（第二版）');
	expect(await violations(page)).toEqual([]);
	const v1 = await (await page.request.get(`${page.url().replace('/studio/', '/api/studio/documents/')}/versions/1?download`)).text();
	expect(v1).toContain('title: 版本测试\n');
	await page.getByRole('button', { name: '恢复到草稿' }).click();
	await expect(page.getByTestId('studio-notice')).toContainText('已用第 1 版替换草稿');
	await saved(page);
	expect((await (await page.request.get(page.url().replace('/studio/', '/api/studio/documents/'))).json()).text).toBe(v1);

	// 390 px: the library and the workbench without sideways scrolling.
	await page.setViewportSize({ width: 390, height: 800 });
	for (const url of [`${base}/studio`, page.url()]) {
		await open(page, url);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	}
	await page.setViewportSize({ width: 1280, height: 800 });

	// Taken down, then archived (read-only), then restored.
	await page.getByRole('button', { name: '停止发布' }).click();
	await expect(page.getByTestId('doc-state')).toHaveText('已停止发布');
	await page.getByRole('button', { name: '归档' }).click();
	await expect(page.getByTestId('doc-state')).toHaveText('已归档');
	await expect(page.getByTestId('publish')).toHaveCount(0);
	// Opened while archived, restored in the same page: edits are saved again.
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByRole('button', { name: '从归档恢复' }).click();
	await expect(page.getByTestId('doc-state')).toHaveText('已停止发布');
	const again = page.getByLabel('标题', { exact: true }).first();
	await again.fill('恢复以后改的标题');
	await again.blur();
	await saved(page);
	expect((await (await page.request.get(page.url().replace('/studio/', '/api/studio/documents/'))).json()).text).toContain('恢复以后改的标题');
	await ctx.close();
});

test('two trainers editing one draft: the owner invites a co-author, and the later of two saves gets both versions, never an overwrite', async ({ browser }) => {
	test.setTimeout(120_000);
	const ownerCtx = await browser.newContext();
	const owner = await ownerCtx.newPage();
	owner.on('dialog', (d) => void d.accept());
	await signInTrainer(owner);
	await newScenario(owner, `together-${Date.now()}`, '一起写的情景');
	const url = owner.url();
	await owner.getByTestId('coauthors').locator('summary').click();
	await owner.getByLabel('邀请培训师').selectOption({ label: '吴老师' });
	await owner.getByRole('button', { name: '邀请', exact: true }).click();
	await expect(owner.getByTestId('coauthors')).toContainText('共同编辑（1）');

	const otherCtx = await browser.newContext();
	const other = await otherCtx.newPage();
	await signInTrainer(other, '/studio', '吴老师');
	await expect(other.getByRole('link', { name: '一起写的情景' })).toBeVisible();
	await open(other, url);
	await expect(other.getByTestId('coauthors')).toContainText('创建者是周老师');
	await other.getByLabel('标题', { exact: true }).first().fill('吴老师改的标题');
	await other.getByLabel('标题', { exact: true }).first().blur();
	await saved(other);

	await owner.getByLabel('标题', { exact: true }).first().fill('周老师改的标题');
	await owner.getByLabel('标题', { exact: true }).first().blur();
	const conflict = owner.getByTestId('conflict');
	await expect(conflict).toBeVisible({ timeout: 15_000 });
	await expect(conflict).toContainText('吴老师');
	await expect(conflict).toContainText('吴老师改的标题');
	await expect(conflict).toContainText('周老师改的标题');
	// The co-author may not publish: that is the owner's.
	const refused = await other.request.post(`${url.replace('/studio/', '/api/studio/documents/')}/publish`, { data: { revision: 2 }, headers: sameOrigin(other) });
	expect(refused.status()).toBe(403);
	expect(await violations(owner)).toEqual([]);
	await ownerCtx.close();
	await otherCtx.close();
});
