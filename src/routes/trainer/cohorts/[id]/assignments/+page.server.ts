// A cohort's assignments (issue 14), for the cohort's trainer only (404 to anyone else): set a
// scenario or quiz with a mode and a due time, see who finished, who is late and who has not
// started, delete one. The store checks everything again (src/lib/server/db/assignments.ts).
import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { getStore, StoreError } from '$lib/server/db';
import { teamQuizzes, teamScenarios, teamTitles } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import { dueFromForm, refusal, splitContent } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.claims) redirect(303, signInFirst(url.pathname));
	if (locals.profile?.role !== 'trainer') error(403, t.trainer.onlyTrainers);
	const store = await getStore();
	const cohort = (await store.listCohorts(locals.claims)).find((c) => c.id === params.id && c.as === 'lead');
	if (!cohort) error(404, t.trainer.noSuchCohort);
	const [assignments, teamS, teamQ, team] = await Promise.all([
		store.cohortAssignments(locals.claims, cohort.id),
		teamScenarios(locals.claims),
		teamQuizzes(locals.claims),
		teamTitles(locals.claims)
	]);
	const scenarios = [...teamS.map((s) => s.meta), ...allScenarios().map((s) => s.meta)].map((m) => ({ id: m.id, title: m.title }));
	const quizzes = [...teamQ, ...allQuizzes()].map((q) => ({ id: q.id, title: q.title }));
	// Shipped titles win for a shipped id; a team's content taken down since keeps its last title.
	const titles = {
		roleplay: { ...team.scenarios, ...Object.fromEntries(scenarios.map((s) => [s.id, s.title])) },
		quiz: { ...team.quizzes, ...Object.fromEntries(quizzes.map((q) => [q.id, q.title])) }
	};
	return { cohort: { id: cohort.id, name: cohort.name }, assignments, scenarios, quizzes, titles };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = { content: String(form.get('content') ?? ''), mode: String(form.get('mode') ?? ''), due: String(form.get('due') ?? ''), note: String(form.get('note') ?? '') };
		const { kind, contentId } = splitContent(values.content);
		try {
			const a = await (await getStore()).createAssignment(locals.claims, {
				cohortId: params.id,
				kind: kind as 'roleplay',
				contentId,
				mode: values.mode as 'practice',
				dueAt: dueFromForm(String(form.get('dueAt') ?? ''), values.due),
				note: values.note
			});
			return { created: a.id };
		} catch (e) {
			if (e instanceof StoreError) return fail(e.status, { error: refusal(e), values });
			throw e;
		}
	},
	remove: async ({ request, locals }) => {
		try {
			await (await getStore()).deleteAssignment(locals.claims, String((await request.formData()).get('id') ?? ''));
			return { removed: true };
		} catch (e) {
			if (e instanceof StoreError) return fail(e.status, { error: refusal(e) });
			throw e;
		}
	}
};
