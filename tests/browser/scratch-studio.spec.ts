import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { open } from './scenarios';
import { freePort, killServer, seedTrainer, startServer, type OwnServer } from './server';
let server: OwnServer | null = null;
let base = '';
test.beforeAll(async () => {
	const dataDir = join(mkdtempSync(join(tmpdir(), 'coach-scratch-')), 'pglite');
	await seedTrainer(dataDir, '周老师', 'pass pass');
	const port = await freePort();
	base = `http://localhost:${port}`;
	server = await startServer(port, { DATA_DIR: dataDir });
});
test.afterAll(() => killServer(server));
test('scratch', async ({ page }) => {
	page.on('request', (r) => r.method() === 'PUT' && console.log('PUT', r.url()));
	page.on('console', (m) => console.log('console', m.type(), m.text()));
	await open(page, `${base}/profile?next=/studio`);
	await page.getByLabel('周老师的口令').fill('pass pass');
	await page.getByRole('button', { name: /周老师/ }).click();
	await page.locator('form[action="?/scenario"]').getByLabel('编号（id）').fill('abc');
	await page.locator('form[action="?/scenario"]').getByLabel('标题').fill('标题');
	await page.getByLabel('客户称呼').fill('王');
	await page.getByRole('button', { name: '创建并打开' }).first().click();
	await expect(page.getByTestId('workbench')).toBeVisible();
	await page.waitForTimeout(1500);
	console.log('status0', await page.getByTestId('save-status').getAttribute('data-state'));
	await page.getByLabel('标题', { exact: true }).first().fill('新标题');
	await page.getByLabel('标题', { exact: true }).first().blur();
	for (let i = 0; i < 6; i++) {
		await page.waitForTimeout(700);
		console.log('status', i, await page.getByTestId('save-status').getAttribute('data-state'));
	}
	const cards = page.locator('.cards > li');
	await cards.nth((await cards.count()) - 1).getByRole('button', { name: '删除', exact: true }).click();
	for (let i = 0; i < 4; i++) {
		await page.waitForTimeout(700);
		console.log('after delete', i, await page.getByTestId('save-status').getAttribute('data-state'));
	}
	await page.getByRole('tab', { name: '流程图' }).click();
	for (let i = 0; i < 4; i++) {
		await page.waitForTimeout(700);
		console.log('graph', i, await page.getByTestId('save-status').getAttribute('data-state'));
	}
	await page.getByRole('tab', { name: '大纲' }).click();
	await page.keyboard.press('ControlOrMeta+z');
	for (let i = 0; i < 4; i++) {
		await page.waitForTimeout(700);
		console.log('undo', i, await page.getByTestId('save-status').getAttribute('data-state'));
	}
	await page.screenshot({ path: '/tmp/studio1.png', fullPage: false });
});
