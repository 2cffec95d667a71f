import { describe, expect, it } from 'vitest';
import { assignmentStatus } from './assignment-status';

const due = '2026-12-10T10:00:00Z';

describe('assignmentStatus', () => {
	it('is done, on time or late by when it was finished', () => {
		expect(assignmentStatus({ dueAt: due, finishedAt: '2026-12-10T09:59:59Z', active: false }, '2026-12-20T00:00:00Z')).toEqual({ state: 'done', late: false, finishedAt: new Date('2026-12-10T09:59:59Z') });
		expect(assignmentStatus({ dueAt: due, finishedAt: '2026-12-10T10:00:01Z', active: true }, '2026-12-10T10:00:02Z')).toEqual({ state: 'done', late: true, finishedAt: new Date('2026-12-10T10:00:01Z') });
	});

	it('is in progress or not started, late once the due time has passed', () => {
		expect(assignmentStatus({ dueAt: due, finishedAt: null, active: true }, '2026-12-10T09:00:00Z')).toEqual({ state: 'in-progress', late: false, finishedAt: null });
		expect(assignmentStatus({ dueAt: due, finishedAt: null, active: false }, '2026-12-10T10:00:00Z')).toEqual({ state: 'not-started', late: false, finishedAt: null });
		expect(assignmentStatus({ dueAt: due, finishedAt: null, active: false }, '2026-12-10T10:00:01Z')).toEqual({ state: 'not-started', late: true, finishedAt: null });
	});
});
