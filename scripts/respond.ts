// npm run --silent respond: how the customer responds to typed replies (src/lib/scoring/responder.ts).
//   stdin   JSON Lines {"id", "scenario", "decision", "text", "mood"?}   (blank lines skipped)
//   stdout  one JSON line per input line, in order:
//             {"id", "understood", "reply", "moves", "flags", "evidence", "mood_delta", "customer"}
//           or {"id", "error"}; nothing else. Problems also go to stderr with their line number.
//   exit    0 when every line was answered; 2 when the scenarios or rules cannot be loaded.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { RULES_PATH } from '../src/lib/analyzer/index';
import { loadAnalyzer } from '../src/lib/analyzer/files';
import { compileScenarioFile, scenarioFiles } from '../src/lib/scenario/files';
import { formatDiagnostic, type CompiledScenario } from '../src/lib/scenario/types';
import { createResponder } from '../src/lib/scoring/responder';

const rulesPath = process.env.ANALYZER_RULES || RULES_PATH;
const scenarioDir = resolve(process.env.SCENARIOS_DIR || 'scenarios');
let respond: (line: string) => Record<string, unknown>;
try {
	const { rules, diagnostics } = loadAnalyzer(rulesPath);
	if (!rules) throw new Error(`${rulesPath} has errors:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
	const scenarios: CompiledScenario[] = [];
	for (const path of scenarioFiles(scenarioDir)) {
		const checked = compileScenarioFile(path);
		if (checked.scenario) scenarios.push(checked.scenario);
		else process.stderr.write(`respond: ${path} left out:\n${checked.diagnostics.map(formatDiagnostic).join('\n')}\n`);
	}
	respond = createResponder(scenarios, rules);
} catch (e) {
	process.stderr.write(`respond: ${(e as Error).message}\n`);
	process.exit(2);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));

async function main() {
	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	let lineNo = 0;
	let out = '';
	for await (const raw of lines) {
		lineNo++;
		const line = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
		if (!line) continue;
		let answer: Record<string, unknown>;
		try {
			answer = respond(line);
		} catch (e) {
			// A bug on one line must not stop the others.
			answer = { id: null, error: `internal error: ${(e as Error).message}` };
		}
		if ('error' in answer) process.stderr.write(`respond: line ${lineNo}: ${answer.error}\n`);
		out += JSON.stringify(answer) + '\n';
		// Written in batches; back-pressure keeps memory flat on large inputs.
		if (out.length > 64 * 1024) {
			const ok = process.stdout.write(out);
			out = '';
			if (!ok) await new Promise((r) => process.stdout.once('drain', r));
		}
	}
	if (out) process.stdout.write(out);
}

main().catch((e) => {
	process.stderr.write(`respond: ${(e as Error).stack ?? e}\n`);
	process.exit(1);
});
