// A scenario a trainer published to their team (issue 11), in the browser: the spec runs its own
// server (the built app) on a data directory it seeds first, as the studio's publish would leave
// it (tests/db/publish-fixture.ts): a trainer, a member of their cohort, a trainee of another
// trainer, and the team's scenario. The member finds it in the library marked as the team's and
// plays it to its end (every choice stored on the server, the debrief on the version played); the
// other trainee and nobody signed in get neither the card nor the page. The scenario travels
// inline in the page, never as a public /data/ file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { compileYaml } from '../db/helpers';
import { publish, teamScenario, teamScenarioYaml } from '../db/publish-fixture';
import { acknowledgedEvents, controlledByWorker, open, playFirstRepliesToEnd } from './scenarios';
import { freePort, killServer, startServer, type OwnServer } from './server';

const scenario = teamScenario('team-browser', '团队浏览器情景');
test.describe.configure({ mode: 'serial' });

let root = '';
let server: OwnServer | null = null;
let base = '';
let dataDir = '';
let port = 0;
let leadId = '';

test.beforeAll(async () => {
	test.setTimeout(180_000);
	root = mkdtempSync(join(tmpdir(), 'coach-team-'));
	dataDir = join(root, 'pglite');
	// Seeded before the server opens the directory (it holds the database's lock while it runs).
	const { openEmbedded } = await import('../../src/lib/server/db/embedded');
	const { createStore } = await import('../../src/lib/server/db/store');
	const { localClaims } = await import('../../src/lib/server/db/session');
	const db = await openEmbedded({ dataDir });
	const store = createStore({ db, getScenario: () => undefined, getRules: () => { throw new Error('no rules needed'); } });
	const lead = localClaims((leadId = (await store.createProfile({ displayName: '组长老师', role: 'trainer' })).id));
	const other = localClaims((await store.createProfile({ displayName: '别组老师', role: 'trainer' })).id);
	const member = await store.createProfile({ displayName: '组员甲' });
	const outsider = await store.createProfile({ displayName: '别组学员' });
	await store.addMember(lead, (await store.createCohort(lead, '一组')).id, member.id);
	await store.addMember(other, (await store.createCohort(other, '二组')).id, outsider.id);
	await publish(db, lead, { scenario });
	await db.close();
	port = await freePort();
	base = `http://localhost:${port}`;
	server = await startServer(port, { DATA_DIR: dataDir });
});
test.afterAll(async () => {
	await killServer(server);
	rmSync(root, { recursive: true, force: true });
});

/** Signs in as an existing local profile (a trainee: no passphrase), landing on the library. */
async function signInAs(page: import('@playwright/test').Page, name: string) {
	await open(page, `${base}/profile?next=/`);
	await page.locator(`button[data-profile="${name}"]`).click();
	await expect(page).toHaveURL(`${base}/`);
}

test('a member finds the team scenario in the library, plays it to its end and opens the debrief', async ({ page }) => {
	test.setTimeout(120_000);
	const dataFiles: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/data/scenarios/')) dataFiles.push(r.url());
	});
	const acknowledged = acknowledgedEvents(page);
	await signInAs(page, '组员甲');
	const card = page.locator('article[data-team]', { has: page.getByRole('heading', { name: '团队浏览器情景' }) });
	await expect(card).toBeVisible();
	await expect(card.getByText('团队', { exact: true })).toBeVisible();

	await card.getByRole('link', { name: '练习模式：团队浏览器情景' }).click();
	await expect(page).toHaveURL(`${base}/play/team-browser`);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByText('你们的快递又丢了')).toBeVisible();
	const clicked = await playFirstRepliesToEnd(page);
	expect(clicked).toEqual(['sorry', 'ask']);
	await expect(page.locator('[data-outcome="resolved"]')).toBeVisible();
	await expect.poll(() => acknowledged.length).toBe(2);
	expect(dataFiles.filter((u) => u.includes('team-browser'))).toEqual([]);

	await page.getByTestId('debrief-link').click();
	await expect(page).toHaveURL(new RegExp(`/play/team-browser/debrief\\?.*v=${scenario.version}`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('团队浏览器情景');
});

test("an old attempt's debrief is unchanged after its scenario is edited and published again", async ({ page }) => {
	test.setTimeout(120_000);
	// The trainer publishes a second version: the first reply now angers and says something else.
	await killServer(server);
	const { openEmbedded } = await import('../../src/lib/server/db/embedded');
	const db = await openEmbedded({ dataDir });
	const yaml = teamScenarioYaml('team-browser', '团队浏览器情景').replace('mood: -10, feedback: 好,', 'mood: 15, feedback: 第二版的点评,');
	await publish(db, leadId, { scenario: compileYaml(yaml), yaml });
	await db.close();
	server = await startServer(port, { DATA_DIR: dataDir });

	await signInAs(page, '组员甲');
	await open(page, `${base}/progress`);
	await page.getByTestId('attempt-debrief').first().click();
	await expect(page.getByTestId('overall')).toHaveAttribute('data-overall', String(scoreAttempt(scenario, { choices: ['sorry', 'ask'] }).overall));
	await expect(page.getByText('第二版的点评')).toHaveCount(0);
});

test("another team's trainee and nobody signed in see neither the card nor the page", async ({ page }) => {
	expect((await page.request.get(`${base}/play/team-browser`)).status()).toBe(404);
	await open(page, `${base}/`);
	await expect(page.locator('article[data-team]')).toHaveCount(0);
	await signInAs(page, '别组学员');
	await expect(page.locator('article').first()).toBeVisible();
	await expect(page.locator('article[data-team]')).toHaveCount(0);
	expect((await page.goto(`${base}/play/team-browser`))?.status()).toBe(404);
});

test("the service worker keeps the team's page only for its profile, and no team data in the shared data cache", async ({ page }) => {
	test.setTimeout(120_000);
	await signInAs(page, '组员甲');
	await open(page, `${base}/play/team-browser`);
	await controlledByWorker(page);
	const playUrl = page.url();
	// Kept for offline reloads like any play page, with the profile it was made for.
	const cached = () => page.evaluate(async (url) => (await caches.match(url)) !== undefined, playUrl);
	await expect.poll(cached, { timeout: 20_000 }).toBe(true);
	const dataCache = () => page.evaluate(async () => (await (await caches.open('data-v1')).keys()).map((r) => new URL(r.url).pathname));
	expect((await dataCache()).filter((p) => p.includes('team-browser'))).toEqual([]);
	expect(await page.evaluate(async (url) => (await caches.match(url))?.headers.get('cache-control'), playUrl)).toBe('private');

	// Another profile signs in on the same browser: the team's page is gone from the worker's caches.
	await signInAs(page, '别组学员');
	await expect.poll(cached).toBe(false);
	const everything = await page.evaluate(async () => {
		const found: string[] = [];
		for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) if (r.url.includes('team-browser')) found.push(`${name} ${r.url}`);
		return found;
	});
	expect(everything).toEqual([]);
});
