// Precision, recall and F1 of the analyzer against labelled replies (tests/fixtures/analyzer/eval.jsonl).
// Pure: the caller reads the rows and compiles the rules.
import { z } from 'zod';
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code, type FlagCode, type MoveCode } from '../domain';
import { analyze, type Analysis } from './analyze';
import type { CompiledRules } from './rules';

/** One labelled reply: the codes a careful human reads in it. */
export interface LabelledReply {
	id: string;
	text: string;
	moves: MoveCode[];
	flags: FlagCode[];
	industry?: string;
	/** `tune` rows may guide rule changes; `holdout` rows only measure them. */
	split?: 'tune' | 'holdout';
}

const labelledReplySchema = z.strictObject({
	id: z.string().min(1),
	text: z.string().min(1),
	moves: z.array(z.enum(MOVE_CODES)),
	flags: z.array(z.enum(FLAG_CODES)),
	industry: z.string().optional(),
	split: z.enum(['tune', 'holdout']).optional()
});

/** Parses an evaluation set in JSON Lines; throws with the line number on the first bad row. */
export function parseLabelledReplies(jsonl: string): LabelledReply[] {
	const rows: LabelledReply[] = [];
	const ids = new Set<string>();
	jsonl.split('\n').forEach((line, i) => {
		if (!line.trim()) return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (e) {
			throw new Error(`line ${i + 1}: not JSON (${(e as Error).message})`);
		}
		const parsed = labelledReplySchema.safeParse(value);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new Error(`line ${i + 1}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
		}
		if (ids.has(parsed.data.id)) throw new Error(`line ${i + 1}: duplicate id "${parsed.data.id}"`);
		ids.add(parsed.data.id);
		rows.push(parsed.data);
	});
	return rows;
}

export interface CodeScore {
	/** Found and labelled. */
	tp: number;
	/** Found, not labelled. */
	fp: number;
	/** Labelled, not found. */
	fn: number;
	/** tp / (tp + fp); 1 when the code was never reported (nothing claimed, nothing wrong). */
	precision: number;
	/** tp / (tp + fn); 1 when no row is labelled with the code. */
	recall: number;
	/** Harmonic mean of precision and recall; 0 when both are 0. */
	f1: number;
	/** Rows labelled with the code. */
	support: number;
}

export interface Evaluation {
	rows: number;
	perCode: Record<Code, CodeScore>;
	/** Counts pooled over all codes, then precision / recall / F1 of the pool. */
	micro: CodeScore;
	/** Unweighted means over the codes that have support or were reported (a code absent both ways is skipped). */
	macro: { precision: number; recall: number; f1: number };
	/** Rows where the analysis differs from the labels, for tuning. */
	mistakes: { id: string; text: string; missing: Code[]; extra: Code[] }[];
}

export function score(tp: number, fp: number, fn: number): CodeScore {
	const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
	const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
	const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return { tp, fp, fn, precision, recall, f1, support: tp + fn };
}

/** Compares analyses with labels, code by code. `analyses` defaults to running the analyzer. */
export function evaluate(rows: readonly LabelledReply[], rules: CompiledRules, analyses?: readonly Analysis[]): Evaluation {
	const counts = Object.fromEntries(ALL_CODES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<Code, { tp: number; fp: number; fn: number }>;
	const mistakes: Evaluation['mistakes'] = [];
	rows.forEach((row, i) => {
		const a = analyses?.[i] ?? analyze(row.text, rules);
		const found = new Set<Code>([...a.moves, ...a.flags]);
		const labelled = new Set<Code>([...row.moves, ...row.flags]);
		const missing: Code[] = [];
		const extra: Code[] = [];
		for (const code of ALL_CODES) {
			const f = found.has(code);
			const l = labelled.has(code);
			if (f && l) counts[code].tp++;
			else if (f) (counts[code].fp++, extra.push(code));
			else if (l) (counts[code].fn++, missing.push(code));
		}
		if (missing.length || extra.length) mistakes.push({ id: row.id, text: row.text, missing, extra });
	});
	const perCode = Object.fromEntries(ALL_CODES.map((c) => [c, score(counts[c].tp, counts[c].fp, counts[c].fn)])) as Record<Code, CodeScore>;
	const sum = (k: 'tp' | 'fp' | 'fn') => ALL_CODES.reduce((n, c) => n + counts[c][k], 0);
	const active = ALL_CODES.filter((c) => counts[c].tp + counts[c].fp + counts[c].fn > 0);
	const mean = (k: 'precision' | 'recall' | 'f1') => (active.length ? active.reduce((n, c) => n + perCode[c][k], 0) / active.length : 0);
	return {
		rows: rows.length,
		perCode,
		micro: score(sum('tp'), sum('fp'), sum('fn')),
		macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
		mistakes
	};
}
