import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Routes are resolved by the server when the client navigates, so the first load does not carry
		// the manifest of every page (trainer and studio pages included): /play's JavaScript budget
		// (tests/browser/weight.spec.ts) stays the same however many pages the app grows.
		router: { resolution: 'server' },
		// static/audio/ (generated voice clips, authored recordings: megabytes) is left out of the
		// service worker's precache, so a visitor never downloads every clip; a phone call fetches
		// (and keeps) only its own.
		serviceWorker: { files: (file) => !/\.DS_Store/.test(file) && !file.startsWith('audio/') },
		// src/hooks.server.ts checks Origin on every non-GET request, whatever its content type, and
		// accepts the loopback origins of local mode; SvelteKit's own check (forms only, ORIGIN only)
		// is weaker and would refuse forms posted from http://127.0.0.1:PORT. '*' turns it off
		// (`checkOrigin: false` is deprecated); never leave this without the hook's check.
		csrf: { trustedOrigins: ['*'] },
		// Pages' Content-Security-Policy: SvelteKit hashes its own inline scripts, so no script runs
		// that the build did not make.
		// Styles allow inline: Svelte writes style attributes (the mood meter) and transitions.
		csp: {
			// Hashes, not nonces, on every page: a page shared by anonymous visitors
			// (scripts/server/page-cache.js) must not repeat a nonce.
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	},
	compilerOptions: { runes: true }
};
