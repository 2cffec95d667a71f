import { defineConfig } from '@playwright/test';

const port = Number(process.env.TEST_PORT ?? 4173);
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
	testDir: 'tests/browser',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
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
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}` },
		url: `http://localhost:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
