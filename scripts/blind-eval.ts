// The blind evaluation set (tests/fixtures/analyzer/blind/*.jsonl): written by someone who never
// saw the analyzer's rules, and never opened by whoever tunes them. This script prints ONLY
// aggregate figures (micro-F1 for moves and for flags, per-code precision / recall / F1 and
// support): no text, no ids, no per-row mistakes, so running it does not spend the set.
// Run: npx tsx scripts/blind-eval.ts   (also part of `npm run bench`): the shipped analyzer (rules
// and the learned model in scenarios/analyzer/model.json) with per-code figures, and the rules
// alone (pooled figures only) beside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAG_CODES, MOVE_CODES, type Code } from '../src/lib/domain';
import { evaluate, parseLabelledReplies, score, type LabelledReply } from '../src/lib/analyzer/index';
import { shippedAnalyzer } from '../src/lib/analyzer/files';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BLIND_DIR = 'tests/fixtures/analyzer/blind';

const round = (x: number) => Math.round(x * 1000) / 1000;

export function blindAggregates(): object {
	const dir = resolve(root, BLIND_DIR);
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
	if (!files.length) return { error: `no blind set in ${BLIND_DIR}` };
	const rows: LabelledReply[] = files.flatMap((f) => parseLabelledReplies(readFileSync(join(dir, f), 'utf8')));
	const shipped = shippedAnalyzer(root);
	const { model: _model, ...rulesOnly } = shipped;
	const e = evaluate(rows, shipped);
	return {
		rows: rows.length,
		industries: new Set(rows.map((r) => r.industry)).size,
		...figures(e),
		perCode: perCodeOf(e),
		rulesOnly: figures(evaluate(rows, rulesOnly))
	};
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
	process.stdout.write(JSON.stringify(blindAggregates(), null, 2) + '\n');
}
