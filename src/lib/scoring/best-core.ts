// What both best-score searches (best-backward.ts, best-forward.ts) share: each reply's part of the
// scoring formula, the totals a place keeps, when one set of totals is at least as good as another
// after anything, the overall of complete totals, and the work budget.
import { EMOTION_CODES, IDLPPC_CODES } from '../domain';
import { MAX_VISITS } from '../scenario/path-count';
import type { CompiledNode, Reply } from '../scenario/types';
import { FEELING_FIRST, PENALTY, REMEDY } from './score';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

export interface BestScore {
	overall: number;
	choices: string[];
	ending: string;
	/** False when the search stopped at its work limit: then `overall` is 100, a bound that caps nothing. */
	exhaustive: boolean;
	/** How many complete choice sequences the best was chosen from (counted, not tried; rounded when huge). */
	sequences: number;
	/** Work done: places entered (ENTRY_COST each) and totals built and compared. Bounded by the limit. */
	work: number;
	/** Where the search was when it stopped at its limit. */
	stoppedAt?: string;
}

/** Entering a place (building, hashing and keeping its key) costs about a hundred comparisons. */
export const ENTRY_COST = 100;
/** A node is entered at most this often on one path, as in path counting. */
export { MAX_VISITS };

/** Ratios: the six dimensions, then emotion. Totals are [possible ×7, earned ×7, points off]. */
export const R = IDLPPC_CODES.length + 1;
export const PEN = 2 * R;

/** A persistent list of reply ids: totals share their common part of the conversation. */
export interface Link {
	id: string;
	next: Link | null;
}

/** Per decision, each reply's part of the formula, computed once. */
export function decisionFacts(d: Decision) {
	const atMost = IDLPPC_CODES.map((c) => Math.max(0, ...d.replies.map((r) => r.moves[c] ?? 0)));
	const emotion = (r: Reply) => EMOTION_CODES.reduce((n, c) => n + (r.moves[c] ?? 0), 0);
	const eAtMost = Math.max(0, ...d.replies.map(emotion));
	return d.replies.map((r) => ({
		r,
		atMost,
		eAtMost,
		moves: IDLPPC_CODES.map((c, k) => Math.min(atMost[k], r.moves[c] ?? 0)),
		emotion: Math.min(eAtMost, emotion(r)),
		flagPoints: PENALTY.flag * Object.values(r.flags).reduce((n: number, w) => n + (w ?? 0), 0),
		remedy: REMEDY.some((c) => r.moves[c]),
		feeling: FEELING_FIRST.some((c) => r.moves[c])
	}));
}
export type Facts = ReturnType<typeof decisionFacts>[number];

/**
 * Totals v plus one turn of reply x, taken with or without a remedy before (emotion counts up to
 * the first remedy) and a feeling move before it (else a first remedy is a process-order finding).
 */
export function addTurn(v: readonly number[], x: Facts, remedyBefore: boolean, feelingBefore: boolean): number[] {
	const out = v.slice();
	for (let k = 0; k < R - 1; k++) {
		out[k] += x.atMost[k];
		out[R + k] += x.moves[k];
	}
	out[PEN] += x.flagPoints;
	if (!remedyBefore) {
		out[R - 1] += x.eAtMost;
		out[2 * R - 1] += x.emotion;
		if (x.remedy && !(feelingBefore || x.feeling)) out[PEN] += PENALTY.processOrder;
	}
	return out;
}

/**
 * a is at least as good as b whatever is added to both: fewer points off, and per ratio at least as
 * much earned over the same possible, or over a smaller one that is not 0. Then (E+e)/(P+p) is at
 * least as high for every addition; a ratio with possible 0 may stay "not assessed", which can be
 * better or worse than assessed, so 0 compares only with 0. Every later step (rounding, the mean of
 * the assessed, subtracting the points off, clamping) keeps the order.
 */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
	if (a[PEN] > b[PEN]) return false;
	for (let k = 0; k < R; k++) {
		if (a[R + k] < b[R + k]) return false;
		if (a[k] !== b[k] && !(a[k] > 0 && a[k] < b[k])) return false;
	}
	return true;
}

/** Adds totals to a front unless one there is at least as good (earlier ones win ties); drops those they beat. */
export function insert<T extends { v: number[] }>(front: T[], item: T): void {
	if (front.some((o) => dominates(o.v, item.v))) return;
	let j = 0;
	for (const o of front) if (!dominates(item.v, o.v)) front[j++] = o;
	front.length = j;
	front.push(item);
}

/** The overall of a whole conversation from its totals (formula() in score.ts, response time on target). */
export function overallOf(v: readonly number[]): number {
	let total = 0;
	let n = 0;
	for (let k = 0; k < R; k++)
		if (v[k]) {
			total += Math.round((100 * v[R + k]) / v[k]);
			n++;
		}
	const base = n ? total / n : 100;
	return Math.max(0, Math.min(100, Math.round(base - v[PEN])));
}

export class WorkLimit extends Error {
	constructor(readonly node: string) {
		super(`best-score work limit reached at ${node}`);
	}
}

/** A work counter that throws WorkLimit past its limit. */
export class Budget {
	used = 0;
	constructor(readonly limit: number) {}
	spend(n: number, at: string): void {
		if ((this.used += n) > this.limit) throw new WorkLimit(at);
	}
}

/** Visits of nodes on loops ("id=n;…", sorted) after entering id, or null past MAX_VISITS. */
export function visitsAfter(visits: string, id: string): string | null {
	const parts = visits ? visits.split(';') : [];
	const mine = parts.findIndex((p) => p.startsWith(`${id}=`));
	const seen = mine < 0 ? 0 : Number(parts[mine].slice(id.length + 1));
	if (seen >= MAX_VISITS) return null;
	if (mine >= 0) parts.splice(mine, 1);
	return [...parts, `${id}=${seen + 1}`].sort().join(';');
}
