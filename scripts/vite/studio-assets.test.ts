import { describe, expect, it } from 'vitest';
import { studioOnlyFiles } from './studio-assets';

const chunk = (fileName: string, o: { entry?: boolean; imports?: string[]; dynamic?: string[]; modules?: string[]; css?: string[] } = {}) => ({
	type: 'chunk' as const,
	fileName,
	isEntry: o.entry ?? false,
	imports: o.imports ?? [],
	dynamicImports: o.dynamic ?? [],
	moduleIds: o.modules ?? [],
	viteMetadata: { importedCss: new Set(o.css ?? []), importedAssets: new Set<string>() }
});

describe('studioOnlyFiles', () => {
	it('lists what only studio route nodes reach, keeping what any other page shares', () => {
		const bundle = Object.fromEntries(
			[
				chunk('_app/immutable/entry/app.js', { entry: true, dynamic: ['_app/immutable/nodes/2.js', '_app/immutable/nodes/9.js'] }),
				chunk('_app/immutable/nodes/2.js', { entry: true, modules: ['/p/src/routes/play/[id]/+page.svelte'], imports: ['_app/immutable/chunks/player.js'] }),
				chunk('_app/immutable/nodes/9.js', {
					entry: true,
					modules: ['/p/src/routes/studio/[doc]/+page.svelte'],
					imports: ['_app/immutable/chunks/player.js'],
					dynamic: ['_app/immutable/chunks/codemirror.js'],
					css: ['_app/immutable/assets/9.css']
				}),
				chunk('_app/immutable/chunks/player.js'),
				chunk('_app/immutable/chunks/codemirror.js', { imports: ['_app/immutable/chunks/lezer.js'] }),
				chunk('_app/immutable/chunks/lezer.js'),
				{ type: 'asset' as const, fileName: '_app/immutable/workers/check.worker-x.js' },
				{ type: 'asset' as const, fileName: '_app/immutable/assets/9.css' },
				{ type: 'asset' as const, fileName: '_app/version.json' }
			].map((o) => [o.fileName, o])
		);
		expect(studioOnlyFiles(bundle)).toEqual([
			'_app/immutable/assets/9.css',
			'_app/immutable/chunks/codemirror.js',
			'_app/immutable/chunks/lezer.js',
			'_app/immutable/nodes/9.js',
			'_app/immutable/workers/check.worker-x.js'
		]);
	});
});
