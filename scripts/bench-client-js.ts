// Bench sections "client-js" and "charts" (scripts/bench.ts):
//  - the client JavaScript of /play, the debrief and /coach, raw and gzip, counted from the files
//    each page's HTML loads (against the bench's built server, scripts/bench-server.ts);
//  - the debrief's charts, hand-drawn SVG against Chart.js.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchServer } from './bench-server';

/** Client JavaScript of a route: every script its HTML loads or preloads, raw and gzip. */
export async function routeJs(path: string) {
	const { base } = await benchServer();
	const html = await (await fetch(`${base}${path}`)).text();
	// The HTML imports SvelteKit's start and app entries and names the route's node ids; the app
	// entry maps node ids to files. Every file is followed through its static imports.
	const files = new Set<string>();
	const toFile = (href: string, from = 'build/client/_app/immutable/entry/x.js') => resolvePath(dirname(from), href);
	const entries = [...html.matchAll(/import\("([^"]+)"\)/g)].map((m) => resolvePath(dirname(`build/client${path.split('?')[0]}`), m[1]));
	const app = entries.find((e) => /\/entry\/app\./.test(e));
	const nodeIds = (html.match(/node_ids:\s*\[([\d,\s]+)\]/)?.[1] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
	const nodeFiles = app
		? [...readFileSync(app, 'utf8').matchAll(/import\([`"](\.\.\/nodes\/(\d+)\.[^`"]+\.js)[`"]\)/g)].filter((m) => nodeIds.includes(m[2])).map((m) => toFile(m[1], app))
		: [];
	const queue = [...entries, ...nodeFiles];
	while (queue.length) {
		const f = queue.pop()!;
		if (files.has(f)) continue;
		files.add(f);
		for (const m of readFileSync(f, 'utf8').matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) queue.push(toFile(m[1], f));
	}
	let raw = 0;
	let gzip = 0;
	for (const f of files) {
		const buf = readFileSync(f);
		raw += buf.length;
		gzip += gzipSync(buf, { level: 9 }).length;
	}
	return { path, files: files.size, node_ids: nodeIds, raw_bytes: raw, gzip_bytes: gzip };
}

// The debrief's charts: our hand-drawn SVG components against the smallest Chart.js bundle that
// draws a bar and a line chart (the maintained library we would otherwise use).
export async function chartCost() {
	const { build } = await import('esbuild');
	const lib = await build({
		stdin: {
			contents: `import { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale } from 'chart.js';
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale); export { Chart };`,
			resolveDir: process.cwd()
		},
		bundle: true,
		minify: true,
		format: 'esm',
		write: false
	});
	const ours = await build({
		stdin: { contents: `export * from './src/routes/play/[id]/debrief/DimensionChart.svelte'; export * from './src/routes/play/[id]/debrief/MoodChart.svelte';`, resolveDir: process.cwd() },
		bundle: true,
		minify: true,
		format: 'esm',
		write: false,
		external: ['svelte', 'svelte/*', '$lib/*'],
		plugins: [
			{
				name: 'svelte',
				setup(b) {
					b.onLoad({ filter: /\.svelte$/ }, async (args) => {
						const { compile, preprocess } = await import('svelte/compiler');
						const { vitePreprocess } = await import('@sveltejs/vite-plugin-svelte');
						const source = readFileSync(args.path, 'utf8');
						const pre = await preprocess(source, vitePreprocess({ style: false }), { filename: args.path });
						return { contents: compile(pre.code, { filename: args.path, generate: 'client', css: 'injected' }).js.code, loader: 'js' };
					});
				}
			}
		]
	});
	const size = (bytes: Uint8Array) => ({ raw_bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 9 }).length });
	return { hand_svg_components: size(ours.outputFiles[0].contents), chartjs_bar_and_line: size(lib.outputFiles[0].contents) };
}


// The studio's JavaScript, from the build (its pages are for signed-in trainers, so not fetched
// over HTTP here): what its editor page loads first (SvelteKit's entries, the root layout and the
// page's node, followed through static imports), what its tabs load when first opened (dynamic
// imports from there on), and its workers (the checker, the graph layout).
const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(["'`]([^"'`]+\.js)["'`]\)/g;

function closure(start: string[], seen = new Set<string>()): Set<string> {
	const queue = [...start];
	while (queue.length) {
		const f = queue.pop()!;
		if (seen.has(f)) continue;
		seen.add(f);
		for (const m of readFileSync(f, 'utf8').matchAll(STATIC_IMPORT)) queue.push(resolvePath(dirname(f), m[1]));
	}
	return seen;
}
function weigh(files: Iterable<string>) {
	let raw = 0;
	let gzip = 0;
	let n = 0;
	for (const f of files) {
		const buf = readFileSync(f);
		raw += buf.length;
		gzip += gzipSync(buf, { level: 9 }).length;
		n++;
	}
	return { files: n, raw_bytes: raw, gzip_bytes: gzip };
}

/**
 * Voice mode's JavaScript (issue 12): what 接听 fetches (the call, Howler) beyond /play's first load,
 * from the build's Vite manifest. Null without a build.
 */
export function voiceJs() {
	const manifestPath = '.svelte-kit/output/client/.vite/manifest.json';
	if (!existsSync(manifestPath)) return null;
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
	const call = manifest['src/lib/components/player/voice/Call.svelte'];
	const play = firstLoad('/play/[id]');
	if (!call || !play) return null;
	const later = closure([`build/client/${call.file}`]);
	for (const f of play) later.delete(f);
	return { first_load_excluded: true, call_js: weigh(later) };
}

/** The JavaScript a route's first visit loads: the entries' static closure and the route's nodes. */
function firstLoad(route: string): Set<string> | null {
	const manifestDir = 'build/server/chunks';
	const manifest = readdirSync(manifestDir).find((f) => /^manifest\.js-.*\.js$/.test(f));
	if (!manifest) return null;
	const text = readFileSync(`${manifestDir}/${manifest}`, 'utf8');
	const at = text.indexOf(`id: "${route}"`);
	const page = /page: \{ layouts: \[([\d,]*)\], errors: \[[\d,]*\], leaf: (\d+) \}/.exec(text.slice(at, at + 400));
	if (at < 0 || !page) return null;
	const nodeIds = [...page[1].split(',').filter(Boolean), page[2]];
	const immutable = 'build/client/_app/immutable';
	const nodes = readdirSync(`${immutable}/nodes`).filter((f) => f.endsWith('.js') && nodeIds.includes(f.split('.')[0])).map((f) => `${immutable}/nodes/${f}`);
	const entries = readdirSync(`${immutable}/entry`).filter((f) => /^(start|app)\..*\.js$/.test(f)).map((f) => `${immutable}/entry/${f}`);
	return closure([...entries, ...nodes]);
}

export function studioJs(route = '/studio/[doc]') {
	const first = firstLoad(route);
	if (!first) return null;
	const immutable = 'build/client/_app/immutable';
	const lazy = new Set<string>();
	for (const f of first) {
		if (/\/entry\/app\./.test(f)) continue;
		for (const m of readFileSync(f, 'utf8').matchAll(DYNAMIC_IMPORT)) lazy.add(resolvePath(dirname(f), m[1]));
	}
	const later = closure([...lazy], new Set(first));
	for (const f of first) later.delete(f);
	const workers = readdirSync(`${immutable}/workers`).filter((f) => f.endsWith('.js')).map((f) => `${immutable}/workers/${f}`);
	return { route, first_load: weigh(first), tabs_when_opened: weigh(later), workers: weigh(workers) };
}
