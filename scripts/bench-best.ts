// Bench section "best" (npm run bench -- best): the best-score search and path counting, measured, never asserted.
// Per shipped scenario and per pathological shape (src/lib/scoring/best-shapes.ts): the
// exhaustive search's time (best-exhaustive.ts, stopped at 2,000,000 sequences as before), the
// dynamic programming's time and work, and the path count's time and work.
import { performance } from 'node:perf_hooks';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { countPaths } from '../src/lib/scenario/path-count';
import type { CompiledScenario } from '../src/lib/scenario/types';
import { bestScore } from '../src/lib/scoring/best';
import { bestScoreExhaustive } from '../src/lib/scoring/best-exhaustive';
import { diamonds, longChain, moodLadder, randomReplies, sameNext } from '../src/lib/scoring/best-shapes';

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function measure(name: string, s: CompiledScenario, exhaustive = true) {
	let t0 = performance.now();
	const x = exhaustive ? bestScoreExhaustive(s) : null;
	const exhaustiveMs = x ? ms(t0) : null;
	t0 = performance.now();
	const b = bestScore(s);
	const bestMs = ms(t0);
	t0 = performance.now();
	const p = countPaths(s);
	const pathsMs = ms(t0);
	return {
		name,
		exhaustive: x && { overall: x.overall, complete: x.exhaustive, sequences: x.sequences, ms: exhaustiveMs },
		dp: { overall: b.overall, complete: b.exhaustive, work: b.work, ms: bestMs },
		paths: { count: p.root ? String(p.root.count) : null, work: p.work, ms: pathsMs }
	};
}

export function benchBest() {
	return [
		...scenarioFiles('scenarios').map((f) => {
			const s = checkFile(f).scenario!;
			return measure(s.meta.id, s);
		}),
		measure('60 decisions x 3 replies to the same next node (issue 10 repro)', sameNext(60)),
		measure('the same with random codes per reply (refused)', sameNext(60, (i) => randomReplies(3, 7 * i + 1)), false),
		measure('60 diamonds in series, mood route at the end (path count refused)', diamonds(60), false),
		measure('60-rung mood ladder (refused)', moodLadder(60), false),
		measure('chain of 100 decisions', longChain(100), false)
	];
}
