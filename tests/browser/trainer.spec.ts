// The trainer view: a cohort, its members' role-play and quiz results (latest and best), and a
// Moodle GIFT file converted to quiz YAML with every problem shown by line. A trainer exists only
// through `npm run role` (with a passphrase in local mode), which needs the data directory to
// itself, so this spec runs its own server on a directory where the command has made one.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../src/lib/progress/csv';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { importGift } from '../../src/lib/quiz/gift';
import { violations } from './axe';
import { newProfile, open, sameOrigin } from './scenarios';
import { startWithTrainers, type TrainerServer } from './server';

const knowledge = checkQuizFile('scenarios/quizzes/knowledge.yaml').quiz!;
const giftFile = 'tests/fixtures/gift/moodle-export.txt';
const passphrase = '班长的口令 2026';

let trainers: TrainerServer | null = null;
let base = '';
let trainerId = '';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	trainers = await startWithTrainers('coach-trainer-', ['王老师'], passphrase);
	base = trainers.base;
	[trainerId] = trainers.trainerIds;
});
test.afterAll(async () => trainers?.stop());

test('a trainer adds a trainee to a cohort and sees their quiz result; a GIFT file converts with its problems by line', async ({ browser }) => {
	test.setTimeout(90_000);
	const stamp = Date.now();
	// A trainee takes the knowledge quiz (through the API the quiz page uses) and submits one answer.
	const traineeCtx = await browser.newContext();
	const trainee = await traineeCtx.newPage();
	const traineeName = `学员丙${stamp}`;
	await newProfile(trainee, traineeName, { base, next: '/quiz' });
	const started = await trainee.request.post(`${base}/api/attempts`, { data: { kind: 'quiz', quizId: knowledge.id, version: knowledge.version, mode: 'assessment' }, headers: sameOrigin(trainee) });
	expect(started.status()).toBe(201);
	const { attempt, view } = await started.json();
	const first = view.questions.find((q: { type: string }) => q.type === 'truefalse');
	const answered = await trainee.request.post(`${base}/api/attempts/${attempt.id}/answers`, {
		data: { idempotencyKey: `k-${stamp}`, seq: 1, questionId: first.id, answer: true, clientTime: new Date().toISOString() },
		headers: sameOrigin(trainee)
	});
	expect(answered.status()).toBe(200);
	const submitted = await (await trainee.request.post(`${base}/api/attempts/${attempt.id}/submit`, { data: {}, headers: sameOrigin(trainee) })).json();
	const percent = submitted.result.total.percent;

	// The trainer opens their profile with the passphrase (a wrong one is refused with a message),
	// makes a cohort, adds the trainee, and sees the result.
	const trainerCtx = await browser.newContext();
	const page = await trainerCtx.newPage();
	await open(page, `${base}/profile?next=/trainer`);
	// Without the passphrase: refused, with a message, and nobody signed in.
	const bare = await page.request.post(`${base}/profile?/choose`, { form: { profile: trainerId, next: '/trainer' }, headers: { origin: base, accept: 'text/html' }, maxRedirects: 0 });
	expect(bare.status()).toBe(400);
	expect(await bare.text()).toContain('这是培训师身份，请输入它的口令再进入。');
	// The profile id (which /profile lists) as the cookie is not a trainer's session either.
	await trainerCtx.addCookies([{ name: 'cc_profile', value: trainerId, url: base }]);
	await open(page, `${base}/profile?next=/trainer`);
	await expect(page.getByText('当前身份')).toHaveCount(0);
	await page.getByLabel('王老师的口令').fill('not the passphrase');
	await page.getByRole('button', { name: /王老师/ }).click();
	await expect(page.getByRole('alert')).toHaveText('口令不对，请重新输入。忘记了口令，请管理员用 npm run role 重新设置。');
	await expect(page).toHaveURL(/\/profile/);
	await page.getByLabel('王老师的口令').fill(passphrase);
	await page.getByRole('button', { name: /王老师/ }).click();
	await expect(page).toHaveURL(/\/trainer$/);
	await page.getByLabel('班级名称').fill(`新员工一班${stamp}`);
	await page.getByRole('button', { name: '创建' }).click();
	const cohort = page.getByTestId('cohort').filter({ hasText: `新员工一班${stamp}` });
	await cohort.getByLabel('添加学员').selectOption({ label: traineeName });
	await cohort.getByRole('button', { name: '添加' }).click();
	const row = page.getByTestId('cohort').filter({ hasText: `新员工一班${stamp}` }).getByTestId('member-quiz');
	await expect(row).toContainText(traineeName);
	await expect(row).toContainText(knowledge.title);
	await expect(row).toContainText(`${percent}%`);
	// The cohort's results as CSV (UTF-8 with BOM) hold the same numbers; another trainer gets nothing.
	const csvUrl = await page.getByTestId('cohort').filter({ hasText: `新员工一班${stamp}` }).getByTestId('export-csv').getAttribute('href');
	const csv = await page.request.get(`${base}${csvUrl}`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const quizRow = parseCsv(text).find((r) => r[0] === traineeName && r[2] === knowledge.title)!;
	expect(quizRow[4]).toBe(String(percent));
	expect((await trainee.request.get(`${base}${csvUrl}`)).status()).toBe(404);
	// 题目分析: the member's assessment, per question (one attempt: no discrimination yet).
	const stats = page.getByTestId('item-stats');
	await expect(stats).toContainText(`${knowledge.title}（1 次考核）`);
	const item = stats.locator(`tr[data-question="${first.id}"]`);
	await expect(item.locator('td')).toHaveText(['1', /^(0|100)%$/, /^(0|100)%$/, '—', '—']);
	expect(await violations(page)).toEqual([]);

	// GIFT: the page shows what the converter finds, line by line.
	const expected = importGift(readFileSync(giftFile, 'utf8'), { file: 'moodle-export.txt' });
	await page.getByLabel('GIFT 文件').setInputFiles(giftFile);
	await page.getByRole('button', { name: '转换' }).click();
	const result = page.getByTestId('gift-result');
	await expect(result.getByRole('status')).toHaveText(`从 moodle-export.txt 导入了 ${expected.imported} 道题。`);
	await expect(result.locator('li[data-line]')).toHaveCount(expected.diagnostics.length);
	for (const d of expected.diagnostics) await expect(result.locator(`li[data-line="${d.line}"]`).first()).toBeVisible();
	await expect(page.getByLabel('测验 YAML')).toHaveValue(/questions:/);
	expect(await violations(page)).toEqual([]);
	// The converted quiz opens as a studio draft, its text as converted.
	const converted = await page.getByLabel('测验 YAML').inputValue();
	await page.getByTestId('gift-to-studio').click();
	await expect(page).toHaveURL(/\/studio\/[0-9a-f-]{36}$/);
	expect((await (await page.request.get(page.url().replace('/studio/', '/api/studio/documents/'))).json()).text).toBe(converted);
	await open(page, `${base}/trainer`);

	// A file over the limit is refused before it is sent (the server would answer with a bare 413).
	await page.getByLabel('GIFT 文件').setInputFiles({ name: 'big.gift', mimeType: 'text/plain', buffer: Buffer.alloc(600 * 1024, 'x') });
	await expect(page.getByRole('alert').filter({ hasText: '文件太大' })).toHaveText('文件太大：GIFT 文件最大 400 KB。');
	await expect(page.getByRole('button', { name: '转换' })).toBeDisabled();

	// An empty or binary upload is refused with a message, not a crash.
	await page.getByLabel('GIFT 文件').setInputFiles({ name: 'bad.gift', mimeType: 'application/octet-stream', buffer: Buffer.from([0xff, 0xfe, 0xfd, 0x00]) });
	await page.getByRole('button', { name: '转换' }).click();
	await expect(page.getByRole('alert')).toHaveText('这个文件不是 UTF-8 文本，请在 Moodle 里导出为 GIFT 格式后再试。');
	await traineeCtx.close();
	await trainerCtx.close();
});
