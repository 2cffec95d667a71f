// Item statistics for trainers (issue 13): per question of a quiz, from graded attempts, how hard it
// was and how well it told stronger participants from weaker ones. Framework-free and pure; the
// server feeds it the stored assessment attempts of a trainer's cohorts (server/db/item-stats.ts).
//
// - difficulty: the mean score fraction (score / max) over the attempts that had the question
//   (classical test theory's p: high = easy); correctShare: the share that scored full points.
// - discrimination (Kelley's upper–lower groups): the attempts ranked by their total percentage,
//   the top and bottom 27% (at least one each, ties broken by attempt id so the figure is
//   reproducible), the question's mean score fraction in the upper group minus in the lower one:
//   −1…1, 0.3 and up is good, below 0.2 poor. Needs at least 2 attempts.
// - pointBiserial: Pearson's correlation of the question's score fraction with the attempt's rest
//   score (total without this question: the corrected item–total correlation, so a question does
//   not correlate with itself). Null when either varies not at all or fewer than 2 attempts.
// A question bank's attempts each hold only their draw: a question's figures come from the attempts
// that drew it. Questions worth no points (likert) are left out.

/** One graded attempt: its questions' scores (a QuizResult's questions carry these fields). */
export interface GradedAttempt {
	id: string;
	questions: readonly { id: string; score: number; max: number }[];
}

export interface ItemStat {
	id: string;
	/** Attempts that had this question. */
	n: number;
	difficulty: number;
	correctShare: number;
	discrimination: number | null;
	pointBiserial: number | null;
}

export interface ItemStats {
	attempts: number;
	/** In the order the questions first appear in `order` (then as met in the attempts). */
	items: ItemStat[];
}

/** The share of attempts in each extreme group. */
export const EXTREME_GROUP = 0.27;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

/** Pearson's correlation, or null when either list does not vary (or is shorter than 2). */
export function correlation(xs: number[], ys: number[]): number | null {
	if (xs.length < 2 || xs.length !== ys.length) return null;
	const mx = mean(xs);
	const my = mean(ys);
	let sxy = 0,
		sxx = 0,
		syy = 0;
	xs.forEach((x, i) => {
		sxy += (x - mx) * (ys[i] - my);
		sxx += (x - mx) ** 2;
		syy += (ys[i] - my) ** 2;
	});
	if (sxx < 1e-12 || syy < 1e-12) return null;
	return sxy / Math.sqrt(sxx * syy);
}

export function itemStats(attempts: readonly GradedAttempt[], order: readonly string[] = []): ItemStats {
	const totals = new Map<string, { score: number; max: number }>();
	for (const a of attempts) {
		const scored = a.questions.filter((q) => q.max > 0);
		totals.set(a.id, { score: sum(scored.map((q) => q.score)), max: sum(scored.map((q) => q.max)) });
	}
	const ids = [...order];
	for (const a of attempts) for (const q of a.questions) if (q.max > 0 && !ids.includes(q.id)) ids.push(q.id);

	const items: ItemStat[] = [];
	for (const id of ids) {
		const rows = attempts.flatMap((a) => {
			const q = a.questions.find((x) => x.id === id && x.max > 0);
			if (!q) return [];
			const t = totals.get(a.id)!;
			const restMax = t.max - q.max;
			return [{ attempt: a.id, x: q.score / q.max, full: q.score >= q.max, total: t.max ? t.score / t.max : 0, rest: restMax > 0 ? (t.score - q.score) / restMax : 0 }];
		});
		if (!rows.length) continue;
		let discrimination: number | null = null;
		if (rows.length >= 2) {
			const ranked = [...rows].sort((a, b) => b.total - a.total || (a.attempt < b.attempt ? -1 : a.attempt > b.attempt ? 1 : 0));
			const g = Math.max(1, Math.round(EXTREME_GROUP * rows.length));
			discrimination = mean(ranked.slice(0, g).map((r) => r.x)) - mean(ranked.slice(-g).map((r) => r.x));
		}
		items.push({
			id,
			n: rows.length,
			difficulty: mean(rows.map((r) => r.x)),
			correctShare: rows.filter((r) => r.full).length / rows.length,
			discrimination,
			pointBiserial: correlation(rows.map((r) => r.x), rows.map((r) => r.rest))
		});
	}
	return { attempts: attempts.length, items };
}
