// Bench sections "compiler" and "engine" (scripts/bench.ts):
//  - load+check+compile of a generated 2,000-node scenario against YAML parsing alone (the ratio);
//  - engine latency per step, along the shipped scenarios' paths and the generated spine.
import { performance } from 'node:perf_hooks';
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

/** Median and minimum milliseconds of `runs` calls (shared by the bench sections that time pure functions). */
export function time(fn: () => void, runs: number) {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	return { median_ms: round(samples[Math.floor(runs / 2)]), min_ms: round(samples[0]), runs };
}
export const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

let generated: { yaml: string; scenario: CompiledScenario } | null = null;
/** The generated scenario, compiled once per bench run. */
function generatedCompiled() {
	return (generated ??= compileGenerated());
}
function compileGenerated() {
	const yaml = generatedScenario(2000);
	const compiled = compileScenario('generated.yaml', yaml);
	if (!compiled.scenario) throw new Error(`generated scenario does not compile: ${compiled.diagnostics[0]?.message}`);
	return { yaml, scenario: compiled.scenario };
}

let shipped: ReturnType<typeof checkFile>[] | null = null;
/** The scenarios in scenarios/ that compile, checked (with their paths), once per bench run. */
export const shippedScenarios = () => (shipped ??= scenarioFiles('scenarios').map((f) => checkFile(f)).filter((c) => c.scenario));

/** Compiler against YAML parsing alone. */
export function benchCompiler() {
	const { yaml, scenario } = generatedCompiled();
	// Seven runs each (a median of 15 cost a minute of the bench for the same figure, within noise).
	compileScenario('generated.yaml', yaml); // warm-up
	const parseOnly = time(() => parseYaml(yaml), 7);
	const full = time(() => compileScenario('generated.yaml', yaml), 7);
	return {
		compiler_2000_nodes: {
			nodes: Object.keys(scenario.nodes).length,
			yaml_bytes: yaml.length,
			yaml_parse_only: parseOnly,
			load_check_compile: full,
			ratio_full_to_parse: round(full.median_ms / parseOnly.median_ms, 2)
		}
	};
}

// Engine: microseconds per CHOOSE, along the shipped scenarios' paths (by their witnesses) and
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
export function benchEngine() {
	const shipped = shippedScenarios();
	const { scenario } = generatedCompiled();
	const alongWitnesses = () => shipped.flatMap((c) => c.paths!.paths.map((p) => ({ scenario: c.scenario!, choices: (i: number) => p.witness[i] })));
	stepLatency(alongWitnesses(), 2); // warm-up
	return {
		// Ten rounds: over 5,000 steps, enough for a p99.
		engine_step_shipped_scenarios: stepLatency(alongWitnesses(), 10),
		engine_step_generated_2000_nodes: stepLatency([{ scenario, choices: (i, node) => node.replies[i % 3 === 1 ? 2 : 0].id }], 5)
	};
}
