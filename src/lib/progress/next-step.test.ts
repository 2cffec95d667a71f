import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension } from '../domain';
import { checkFile, scenarioFiles } from '../scenario/files';
import { bestReply } from '../scoring/score';
import { DIMENSION_CODES, practiceFor, weakest } from './next-step';

const trend = (scores: Partial<Record<Dimension, (number | null)[]>>) =>
	Object.fromEntries(DIMENSIONS.map((d) => [d, (scores[d] ?? []).map((score) => ({ score }))])) as Record<Dimension, { score: number | null }[]>;

describe('weakest', () => {
	it('judges on the latest scores, ignoring turns with no chance to show a dimension', () => {
		// listen was weak long ago but is good lately; propose is weak now.
		expect(weakest(trend({ listen: [10, 10, 90, 90, 90], propose: [70, null, 40, 50], info: [80] }))).toEqual({ dimension: 'propose', mean: 53, count: 3 });
	});
	it('says nothing before any score', () => {
		expect(weakest(trend({ info: [null] }))).toBeNull();
	});
});

describe('practiceFor', () => {
	const shipped = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!);
	it('finds, for every dimension, shipped decisions whose best reply practises it, easier scenarios first', () => {
		for (const d of DIMENSIONS) {
			const found = practiceFor(d, shipped);
			expect(found.length, d).toBeGreaterThan(0);
			for (const p of found) {
				const s = shipped.find((x) => x.meta.id === p.scenarioId)!;
				const node = s.nodes[p.decision];
				expect(node.type === 'decision' && DIMENSION_CODES[d].some((c) => bestReply(node).moves[c])).toBe(true);
			}
			const levels = found.map((p) => ({ easy: 0, medium: 1, hard: 2 })[p.difficulty]);
			expect(levels).toEqual([...levels].sort());
		}
	});
});
