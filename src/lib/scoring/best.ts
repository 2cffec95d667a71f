// The best overall score a scenario allows (docs/scoring.md, "Best possible"), by dynamic
// programming instead of trying every choice sequence (3^60 of them for 60 decisions of three
// replies that all lead on to the same node: 266 s of CPU before this module).
//
// The overall is not a sum of per-turn values (each dimension is a ratio, emotion counts only up to
// the first remedy, flags, the process-order finding and the outcome come off the mean), so a node
// cannot keep one best value. It keeps, per (node, the play state conditions read, whether a remedy
// and a feeling move came before, visits of nodes on loops), the Pareto front of what the rest of
// the conversation can add: per ratio (six dimensions and emotion) possible and earned, and the
// points off. A suffix dominated by another at the same key can never give a higher overall after
// any past (see `dominates`), so the answer is exactly the exhaustive search's (best.test.ts checks
// it against best-exhaustive.ts on random scenarios with routes, conditions and loops).
//
// The fronts are small on real graphs, but a front is not bounded in theory (independent trade-offs
// in seven ratios), so the search counts its work and stops at `limit`: the checker then refuses the
// scenario (files.ts), so the server never serves one it cannot score.
import { EMOTION_CODES, IDLPPC_CODES } from '../domain';
import { loopNodes, relevance } from '../scenario/graph';
import { applyReply, initialState, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario, Reply } from '../scenario/types';
import { FEELING_FIRST, PENALTY, REMEDY } from './score';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

export interface BestScore {
	overall: number;
	choices: string[];
	ending: string;
	/** False when the search stopped at its work limit: then `overall` is 100, a bound that caps nothing. */
	exhaustive: boolean;
	/** How many complete choice sequences the best was chosen from (counted, not tried; may be huge). */
	sequences: number;
	/** Work done: suffixes built and compared. Bounded by the limit whatever the graph. */
	work: number;
	/** Where the search was when it stopped at its limit. */
	stoppedAt?: string;
}

/**
 * About a second of CPU on a slow machine (a unit is one suffix built or compared; entering a node
 * costs ENTRY_COST). The shipped scenarios need under 1,000,000 (scripts/bench-best.ts prints it).
 */
export const BEST_WORK_LIMIT = 20_000_000;
const ENTRY_COST = 100;
/** A node is entered at most this often on one path (as in path enumeration). */
const MAX_VISITS = 3;

/** Ratios: the six dimensions, then emotion. A suffix vector is [possible ×7, earned ×7, points off]. */
const R = IDLPPC_CODES.length + 1;
const PEN = 2 * R;

/** A persistent list of reply ids, first choice first: suffixes share their tails. */
interface Link {
	id: string;
	next: Link | null;
}
interface Suffix {
	v: number[];
	choices: Link | null;
	ending: string;
}
interface Memo {
	front: Suffix[];
	count: number;
}
const NONE: Memo = { front: [], count: 0 };

