// The blind evaluation set (tests/fixtures/analyzer/blind/*.jsonl): written by someone who never
// saw the analyzer's rules, and never opened by whoever tunes them. This script prints ONLY
// aggregate figures (micro-F1 for moves and for flags, per-code precision / recall / F1 and
// support): no text, no ids, no per-row mistakes, so running it does not spend the set.
// Run: npx tsx scripts/blind-eval.ts   (also part of `npm run bench`)
//      npx tsx scripts/blind-eval.ts --learned   the rules alone (phrases.yaml without any learned:
//      block) and the rules combined with scenarios/analyzer/model.json (applyLearned), side by side.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAG_CODES, MOVE_CODES, type Code } from '../src/lib/domain';
import { analyze, compileRules, evaluate, parseLabelledReplies, RULES_PATH, score, type CompiledRules, type LabelledReply } from '../src/lib/analyzer/index';
import { applyLearned, parseLearnedModel } from '../src/lib/analyzer/learnedModel';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BLIND_DIR = 'tests/fixtures/analyzer/blind';
export const MODEL_PATH = 'scenarios/analyzer/model.json';

const round = (x: number) => Math.round(x * 1000) / 1000;

export function blindAggregates(options: { learned?: boolean } = {}): object {
	const dir = resolve(root, BLIND_DIR);
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
	if (!files.length) return { error: `no blind set in ${BLIND_DIR}` };
	const rows: LabelledReply[] = files.flatMap((f) => parseLabelledReplies(readFileSync(join(dir, f), 'utf8')));
	const { rules, diagnostics } = compileRules(RULES_PATH, readFileSync(resolve(root, RULES_PATH), 'utf8'));
	if (!rules) throw new Error(`rules do not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
	if (options.learned) {
		const alone = { ...rules } as CompiledRules & { learned?: unknown; model?: unknown };
		delete alone.learned;
		delete alone.model;
		const model = parseLearnedModel(JSON.parse(readFileSync(resolve(root, MODEL_PATH), 'utf8')));
		const base = rows.map((r) => analyze(r.text, alone));
		// Pooled figures only (no per-code ones): the combination's thresholds are never tuned on this set.
		return {
			rows: rows.length,
			industries: new Set(rows.map((r) => r.industry)).size,
			rules: figures(evaluate(rows, alone, base)),
			rulesPlusModel: figures(evaluate(rows, alone, rows.map((r, i) => applyLearned(r.text, base[i], model))))
		};
	}
	const e = evaluate(rows, rules);
	return { rows: rows.length, industries: new Set(rows.map((r) => r.industry)).size, ...figures(e), perCode: perCodeOf(e) };
}

function figures(e: ReturnType<typeof evaluate>) {
	const pooled = (codes: readonly Code[]) => {
		const tp = codes.reduce((n, c) => n + e.perCode[c].tp, 0);
		const fp = codes.reduce((n, c) => n + e.perCode[c].fp, 0);
		const fn = codes.reduce((n, c) => n + e.perCode[c].fn, 0);
		const s = score(tp, fp, fn);
		return { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
	};
	return { moves: pooled(MOVE_CODES), flags: pooled(FLAG_CODES), exactRows: round((e.rows - e.mistakes.length) / e.rows) };
}

function perCodeOf(e: ReturnType<typeof evaluate>) {
	return Object.fromEntries(Object.entries(e.perCode).map(([c, s]) => [c, { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: s.support }]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.stdout.write(JSON.stringify(blindAggregates({ learned: process.argv.includes('--learned') }), null, 2) + '\n');
}
