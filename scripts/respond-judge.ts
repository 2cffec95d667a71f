// Judges `npm run respond` against hand-labelled expectations (a before/after check for issue 9's
// conversation): each line of a JSON Lines file carries "expect": the authored reply ids the words
// may be matched to, "off" (off script: the customer reacts) or "unclear", separated by "|".
//   npx tsx scripts/respond-judge.ts tests/fixtures/respond/fresh.jsonl [--show]
// Prints how many were judged right, how many customer lines were empty, and how many off-script
// mood changes left the range the decision's authored replies span (by more than 3).
import { readFileSync } from 'node:fs';
import { RULES_PATH } from '../src/lib/analyzer/index';
import { loadAnalyzer } from '../src/lib/analyzer/files';
import { compileScenarioFile, scenarioFiles } from '../src/lib/scenario/files';
import type { CompiledScenario } from '../src/lib/scenario/types';
import { createResponder } from '../src/lib/scoring/responder';

const [file, ...rest] = process.argv.slice(2);
const show = rest.includes('--show');
const { rules } = loadAnalyzer(RULES_PATH);
const scenarios: CompiledScenario[] = [];
for (const p of scenarioFiles('scenarios')) {
	const c = compileScenarioFile(p);
	if (c.scenario) scenarios.push(c.scenario);
}
const byId = new Map(scenarios.map((s) => [s.meta.id, s]));
const respond = createResponder(scenarios, rules!);
let right = 0;
let empty = 0;
let outOfRange = 0;
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
for (const row of rows) {
	const out = respond(JSON.stringify(row)) as Record<string, unknown>;
	const got = out.reply ? String(out.reply) : out.understood ? 'off' : 'unclear';
	const ok = String(row.expect).split('|').includes(got);
	if (ok) right++;
	if (!out.customer) empty++;
	const node = byId.get(row.scenario)!.nodes[row.decision];
	let range = '';
	if (!out.reply && node.type === 'decision') {
		const moods = node.replies.map((r) => r.mood);
		const d = Number(out.mood_delta);
		if (d > Math.max(...moods) + 3 || d < Math.min(...moods) - 3) {
			outOfRange++;
			range = ` RANGE[${Math.min(...moods)},${Math.max(...moods)}]`;
		}
	}
	if (show) console.log(`${ok ? '  ' : 'X '}${row.id} ${row.text}\n     expect ${row.expect} got ${got} ${out.mood_delta}${range} | ${out.customer}`);
}
console.log(JSON.stringify({ file, total: rows.length, right, emptyCustomer: empty, offScriptMoodOutOfRange: outOfRange }));
