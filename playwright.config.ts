import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.TEST_PORT ?? 4173);
// Debian's Chromium when present (Playwright cannot download browsers here), else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
	testDir: 'tests/browser',
	fullyParallel: true,
	workers: 2,
	// Two cores run the server, the browser and two workers at once: a long role play can pass 30 s.
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		launchOptions: {
			executablePath,
			// This machine has no network beyond localhost: keep Chromium from trying.
			args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
		}
	},
	webServer: {
		command: 'node scripts/serve.js',
		// A data directory of its own, emptied by scripts/run-browser-tests.js before each run.
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}`, DATA_DIR: '.data/browser-tests' },
		url: `http://localhost:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
