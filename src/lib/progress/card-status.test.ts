import { describe, expect, it } from 'vitest';
import { cardStatuses } from './card-status';

const a = (scenarioId: string, state: string, overall?: number) => ({ kind: 'roleplay', scenarioId, state, score: overall === undefined ? null : { overall, bestPossible: 94 } });

describe('cardStatuses', () => {
	it('tells new, in progress and done with the best score apart', () => {
		const s = cardStatuses([a('x', 'finished', 60), a('x', 'finished', 82), a('x', 'active'), a('y', 'active'), a('z', 'abandoned'), { ...a('q', 'finished', 90), kind: 'quiz' }]);
		expect(s).toEqual({ x: { state: 'done', best: { overall: 82, bestPossible: 94 }, attempts: 2 }, y: { state: 'in-progress' } });
	});
});
