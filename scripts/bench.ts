// npm run bench [-- <section> …]: prints JSON figures. Measured, never asserted. Every section by
// default; `npm run bench -- --help` lists them. Sections that measure the built app over HTTP
// build it first and share one server (scripts/bench-server.ts). Each section's time goes to
// stderr, so `npm run --silent bench` prints the JSON alone on stdout.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { stopBenchServer } from './bench-server';

interface Section {
	about: string;
	/** Measures the built app: build it first. */
	server?: boolean;
	run(): Promise<object> | object;
}

const firstScenario = async () => {
	const { shippedScenarios } = await import('./bench-compiler');
	return shippedScenarios()[0];
};
/** The debrief of the first scenario's first path, reachable without signing in (?c=choices). */
const debriefPath = async () => {
	const s = await firstScenario();
	return s ? `/play/${s.scenario!.meta.id}/debrief?c=${s.paths!.paths[0].witness.join(',')}` : null;
};

const sections: Record<string, Section> = {
	compiler: {
		about: 'load+check+compile of a generated 2,000-node scenario against YAML parsing alone',
		run: async () => (await import('./bench-compiler')).benchCompiler()
	},
	engine: {
		about: 'engine latency per step (shipped scenarios, generated 2,000-node spine)',
		run: async () => (await import('./bench-compiler')).benchEngine()
	},
	'client-js': {
		about: 'client JavaScript of /play, the debrief and /coach, raw and gzip, from the files each HTML loads; the studio editor page (first load, tabs, workers) from the build',
		server: true,
		run: async () => {
			const { routeJs } = await import('./bench-client-js');
			const s = await firstScenario();
			const debrief = await debriefPath();
			return {
				play_route_client_js: s ? await routeJs(`/play/${s.scenario!.meta.id}`) : null,
				debrief_route_client_js: debrief ? await routeJs(debrief) : null,
				coach_route_client_js: await routeJs('/coach'),
				// For trainers only, so measured from the build rather than fetched (scripts/bench-client-js.ts).
				studio_route_client_js: (await import('./bench-client-js')).studioJs(),
				// What 接听 fetches on a phone call (the call and Howler), apart from /play's first load.
				voice_call_client_js: (await import('./bench-client-js')).voiceJs()
			};
		}
	},
	charts: {
		about: "the debrief's hand-drawn SVG charts against the smallest Chart.js bundle for the same",
		run: async () => ({ debrief_charts: await (await import('./bench-client-js')).chartCost() })
	},
	'studio-graph': {
		about: "the studio's flow chart: reading a draft into a graph and laying it out (shipped scenarios, 200-node drafts)",
		run: async () => (await import('./bench-studio-graph')).benchStudioGraph()
	},
	voice: {
		about: 'audio bytes per phone scenario (generated clips, webm and mp3), and how long planning them takes',
		run: async () => ({ voice: await (await import('./bench-voice')).benchVoice() })
	},
	best: {
		about: 'best-possible score search and path counting: shipped scenarios and pathological shapes, exhaustive against DP',
		run: async () => ({ best_score: (await import('./bench-best')).benchBest() })
	},
	analyzer: {
		about: 'reply analyzer: replies/s, per-code precision/recall/F1, and the blind set (aggregates only)',
		run: async () => ({
			analyzer: await (await import('./bench-analyzer')).benchAnalyzer(),
			// Written by someone who never saw the rules, never opened by whoever tunes them.
			analyzer_blind_set: (await import('./blind-eval')).blindAggregates()
		})
	},
	respond: {
		about: 'typed replies answered per second in one process and through npm run respond',
		run: async () => ({ respond: (await import('./bench-respond')).benchRespond() })
	},
	store: {
		about: 'embedded store: event write latency and events/s with 100 concurrent trainees',
		run: async () => ({ event_writes_embedded: await (await import('./bench-store')).benchStore() })
	},
	dashboard: {
		about: "embedded store: the trainer's cohort dashboard (200 members, 20 role plays each), server time p50/p99, and a member's drill-down",
		run: async () => ({ trainer_dashboard_embedded: await (await import('./bench-dashboard')).benchDashboard() })
	},
	'page-weight': {
		about: 'bytes on the wire per main route as a real Chromium first loads it (HTML, JS, CSS, data, total; JS gzip), beside the targets',
		server: true,
		run: async () => {
			const s = await firstScenario();
			const id = s?.scenario!.meta.id ?? 'angry-caller';
			const debrief = await debriefPath();
			const { benchPageWeight } = await import('./bench-weight');
			return {
				page_weight: await benchPageWeight({
					home: '/',
					play: `/play/${id}`,
					...(debrief ? { debrief } : {}),
					coach: '/coach',
					quiz: '/quiz',
					quiz_knowledge: '/quiz/knowledge'
				})
			};
		}
	},
	ssr: {
		about: 'requests/s and median latency of /play/<id> against a static file of the build, 20 keep-alive connections',
		server: true,
		run: async () => {
			const s = await firstScenario();
			const { benchSsr } = await import('./bench-ssr');
			return { ssr_throughput: await benchSsr(`/play/${s?.scenario!.meta.id ?? 'angry-caller'}`) };
		}
	}
};

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
	const width = Math.max(...Object.keys(sections).map((n) => n.length));
	process.stdout.write(
		'npm run bench [-- <section> …]   (all sections when none is named)\n\nSections:\n' +
			Object.entries(sections)
				.map(([name, s]) => `  ${name.padEnd(width)}  ${s.about}`)
				.join('\n') +
			'\n'
	);
	process.exit(0);
}
const unknown = args.filter((a) => !(a in sections));
if (unknown.length) {
	console.error(`Unknown bench section: ${unknown.join(', ')}. Sections: ${Object.keys(sections).join(', ')} (npm run bench -- --help).`);
	process.exit(2);
}
const chosen = args.length ? Object.keys(sections).filter((n) => args.includes(n)) : Object.keys(sections);

if (chosen.some((n) => sections[n].server)) {
	const built = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' });
	if (built.status !== 0) {
		process.stderr.write(built.stdout + built.stderr + '\nbench: the build failed.\n');
		process.exit(1);
	}
}

const figures: Record<string, unknown> = {};
const started = performance.now();
try {
	for (const name of chosen) {
		const t0 = performance.now();
		Object.assign(figures, await sections[name].run());
		console.error(`bench: ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	}
} finally {
	await stopBenchServer();
}
console.error(`bench: ${chosen.length} section(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
