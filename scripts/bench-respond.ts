// `npm run bench` figures for the conversation (scripts/bench.ts imports benchRespond):
//  - in one process: typed replies answered per second by createResponder (read, react, next line);
//  - through the CLI: 20,000 JSON lines piped into `npx tsx scripts/respond.ts`, wall time including
//    start-up, and lines per second.
// The replies are the shipped scenarios' authored texts, cut, joined and mixed with common lines, so
// matched, off-script and unclear readings all occur. Measured, never asserted.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { shippedAnalyzer } from '../src/lib/analyzer/files';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { createResponder } from '../src/lib/scoring/responder';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXTRA = ['好的', '嗯', '您的想法不正确', '那我就不清楚了', '非常抱歉给您添麻烦了', '请问您最着急的是什么？', '这个不归我们管', '我保证明天一定解决'];

export function respondInput(lines = 20_000): string {
	const scenarios = scenarioFiles(resolve(root, 'scenarios')).map((f) => checkFile(f).scenario!).filter(Boolean);
	const pool: { scenario: string; decision: string; text: string }[] = [];
	for (const s of scenarios)
		for (const n of Object.values(s.nodes)) {
			if (n.type !== 'decision') continue;
			for (const r of n.replies) {
				pool.push({ scenario: s.meta.id, decision: n.id, text: r.text });
				pool.push({ scenario: s.meta.id, decision: n.id, text: r.text.slice(0, Math.ceil(r.text.length / 2)) });
			}
			for (const x of EXTRA) pool.push({ scenario: s.meta.id, decision: n.id, text: x });
		}
	const out: string[] = [];
	for (let i = 0; i < lines; i++) out.push(JSON.stringify({ id: i, ...pool[(i * 7919) % pool.length] }));
	return out.join('\n') + '\n';
}

export function benchRespond(): object {
	const input = respondInput();
	const rules = shippedAnalyzer(root);
	const scenarios = scenarioFiles(resolve(root, 'scenarios')).map((f) => checkFile(f).scenario!).filter(Boolean);
	const respond = createResponder(scenarios, rules);
	const lines = input.trimEnd().split('\n');
	for (const l of lines.slice(0, 2000)) respond(l); // warm-up (and the best-path moods, computed once)
	const t0 = performance.now();
	for (const l of lines) respond(l);
	const inProcess = Math.round((lines.length / (performance.now() - t0)) * 1000);

	// The CLI on 20,000 lines, and on 40,000: the difference is the rate once started (tsx, rules,
	// scenarios and best paths loaded, the JIT warm), the 20,000-line wall time includes all of it.
	const cli = (text: string) => {
		const t = performance.now();
		const r = spawnSync('npx', ['tsx', 'scripts/respond.ts'], { cwd: root, input: text, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
		return { seconds: (performance.now() - t) / 1000, answered: r.stdout.split('\n').filter(Boolean).length, exit: r.status };
	};
	const all = cli(input);
	const twice = cli(input + input);
	const r2 = (x: number) => Math.round(x * 100) / 100;
	return {
		in_process_replies_per_second: inProcess,
		cli_20000_lines: {
			lines: lines.length,
			answered: all.answered,
			exit: all.exit,
			seconds: r2(all.seconds),
			lines_per_second_including_startup: Math.round(lines.length / all.seconds),
			seconds_for_40000_lines: r2(twice.seconds),
			lines_per_second_once_started: Math.round(lines.length / Math.max(0.001, twice.seconds - all.seconds))
		}
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.stdout.write(JSON.stringify(benchRespond(), null, 2) + '\n');
}
