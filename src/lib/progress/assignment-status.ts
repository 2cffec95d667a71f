// Where a trainee stands with an assignment (issue 14): done (an attempt of the assigned content, in
// the assigned mode, finished after the assignment was set), in progress (such an attempt is open)
// or not started; and late when it was not done by the due time or was done after it. Pure: the
// store reads the attempts, the trainer's page and the home page's cards show what this says.
export const ASSIGNMENT_STATES = ['done', 'in-progress', 'not-started'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export interface AssignmentStatus {
	state: AssignmentState;
	late: boolean;
	/** When the first counting attempt was finished (null: not done). */
	finishedAt: Date | null;
}

export function assignmentStatus(
	facts: { dueAt: Date | string; finishedAt: Date | string | null; active: boolean },
	now: Date | string
): AssignmentStatus {
	const due = new Date(facts.dueAt).getTime();
	if (facts.finishedAt !== null) {
		const finishedAt = new Date(facts.finishedAt);
		return { state: 'done', late: finishedAt.getTime() > due, finishedAt };
	}
	return { state: facts.active ? 'in-progress' : 'not-started', late: new Date(now).getTime() > due, finishedAt: null };
}