/** Per decision, each reply's contribution, computed once. */
function decisionFacts(d: Decision) {
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
type Facts = ReturnType<typeof decisionFacts>[number];

/**
 * a is at least as good as b after any past: fewer points off, and per ratio at least as much earned
 * over the same possible, or over a smaller one that is not 0 (a ratio with possible 0 may stay
 * "not assessed", which can be better or worse than assessed, so 0 only compares with 0).
 */
function dominates(a: number[], b: number[]): boolean {
	if (a[PEN] > b[PEN]) return false;
	for (let k = 0; k < R; k++) {
		if (a[R + k] < b[R + k]) return false;
		if (a[k] !== b[k] && !(a[k] > 0 && a[k] < b[k])) return false;
	}
	return true;
}

/** The overall of a whole conversation from its totals (formula() in score.ts, response time on target). */
function overallOf(v: number[]): number {
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

class WorkLimit extends Error {
	constructor(readonly node: string) {
		super(`best-score work limit reached at ${node}`);
	}
}

/** A node being solved: its memo key, what its children are entered with, and the front so far. */
interface Frame {
	key: string;
	node: CompiledNode;
	st: PlayState;
	remedy: boolean;
	feeling: boolean;
	visits: string;
	facts: Facts[] | null;
	i: number;
	memo: Memo;
}

/** The best overall score the scenario allows, with a choice sequence that reaches it. */
export function bestScore(scenario: CompiledScenario, limit = BEST_WORK_LIMIT): BestScore {
	const rel = relevance(scenario, true);
	const loops = loopNodes(scenario);
	const memo = new Map<string, Memo>();
	const facts = new Map<string, Facts[]>();
	const stack: Frame[] = [];
	let work = 0;
	const spend = (n: number, at: string) => {
		if ((work += n) > limit) throw new WorkLimit(at);
	};

	/** The memo for a node entered with this past, or null after pushing a frame to solve it. */
	const enter = (id: string, st: PlayState, remedy: boolean, feeling: boolean, visits: string): Memo | null => {
		// Feeling matters only until the first remedy; visits only for nodes on loops.
		const key = `${id}\u0000${rel.key(st)}\u0000${remedy ? 2 : feeling ? 1 : 0}\u0000${visits}`;
		// Every entry costs, memo hits too: building and hashing the key and keeping the entry cost
		// about as much as a hundred comparisons of suffixes.
		spend(ENTRY_COST + (key.length >> 3), id);
		const known = memo.get(key);
		if (known) return known;
		const node = scenario.nodes[id];
		if (loops.has(id)) {
			const parts = visits ? visits.split(';') : [];
			const mine = parts.findIndex((p) => p.startsWith(`${id}=`));
			const seen = mine < 0 ? 0 : Number(parts[mine].slice(id.length + 1));
			if (seen >= MAX_VISITS) return NONE;
			if (mine >= 0) parts.splice(mine, 1);
			visits = [...parts, `${id}=${seen + 1}`].sort().join(';');
		}
		if (node.type === 'ending') {
			const v = new Array(PEN + 1).fill(0);
			v[PEN] = PENALTY.outcome[node.outcome];
			const done = { front: [{ v, choices: null, ending: id }], count: 1 };
			memo.set(key, done);
			return done;
		}
		let f: Facts[] | null = null;
		if (node.type === 'decision') {
			f = facts.get(id) ?? decisionFacts(node);
			facts.set(id, f);
		}
		stack.push({ key, node, st, remedy, feeling: !remedy && feeling, visits, facts: f, i: 0, memo: { front: [], count: 0 } });
		return null;
	};

	/** Adds a child's suffixes, each extended by this decision's reply x, to the frame's front. */
	const absorb = (top: Frame, child: Memo, x: Facts | null) => {
		if (!x) {
			top.memo = child; // a line or route adds nothing: its front is its successor's
			return;
		}
		top.memo.count += child.count;
		const feeling = top.feeling || x.feeling;
		for (const c of child.front) {
			const v = c.v.slice();
			for (let k = 0; k < R - 1; k++) {
				v[k] += x.atMost[k];
				v[R + k] += x.moves[k];
			}
			v[PEN] += x.flagPoints;
			if (!top.remedy) {
				v[R - 1] += x.eAtMost;
				v[2 * R - 1] += x.emotion;
				if (x.remedy && !feeling) v[PEN] += PENALTY.processOrder;
			}
			const front = top.memo.front;
			spend(1 + front.length, top.node.id);
			// Earlier suffixes (replies in authored order) win ties, as the first found did before.
			if (front.some((s) => dominates(s.v, v))) continue;
			let j = 0;
			for (const s of front) if (!dominates(v, s.v)) front[j++] = s;
			front.length = j;
			front.push({ v, choices: { id: x.r.id, next: c.choices }, ending: c.ending });
		}
	};

	/** The next child to enter for the frame, or null when all are done. */
	const nextChild = (top: Frame): Memo | null | 'done' => {
		const n = top.node;
		if (n.type === 'line' || n.type === 'route') {
			if (top.i++ > 0) return 'done';
			return enter(n.type === 'line' ? n.next : routeTarget(n, top.st), top.st, top.remedy, top.feeling, top.visits);
		}
		if (n.type !== 'decision' || top.i >= top.facts!.length) return 'done';
		const x = top.facts![top.i++];
		const remedy = top.remedy || x.remedy;
		return enter(x.r.next, rel.trim(applyReply(n.id, x.r, top.st)), remedy, top.feeling || x.feeling, top.visits);
	};

	const replyOf = (top: Frame) => (top.node.type === 'decision' ? top.facts![top.i - 1] : null);

	let root: Memo | null;
	try {
		const start = rel.trim(initialState(scenario));
		root = enter(scenario.start, start, false, false, '');
		while (stack.length) {
			const top = stack[stack.length - 1];
			const r = nextChild(top);
			if (r === 'done') {
				stack.pop();
				memo.set(top.key, top.memo);
				if (stack.length) {
					const parent = stack[stack.length - 1];
					absorb(parent, top.memo, replyOf(parent));
				} else root = top.memo;
			} else if (r) absorb(top, r, replyOf(top));
		}
	} catch (e) {
		if (!(e instanceof WorkLimit)) throw e;
		return { overall: 100, choices: [], ending: '', exhaustive: false, sequences: 0, work, stoppedAt: e.node };
	}
	let best: Suffix | null = null;
	let bestOverall = -1;
	for (const s of root!.front) {
		const o = overallOf(s.v);
		if (o > bestOverall) [best, bestOverall] = [s, o];
	}
	const choices: string[] = [];
	for (let l = best?.choices ?? null; l; l = l.next) choices.push(l.id);
	return { overall: bestOverall, choices, ending: best?.ending ?? '', exhaustive: true, sequences: root!.count, work };
}
