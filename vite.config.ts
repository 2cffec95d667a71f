import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { studioAssets } from './scripts/vite/studio-assets';

// codemirror-json-schema (the studio's YAML completion and hover) always imports markdown-it and
// shiki to render schema descriptions (upstream issue jsonnext/codemirror-json-schema#149): about
// 100 KB gzip of the studio's editor for nothing. Our schema's descriptions are plain text, so its
// markdown module is replaced by one that renders them as text.
const schemaHelpWithoutShiki: Plugin = {
	name: 'codemirror-json-schema-without-shiki',
	enforce: 'pre',
	resolveId(id, importer) {
		if (id === '../utils/markdown' && importer?.includes('/codemirror-json-schema/'))
			return fileURLToPath(new URL('./src/lib/studio/codemirror/markdownAsText.ts', import.meta.url));
	}
};

export default defineConfig({
	plugins: [schemaHelpWithoutShiki, sveltekit(), studioAssets()],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts'],
		environment: 'node'
	}
});
