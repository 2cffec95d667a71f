// What a library card says about the trainee's own play of a scenario: new, in progress, or done
// with the best score so far; and, when their trainer assigned it, 已布置 with the due time, the
// mode and whether it is late. Pure: the home page's server load gives it the trainee's attempts
// and assignments.
import type { AttemptMode } from '../domain';

/** Work a trainer set that a card shows (the most pressing one when the content was assigned more than once). */
export interface CardAssignment {
	dueAt: Date | string;
	mode: AttemptMode;
	late: boolean;
	done: boolean;
}

export type CardStatus = (
	| { state: 'new' }
	| { state: 'in-progress' }
	| { state: 'done'; best: { overall: number; bestPossible: number }; attempts: number }
) & { assigned?: CardAssignment };

interface AttemptLike {
	kind: string;
	scenarioId: string;
	state: string;
	score: { overall: number; bestPossible: number } | null;
}

interface AssignmentLike {
	kind: string;
	contentId: string;
	mode: AttemptMode;
	dueAt: Date | string;
	status: { state: string; late: boolean };
}

/**
 * Per content id of this kind, the assignment its card shows: one still to do wins over one done,
 * the soonest due among those to do, the latest due among those done.
 */
export function assignedContent(assignments: readonly AssignmentLike[], kind: string): Record<string, CardAssignment> {
	const out: Record<string, CardAssignment> = {};
	const due = (x: CardAssignment) => new Date(x.dueAt).getTime();
	for (const a of assignments) {
		if (a.kind !== kind) continue;
		const c: CardAssignment = { dueAt: a.dueAt, mode: a.mode, late: a.status.late, done: a.status.state === 'done' };
		const was = out[a.contentId];
		if (!was || (was.done && !c.done) || (was.done === c.done && (c.done ? due(c) > due(was) : due(c) < due(was)))) out[a.contentId] = c;
	}
	return out;
}

/** Per scenario id the trainee has played or was assigned; a scenario not in it is new. */
export function cardStatuses(attempts: readonly AttemptLike[], assignments: readonly AssignmentLike[] = []): Record<string, CardStatus> {
	const out: Record<string, CardStatus> = {};
	for (const a of attempts) {
		if (a.kind !== 'roleplay') continue;
		const was = out[a.scenarioId];
		if (a.state === 'finished' && a.score) {
			const n = was?.state === 'done' ? was.attempts + 1 : 1;
			const best = was?.state === 'done' && was.best.overall >= a.score.overall ? was.best : { overall: a.score.overall, bestPossible: a.score.bestPossible };
			out[a.scenarioId] = { state: 'done', best, attempts: n };
		} else if (a.state === 'active' && was?.state !== 'done') out[a.scenarioId] = { state: 'in-progress' };
	}
	for (const [id, assigned] of Object.entries(assignedContent(assignments, 'roleplay'))) out[id] = { ...(out[id] ?? { state: 'new' }), assigned };
	return out;
}
