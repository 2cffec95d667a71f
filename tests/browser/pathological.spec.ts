// A scenario whose best score no search can work out within its work limit (issue 10: 60
// decisions of three replies to the same next node once stalled the server for minutes before it
// answered anything). The built server, on a scenarios folder of this spec's own, must answer `/`,
// leave that scenario out with the checker's error (file and line), and serve the others.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { randomReplies, sameNextText } from '../../src/lib/scoring/best-shapes';
import { freePort, killServer, startServer, type OwnServer } from './server';

let root = '';
let server: OwnServer | null = null;

test.afterEach(async () => {
	await killServer(server);
	rmSync(root, { recursive: true, force: true });
});

test('a scenario past the best-score work limit is refused with the checker error; the server answers and serves the rest', async ({ request }) => {
	test.setTimeout(120_000);
	root = mkdtempSync(join(tmpdir(), 'coach-pathological-'));
	const scenarios = join(root, 'scenarios');
	mkdirSync(scenarios);
	copyFileSync('scenarios/angry-caller.yaml', join(scenarios, 'angry-caller.yaml'));
	// Random codes at every one of 60 decisions: no Pareto front stays small (see best.ts).
	writeFileSync(join(scenarios, 'stall.yaml'), sameNextText(60, (i) => randomReplies(3, 7 * i + 1), 'stall'));

	const port = await freePort();
	server = await startServer(port, { DATA_DIR: join(root, 'pglite'), SCENARIOS_DIR: scenarios });
	const home = await request.get(`http://localhost:${port}/`);
	expect(home.status()).toBe(200);
	const html = await home.text();
	expect(html).toContain('/play/angry-caller');
	expect(html).not.toContain('/play/stall');
	expect((await request.get(`http://localhost:${port}/play/stall`)).status()).toBe(404);
	// The loader printed the checker's error, with the file and the line of the node it stopped at.
	expect(server.output()).toMatch(/stall\.yaml:\d+:\d+: the best possible score cannot be worked out within 20000000 steps/);
});
