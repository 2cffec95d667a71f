// Killing the server mid-attempt: this spec runs its own server (the built app, scripts/serve.js)
// on a free port with its own data directory, kills it with SIGKILL while a trainee plays, and
// starts it again on the same directory and port. Every acknowledged event survives, the choices
// made while it was down are delivered once it is back, exactly once, and the attempt resumes at
// the same turn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { acknowledgedEvents, checkedScenarios, newProfile, open } from './scenarios';
import { freePort, killServer, startServer, type OwnServer } from './server';

const checked = checkedScenarios.find((c) => c.scenario)!;
const scenario = checked.scenario!;
const path = [...checked.paths!.paths].sort((a, b) => b.decisions - a.decisions)[0];

// Each test gets a fresh directory; its server is stopped and the directory removed after it.
let root = '';
let dataDir = '';
let server: OwnServer | null = null;

test.beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'coach-restart-'));
	dataDir = join(root, 'pglite');
	server = null;
});
test.afterEach(async () => {
	await killServer(server);
	rmSync(root, { recursive: true, force: true });
});

/** Starts the built app on `port` with this spec's data directory. */
async function start(port: number) {
	server = await startServer(port, { DATA_DIR: dataDir });
	return server;
}

test('a server killed mid-attempt keeps every acknowledged event; choices made while it was down arrive once after restart', async ({ page, browser }) => {
	// Two server starts (each searches the scenarios' best scores) and the player's 10 s retry.
	test.setTimeout(180_000);
	expect(path.witness.length).toBeGreaterThanOrEqual(6);
	const [a, b, c, d, e, f] = path.witness;
	const port = await freePort();
	const base = `http://localhost:${port}`;
	const acknowledged = acknowledgedEvents(page);

	const first = (await start(port)).child;
	await newProfile(page, `学员庚${Date.now()}`, { base });
	await open(page, `${base}/play/${scenario.meta.id}`);
	for (const r of [a, b, c]) await page.locator(`button[data-reply="${r}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(3);

	// Killed mid-attempt, no chance to close anything.
	const killed = new Promise((r) => first.once('exit', (_code, signal) => r(signal)));
	first.kill('SIGKILL');
	expect(await killed).toBe('SIGKILL');

	// The trainee keeps playing; the outbox holds the choices.
	for (const r of [d, e]) await page.locator(`button[data-reply="${r}"]`).click();
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '2');

	// Back up on the same data directory: the player's own retry delivers what waited.
	await start(port);
	await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBe(5);
	await expect(page.getByTestId('sync')).toHaveAttribute('data-pending', '0');

	const list = await (await page.request.get(`${base}/api/attempts`)).json();
	expect(list).toHaveLength(1);
	const detail = await (await page.request.get(`${base}/api/attempts/${list[0].id}`)).json();
	expect(detail.attempt.state).toBe('active');
	expect(detail.events.map((x: { replyId: string }) => x.replyId)).toEqual([a, b, c, d, e]);
	expect(detail.events.map((x: { idempotencyKey: string }) => x.idempotencyKey)).toEqual(acknowledged);
	expect(new Set(acknowledged).size).toBe(5);

	// Another device, same profile: what the server kept alone resumes at the sixth turn.
	const other = await browser.newContext();
	try {
		await other.addCookies(await page.context().cookies(base));
		const fresh = await other.newPage();
		await open(fresh, `${base}/play/${scenario.meta.id}`);
		await expect(fresh.getByTestId('sync')).toContainText('接着上次的进度');
		await expect(fresh.locator('.entry.reply')).toHaveCount(5);
		await expect(fresh.locator(`button[data-reply="${f}"]`)).toBeVisible();
	} finally {
		await other.close();
	}
	// And this page, reloaded, resumes there too and carries on.
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.locator('.entry.reply')).toHaveCount(5);
	await page.locator(`button[data-reply="${f}"]`).click();
	await expect.poll(() => acknowledged.length).toBe(6);
	const after = await (await page.request.get(`${base}/api/attempts/${list[0].id}`)).json();
	expect(after.events.map((x: { replyId: string }) => x.replyId)).toEqual([a, b, c, d, e, f]);
});

test('quiz results are found again after the app is stopped and started: the self-assessment profile and the quiz history', async ({ page }) => {
	test.setTimeout(120_000);
	const quiz = checkQuizFile('scenarios/quizzes/self-assessment.yaml').quiz!;
	const port = await freePort();
	const base = `http://localhost:${port}`;
	await start(port);
	await newProfile(page, `学员癸${Date.now()}`, { base, next: '/quiz' });
	// Taken through the API the quiz page uses: every statement answered 4 of 5.
	const started = await (await page.request.post(`${base}/api/attempts`, { data: { kind: 'quiz', quizId: quiz.id, version: quiz.version, mode: 'assessment' }, headers: { origin: base } })).json();
	for (const [i, q] of (started.view.questions as { id: string }[]).entries()) {
		const r = await page.request.post(`${base}/api/attempts/${started.attempt.id}/answers`, {
			data: { idempotencyKey: `restart-${i}-${Date.now()}`, seq: i + 1, questionId: q.id, answer: 4, clientTime: new Date().toISOString() },
			headers: { origin: base }
		});
		expect(r.status()).toBe(200);
	}
	const submitted = await (await page.request.post(`${base}/api/attempts/${started.attempt.id}/submit`, { data: {}, headers: { origin: base } })).json();

	// Stopped the way an operator stops it (SIGTERM), then started again on the same data.
	const exited = new Promise((r) => server!.child.once('exit', r));
	server!.child.kill('SIGTERM');
	await exited;
	await start(port);

	await open(page, `${base}/quiz/${quiz.id}`);
	await expect(page.getByTestId('quiz-history').locator('tr[data-row="last"]')).toContainText(`${submitted.score.overall}%`);
	await open(page, `${base}/quiz/${quiz.id}/${started.attempt.id}`);
	await expect(page.getByTestId('profile').locator('meter')).toHaveCount(7);
	await open(page, `${base}/progress`);
	await expect(page.getByTestId('attempt').filter({ hasText: quiz.title })).toContainText(`${submitted.score.overall}%`);
});
