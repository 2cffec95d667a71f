import { describe, expect, it } from 'vitest';
import { assignedContent, cardStatuses } from './card-status';

const a = (scenarioId: string, state: string, overall?: number) => ({ kind: 'roleplay', scenarioId, state, score: overall === undefined ? null : { overall, bestPossible: 94 } });

describe('cardStatuses', () => {
	it('tells new, in progress and done with the best score apart', () => {
		const s = cardStatuses([a('x', 'finished', 60), a('x', 'finished', 82), a('x', 'active'), a('y', 'active'), a('z', 'abandoned'), { ...a('q', 'finished', 90), kind: 'quiz' }]);
		expect(s).toEqual({ x: { state: 'done', best: { overall: 82, bestPossible: 94 }, attempts: 2 }, y: { state: 'in-progress' } });
	});
});

describe('assigned content', () => {
	const as = (contentId: string, dueAt: string, state: string, late = false, kind = 'roleplay', mode: 'practice' | 'assessment' = 'practice') => ({ kind, contentId, mode, dueAt, status: { state, late } });

	it('marks assigned scenarios with the due time, mode and lateness, new ones included, quizzes left out', () => {
		const s = cardStatuses([a('x', 'finished', 60)], [as('x', '2026-12-10T10:00:00Z', 'not-started', true, 'roleplay', 'assessment'), as('n', '2026-12-11T10:00:00Z', 'not-started'), as('q', '2026-12-11T10:00:00Z', 'not-started', false, 'quiz')]);
		expect(s).toEqual({
			x: { state: 'done', best: { overall: 60, bestPossible: 94 }, attempts: 1, assigned: { dueAt: '2026-12-10T10:00:00Z', mode: 'assessment', late: true, done: false } },
			n: { state: 'new', assigned: { dueAt: '2026-12-11T10:00:00Z', mode: 'practice', late: false, done: false } }
		});
	});

	it('shows the soonest assignment still to do, else the latest done', () => {
		const open = assignedContent([as('x', '2026-12-09T00:00:00Z', 'done'), as('x', '2026-12-12T00:00:00Z', 'in-progress'), as('x', '2026-12-10T00:00:00Z', 'not-started')], 'roleplay');
		expect(open.x).toEqual({ dueAt: '2026-12-10T00:00:00Z', mode: 'practice', late: false, done: false });
		const done = assignedContent([as('x', '2026-12-09T00:00:00Z', 'done'), as('x', '2026-12-12T00:00:00Z', 'done', true)], 'roleplay');
		expect(done.x).toEqual({ dueAt: '2026-12-12T00:00:00Z', mode: 'practice', late: true, done: true });
	});
});
