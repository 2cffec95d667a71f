// The best overall score a scenario allows (docs/scoring.md, "Best possible"), by dynamic
// programming instead of trying every choice sequence (3^60 of them for 60 decisions of three
// replies that all lead on to the same node: the exhaustive search stalled the server for minutes).
//
// The overall is not a sum of per-turn values (each dimension is a ratio, emotion counts only up to
// the first remedy, flags, the process-order finding and the outcome come off the mean), so a place
// cannot keep one best value. Play is split into places: (node, the play state conditions read,
// whether a remedy and a feeling move came before, visits of nodes on loops); what can happen after
// a place depends on nothing else. Each place keeps a Pareto front of totals (per ratio possible
// and earned, and the points off): totals dominated by others at the same place can never give a
// higher overall (best-core.ts, `dominates`), so the answer is exactly the exhaustive search's
// (best.test.ts checks it against best-exhaustive.ts on random graphs with routes and loops).
//
// Two directions keep different fronts small: backward (what the rest can add; small where
// branches reconverge, the shipped scenarios) and forward (what the past added; small where the
// play state pins down the past, long chains and the issue 10 repro). Backward runs first on a
// quarter of the budget, forward on the rest.
//
// No exact method stays small on every graph: replies trading seven ratios and the points off
// against each other independently make any front grow like n^7 (a multi-dimensional knapsack). So
// the work is counted and bounded: past `limit`, bestScore says so (`exhaustive: false`, overall
// 100, which caps nobody), and the checker refuses the scenario with an error at the node
// (files.ts), so the server never loads a scenario whose best it does not know.
import type { CompiledScenario } from '../scenario/types';
import { searchBackward } from './best-backward';
import { bestScoreExhaustive, EXHAUSTIVE_LIMIT } from './best-exhaustive';
import { Budget, WorkLimit, type BestScore } from './best-core';
import { searchForward } from './best-forward';

export type { BestScore };

/**
 * About a second of CPU on a slow machine (a unit is one set of totals built or compared; entering a
 * place costs 100). The shipped scenarios need under 1,000,000 (scripts/bench-best.ts prints it).
 */
export const BEST_WORK_LIMIT = 20_000_000;

/** The best overall score the scenario allows, with a choice sequence that reaches it. */
export function bestScore(scenario: CompiledScenario, limit = BEST_WORK_LIMIT): BestScore {
	const first = new Budget(Math.floor(limit / 4));
	try {
		return searchBackward(scenario, first);
	} catch (e) {
		if (!(e instanceof WorkLimit)) throw e;
	}
	const second = new Budget(limit - first.used);
	try {
		const found = searchForward(scenario, second);
		return { ...found, work: first.used + second.used };
	} catch (e) {
		if (!(e instanceof WorkLimit)) throw e;
		const work = first.used + second.used;
		const tried = bestScoreExhaustive(scenario, Math.min(EXHAUSTIVE_LIMIT, limit));
		if (tried.exhaustive) return { ...tried, work: work + tried.sequences };
		return { overall: 100, choices: [], ending: '', exhaustive: false, sequences: 0, work: work + tried.sequences, stoppedAt: e.node };
	}
}
