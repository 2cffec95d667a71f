// Runs the Playwright browser tests against a fresh build, in Debian's Chromium when present
// (Playwright cannot download browsers everywhere), else in Playwright's own Chromium.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function findChromium() {
	if (process.env.CHROMIUM_PATH) {
		if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
		console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`);
		process.exit(1);
	}
	for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return '';
	} catch {
		/* no bundled browser */
	}
	console.error(
		'No Chromium found for the browser tests. Install one of:\n' +
			'  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
			"  elsewhere:      npx playwright install chromium   (Playwright's own build)\n" +
			'or point CHROMIUM_PATH at a Chromium binary.'
	);
	process.exit(1);
}

const chromiumPath = findChromium();
const run = (cmd, args, env = {}) => {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['run', '--silent', 'build']);
// The test server's own database starts empty on every run.
rmSync('.data/browser-tests', { recursive: true, force: true });
run('npx', ['playwright', 'test', ...process.argv.slice(2)], chromiumPath ? { CHROMIUM_PATH: chromiumPath } : {});
