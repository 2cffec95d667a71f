// The reference for best.ts: every choice sequence is tried through the real rules of play,
// keeping the sums of the scoring formula as running totals. Exponential in the decisions (a
// 60-decision chain of three replies is 3^60 sequences), so only tests and the benchmark use it,
// on scenarios small enough to enumerate: best.test.ts holds the memoised search to its answers.
import { EMOTION_CODES, IDLPPC_CODES, type Outcome } from '../domain';
import { applyReply, initialState, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario, Reply } from '../scenario/types';
import { FEELING_FIRST, PENALTY, REMEDY } from './score';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

export interface ExhaustiveBest {
	overall: number;
	choices: string[];
	ending: string;
	/** False when the search stopped at its limit: then `overall` is a lower bound. */
	exhaustive: boolean;
	sequences: number;
}

export const EXHAUSTIVE_LIMIT = 2_000_000;

/** Per decision, what formula() needs, computed once: each dimension's highest weight and the emotion maximum. */
function decisionFacts(d: Decision) {
	const atMost = IDLPPC_CODES.map((c) => Math.max(0, ...d.replies.map((r) => r.moves[c] ?? 0)));
	const emotion = (r: Reply) => EMOTION_CODES.reduce((n, c) => n + (r.moves[c] ?? 0), 0);
	return {
		atMost,
		eAtMost: Math.max(0, ...d.replies.map(emotion)),
		replies: d.replies.map((r) => ({
			r,
			moves: IDLPPC_CODES.map((c, k) => Math.min(atMost[k], r.moves[c] ?? 0)),
			emotion: emotion(r),
			flags: Object.values(r.flags).reduce((n: number, w) => n + (w ?? 0), 0),
			remedy: REMEDY.some((c) => r.moves[c]),
			feeling: FEELING_FIRST.some((c) => r.moves[c])
		}))
	};
}

/**
 * The best overall score the scenario allows, by trying every choice sequence (with response time
 * assumed on target). Stops at `limit` sequences and then says the figure is a lower bound.
 */
export function bestScoreExhaustive(scenario: CompiledScenario, limit = EXHAUSTIVE_LIMIT): ExhaustiveBest {
	let best: ExhaustiveBest = { overall: -1, choices: [], ending: '', exhaustive: true, sequences: 0 };
	const facts = new Map<string, ReturnType<typeof decisionFacts>>();
	const possible = IDLPPC_CODES.map(() => 0);
	const earned = IDLPPC_CODES.map(() => 0);
	// Emotion counts the turns up to and including the first remedy; the process-order finding is a
	// first remedy with no feeling move up to it.
	let ePossible = 0;
	let eEarned = 0;
	let remedySeen = false;
	let feelingSeen = false;
	let processFinding = false;
	let flagWeight = 0;
	const choices: string[] = [];
	const visits = new Map<string, number>();

	const overallAt = (outcome: Outcome) => {
		let total = 0;
		let n = 0;
		for (let k = 0; k < possible.length; k++)
			if (possible[k]) {
				total += Math.round((100 * earned[k]) / possible[k]);
				n++;
			}
		if (ePossible) {
			total += Math.round((100 * eEarned) / ePossible);
			n++;
		}
		const base = n ? total / n : 100;
		const penalties = PENALTY.flag * flagWeight + (processFinding ? PENALTY.processOrder : 0) + PENALTY.outcome[outcome];
		return Math.max(0, Math.min(100, Math.round(base - penalties)));
	};

	const walk = (id: string, st: PlayState) => {
		if (best.sequences >= limit) {
			best.exhaustive = false;
			return;
		}
		const node = scenario.nodes[id];
		const seen = visits.get(id) ?? 0;
		if (seen >= 3) return; // loops are bounded as in path enumeration
		visits.set(id, seen + 1);
		try {
			if (node.type === 'ending') {
				best.sequences++;
				const overall = overallAt(node.outcome);
				if (overall > best.overall) best = { ...best, overall, choices: [...choices], ending: node.id };
			} else if (node.type === 'line') walk(node.next, st);
			else if (node.type === 'route') walk(routeTarget(node, st), st);
			else {
				let f = facts.get(node.id);
				if (!f) facts.set(node.id, (f = decisionFacts(node)));
				for (const x of f.replies) {
					const saved = { ePossible, eEarned, remedySeen, feelingSeen, processFinding };
					for (let k = 0; k < possible.length; k++) {
						possible[k] += f.atMost[k];
						earned[k] += x.moves[k];
					}
					flagWeight += x.flags;
					if (!remedySeen) {
						ePossible += f.eAtMost;
						eEarned += Math.min(f.eAtMost, x.emotion);
						feelingSeen ||= x.feeling;
						if (x.remedy) {
							remedySeen = true;
							processFinding = !feelingSeen;
						}
					}
					choices.push(x.r.id);
					walk(x.r.next, applyReply(node.id, x.r, st));
					choices.pop();
					for (let k = 0; k < possible.length; k++) {
						possible[k] -= f.atMost[k];
						earned[k] -= x.moves[k];
					}
					flagWeight -= x.flags;
					({ ePossible, eEarned, remedySeen, feelingSeen, processFinding } = saved);
				}
			}
		} finally {
			visits.set(id, seen);
		}
	};
	walk(scenario.start, initialState(scenario));
	return best;
}
