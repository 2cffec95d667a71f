// npm run bench: prints JSON figures. Measured, never asserted.
//  - load+check+compile of a generated 2,000-node scenario against YAML parsing alone (the ratio);
//  - engine latency per step;
//  - the client JavaScript of /play, the debrief and /coach, raw and gzip, counted from the files
//    each page's HTML loads; the debrief's charts, hand-drawn SVG against Chart.js;
//  - the reply analyzer: replies per second, and precision/recall/F1 per code on the labelled set;
//  - the embedded store: event write latency p50/p99 and events/s with 100 concurrent simulated
//    trainees (scripts/bench-store.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { compileScenario } from '../src/lib/scenario/compiler';
import { choose1, startActor } from '../src/lib/scenario/engine';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import type { CompiledNode, CompiledScenario } from '../src/lib/scenario/types';

function generatedScenario(nodes: number): string {
	// A spine of decision → line pairs with a mood route every 20 nodes and three endings.
	const out = ['format: 1', 'id: generated', 'title: 生成的情景', 'summary: 基准测试用', 'class: 普通', 'channel: phone', 'difficulty: easy', 'minutes: 5',
		'persona: { name: 测试客户, archetype: angry }', 'objectives: [基准]', 'mood: { start: 50 }', 'nodes:'];
	const body = nodes - 3;
	for (let i = 0; i < body; i++) {
		const next = i + 1 < body ? `n${i + 1}` : 'end-ok';
		if (i % 20 === 19) {
			out.push(`  - id: n${i}`, '    type: route', '    routes:', '      - when: { moodAtLeast: escalated }', '        next: end-escalated', '      - when: { moodBelow: 5 }', '        next: end-lost', `    otherwise: ${next}`);
		} else if (i % 2 === 0) {
			out.push(`  - id: n${i}`, '    type: decision', '    replies:');
			for (const [r, mood, code] of [['a', -3, 'listen'], ['b', 4, 'blame'], ['c', 1, 'info']] as const)
				out.push(`      - id: ${r}`, `        text: 回复 ${r} 第 ${i} 步`, `        moves: [${code === 'blame' ? '' : code}]`, ...(code === 'blame' ? ['        flags: [blame]'] : []), `        mood: ${mood}`, '        feedback: 说明', `        next: ${next}`);
		} else {
			out.push(`  - id: n${i}`, '    type: line', `    text: 客户第 ${i} 句`, '    variants:', '      - when: { flagged: blame }', '        text: 你们总是推卸', `    next: ${next}`);
		}
	}
	out.push('  - id: end-ok', '    type: ending', '    outcome: resolved', '    title: 解决', '    debrief: 好',
		'  - id: end-escalated', '    type: ending', '    outcome: escalated', '    title: 升级', '    debrief: 升级了',
		'  - id: end-lost', '    type: ending', '    outcome: lost', '    title: 流失', '    debrief: 流失了');
	return out.join('\n') + '\n';
}

function time(fn: () => void, runs: number) {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	return { median_ms: round(samples[Math.floor(runs / 2)]), min_ms: round(samples[0]), runs };
}
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// 1. Compiler against YAML parsing alone.
const yaml = generatedScenario(2000);
const compiled = compileScenario('generated.yaml', yaml);
if (!compiled.scenario) throw new Error(`generated scenario does not compile: ${compiled.diagnostics[0]?.message}`);
for (let i = 0; i < 3; i++) compileScenario('generated.yaml', yaml); // warm-up
const parseOnly = time(() => parseYaml(yaml), 15);
const full = time(() => compileScenario('generated.yaml', yaml), 15);

// 2. Engine: microseconds per CHOOSE, along the shipped scenarios' paths (by their witnesses) and
// along the generated 2,000-node spine.
function stepLatency(runs: { scenario: CompiledScenario; choices: (i: number, node: Extract<CompiledNode, { type: 'decision' }>) => string }[], rounds: number) {
	const samples: number[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const { scenario, choices } of runs) {
			const actor = startActor(scenario);
			for (let i = 0; ; i++) {
				const snap = actor.getSnapshot();
				const node = scenario.nodes[String(snap.value)];
				if (snap.status === 'done' || node.type !== 'decision') break;
				const reply = choices(i, node);
				const t0 = performance.now();
				choose1(scenario, actor, reply, i);
				samples.push(performance.now() - t0);
			}
			actor.stop();
		}
	}
	samples.sort((a, b) => a - b);
	return { steps: samples.length, p50_us: round(quantile(samples, 0.5) * 1000, 1), p99_us: round(quantile(samples, 0.99) * 1000, 1), max_us: round(samples[samples.length - 1] * 1000, 1) };
}
const shipped = scenarioFiles('scenarios').map((f) => checkFile(f)).filter((c) => c.scenario);
stepLatency(shipped.flatMap((c) => c.paths!.paths.map((p) => ({ scenario: c.scenario!, choices: (i: number) => p.witness[i] }))), 3); // warm-up
const engineShipped = stepLatency(shipped.flatMap((c) => c.paths!.paths.map((p) => ({ scenario: c.scenario!, choices: (i: number) => p.witness[i] }))), 20);
const engineGenerated = stepLatency([{ scenario: compiled.scenario, choices: (i, node) => node.replies[i % 3 === 1 ? 2 : 0].id }], 5);

// 3. Client JavaScript of /play/<id>: every script the HTML loads or preloads.
async function routeJs(path: string) {
	const port = 4300 + Math.floor(Math.random() * 500);
	// A data directory of its own: the app's .data/pglite may be locked by a running npm start.
	const dataDir = mkdtempSync(join(tmpdir(), 'coach-bench-'));
	const server = spawn('node', ['scripts/serve.js'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: 'ignore' });
	try {
		let html = '';
		for (let i = 0; i < 100 && !html; i++) {
			try {
				html = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
			} catch {
				await new Promise((r) => setTimeout(r, 100));
			}
		}
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
	} finally {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill();
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

// 4. The debrief's charts: our hand-drawn SVG components against the smallest Chart.js bundle that
// draws a bar and a line chart (the maintained library we would otherwise use).
async function chartCost() {
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

const { benchAnalyzer } = await import('./bench-analyzer');
const { benchStore } = await import('./bench-store');
const { blindAggregates } = await import('./blind-eval');
const { benchRespond } = await import('./bench-respond');
const firstId = shipped[0]?.scenario?.meta.id;
const figures = {
	compiler_2000_nodes: {
		nodes: Object.keys(compiled.scenario.nodes).length,
		yaml_bytes: yaml.length,
		yaml_parse_only: parseOnly,
		load_check_compile: full,
		ratio_full_to_parse: round(full.median_ms / parseOnly.median_ms, 2)
	},
	engine_step_shipped_scenarios: engineShipped,
	engine_step_generated_2000_nodes: engineGenerated,
	play_route_client_js: firstId ? await routeJs(`/play/${firstId}`) : null,
	debrief_charts: await chartCost(),
	debrief_route_client_js: firstId ? await routeJs(`/play/${firstId}/debrief?c=${shipped[0].paths!.paths[0].witness.join(',')}`) : null,
	coach_route_client_js: await routeJs('/coach'),
	analyzer: await benchAnalyzer(),
	// Written by someone who never saw the rules, never opened by whoever tunes them: aggregates only.
	analyzer_blind_set: blindAggregates(),
	respond: benchRespond(),
	event_writes_embedded: await benchStore()
};
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
