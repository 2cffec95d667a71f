// Item statistics on hand-computed data (four attempts of a three-question quiz, 12 points in all).
import { describe, expect, it } from 'vitest';
import { correlation, itemStats, type GradedAttempt } from './item-stats';

// Scores: lm (1 pt), ef (1 pt), hates (3 pts), other (7 pts, nobody scores).
const attempt = (id: string, lm: number, ef: number, hates: number): GradedAttempt => ({
	id,
	questions: [
		{ id: 'lm', score: lm, max: 1 },
		{ id: 'ef', score: ef, max: 1 },
		{ id: 'hates', score: hates, max: 3 },
		{ id: 'other', score: 0, max: 7 },
		{ id: 'likert', score: 0, max: 0 }
	]
});
// Totals: A 5, B 3, D 2, E 1 of 12.
const ATTEMPTS = [attempt('A', 1, 1, 3), attempt('B', 1, 0, 2), attempt('D', 0, 1, 1), attempt('E', 1, 0, 0)];

describe('itemStats', () => {
	const stats = itemStats(ATTEMPTS, ['hates', 'lm']);
	const item = (id: string) => stats.items.find((x) => x.id === id)!;

	it('keeps the given order, then the others as met; leaves out questions worth no points', () => {
		expect(stats.attempts).toBe(4);
		expect(stats.items.map((x) => x.id)).toEqual(['hates', 'lm', 'ef', 'other']);
	});
	it('difficulty is the mean score fraction, correctShare the share of full points', () => {
		expect(item('lm')).toMatchObject({ n: 4, difficulty: 0.75, correctShare: 0.75 });
		expect(item('hates').difficulty).toBeCloseTo((1 + 2 / 3 + 1 / 3 + 0) / 4, 10);
		expect(item('hates').correctShare).toBe(0.25);
	});
	it('discrimination: the top 27% (A) minus the bottom 27% (E) by total', () => {
		// round(0.27 × 4) = 1 attempt per group.
		expect(item('lm').discrimination).toBe(0); // A 1, E 1
		expect(item('ef').discrimination).toBe(1); // A 1, E 0
		expect(item('hates').discrimination).toBe(1);
	});
	it('point-biserial: correlation with the rest score (total without the question)', () => {
		// lm: x 1 1 0 1, rest 4 2 2 0 (of 11): covariance 0.
		expect(item('lm').pointBiserial).toBeCloseTo(0, 10);
		// ef: x 1 0 1 0, rest 4 3 1 1: 0.5 / √(1 × 6.75).
		expect(item('ef').pointBiserial).toBeCloseTo(0.5 / Math.sqrt(6.75), 10);
		// hates: x 1 ⅔ ⅓ 0, rest 2 1 1 1 (of 9): 0.5 / √(5/9 × 0.75).
		expect(item('hates').pointBiserial).toBeCloseTo(0.5 / Math.sqrt((5 / 9) * 0.75), 10);
		// Nobody scored: no variation, no correlation.
		expect(item('other')).toMatchObject({ difficulty: 0, discrimination: 0, pointBiserial: null });
	});
	it('a bank: each question counts over the attempts that drew it', () => {
		const s = itemStats([
			{ id: 'a', questions: [{ id: 'q1', score: 1, max: 1 }, { id: 'q2', score: 1, max: 1 }] },
			{ id: 'b', questions: [{ id: 'q1', score: 0, max: 1 }, { id: 'q3', score: 1, max: 1 }] }
		]);
		expect(s.items.map((x) => [x.id, x.n, x.difficulty])).toEqual([['q1', 2, 0.5], ['q2', 1, 1], ['q3', 1, 1]]);
		expect(s.items.find((x) => x.id === 'q2')!.discrimination).toBeNull();
	});
	it('ties at the boundary are broken by attempt id, so the figure is reproducible', () => {
		const tied = [attempt('y', 1, 0, 0), attempt('x', 0, 1, 0)];
		expect(itemStats(tied).items.find((x) => x.id === 'lm')!.discrimination).toBe(-1); // x first: x 0 − y 1
		expect(itemStats([...tied].reverse()).items.find((x) => x.id === 'lm')!.discrimination).toBe(-1);
	});
	it('nothing to count: no items', () => expect(itemStats([])).toEqual({ attempts: 0, items: [] }));
});

describe('correlation', () => {
	it('is Pearson’s r, null without variation', () => {
		expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
		expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
		expect(correlation([1, 1, 1], [1, 2, 3])).toBeNull();
		expect(correlation([1], [1])).toBeNull();
	});
});
