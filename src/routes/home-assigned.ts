// The home page's list of work set for the signed-in trainee that is still to do (issue 14): each
// assignment not yet done, with the title of what to play, soonest due first. Content no longer
// offered to them (a team's scenario taken down) is left out: there is nothing to open.
import type { Claims, MyAssignment } from '$lib/server/db';
import { teamQuizzes } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';

export interface AssignedItem {
	id: string;
	kind: MyAssignment['kind'];
	contentId: string;
	title: string;
	mode: MyAssignment['mode'];
	dueAt: Date;
	note: string | null;
	cohortName: string;
	late: boolean;
	started: boolean;
}

export async function assignedToDo(claims: Claims | null, mine: MyAssignment[], scenarios: { id: string; title: string }[]): Promise<AssignedItem[]> {
	const open = mine.filter((a) => a.status.state !== 'done');
	if (!open.length) return [];
	const titles = {
		roleplay: new Map(scenarios.map((s) => [s.id, s.title])),
		quiz: new Map(open.some((a) => a.kind === 'quiz') ? [...(await teamQuizzes(claims)), ...allQuizzes()].map((q) => [q.id, q.title]) : [])
	};
	return open.flatMap((a) => {
		const title = titles[a.kind].get(a.contentId);
		if (!title) return [];
		const { id, kind, contentId, mode, dueAt, note, cohortName } = a;
		return [{ id, kind, contentId, title, mode, dueAt, note, cohortName, late: a.status.late, started: a.status.state === 'in-progress' }];
	});
}
