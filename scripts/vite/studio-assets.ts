// The studio's code (CodeMirror, the flow chart, the compiler in a worker) must never load for
// people who only play and take quizzes, and that includes the service worker's precache: it would
// download every build file after the first visit. This plugin lists, after the client build, the
// files only studio pages can reach (`_app/studio-assets.json`); the service worker leaves them
// out of its precache (src/service-worker.ts) and the page-weight bench subtracts them too.
import type { Plugin } from 'vite';

/** A SvelteKit route node chunk that holds a studio page. */
const STUDIO_ROUTE = /\/src\/routes\/studio\//;
export const STUDIO_ASSETS_FILE = '_app/studio-assets.json';

interface ChunkLike {
	type: 'chunk';
	fileName: string;
	isEntry: boolean;
	imports: string[];
	dynamicImports: string[];
	moduleIds: string[];
	viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetLike {
	type: 'asset';
	fileName: string;
}

/** Files of a client bundle that nothing outside studio routes reaches (pure; tested). */
export function studioOnlyFiles(bundle: Record<string, ChunkLike | AssetLike>): string[] {
	const chunks = new Map<string, ChunkLike>();
	for (const o of Object.values(bundle)) if (o.type === 'chunk') chunks.set(o.fileName, o);
	const isStudioNode = (c: ChunkLike) => /\/nodes\/\d+\./.test(c.fileName) && c.moduleIds.some((m) => STUDIO_ROUTE.test(m));
	const reached = new Set<string>();
	const visit = (file: string) => {
		const c = chunks.get(file);
		if (reached.has(file) || (c && isStudioNode(c))) return;
		reached.add(file);
		if (!c) return;
		for (const f of [...c.imports, ...c.dynamicImports]) visit(f);
		for (const f of c.viteMetadata?.importedCss ?? []) reached.add(f);
		for (const f of c.viteMetadata?.importedAssets ?? []) reached.add(f);
	};
	for (const c of chunks.values()) if (c.isEntry && !isStudioNode(c)) visit(c.fileName);
	// Workers are assets no page imports statically: the studio's are reached only from its chunks.
	return Object.values(bundle)
		.map((o) => o.fileName)
		.filter((f) => /\.(js|css)$/.test(f) && !reached.has(f) && (chunks.has(f) || /\/workers\//.test(f) || /\.css$/.test(f)))
		.sort();
}

export function studioAssets(): Plugin {
	return {
		name: 'complaint-coach-studio-assets',
		apply: 'build',
		generateBundle(_options, bundle) {
			// The client build only (the server build has no pages to spare).
			if (this.environment?.config.consumer !== 'client') return;
			const files = studioOnlyFiles(bundle as unknown as Record<string, ChunkLike | AssetLike>);
			this.emitFile({ type: 'asset', fileName: STUDIO_ASSETS_FILE, source: JSON.stringify(files.map((f) => `/${f}`)) });
		}
	};
}
