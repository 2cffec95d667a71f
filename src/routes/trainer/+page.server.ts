import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { authMode } from '$lib/server/auth/identity';
import { getStore, StoreError } from '$lib/server/db';
import { GIFT_MAX_BYTES, importGiftUpload } from '$lib/server/gift-upload';
import { quizFor, teamTitles } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.claims) redirect(303, signInFirst('/trainer'));
	if (locals.profile?.role !== 'trainer') error(403, t.trainer.onlyTrainers);
	const store = await getStore();
	const cohorts = (await store.listCohorts(locals.claims)).filter((c) => c.as === 'lead');
	const progress = await Promise.all(cohorts.map(async (c) => ({ cohort: c, members: await store.cohortProgress(locals.claims, c.id) })));
	// Local mode: members are chosen from the machine's profiles (the server lists them, not the client).
	// Supabase mode: by e-mail address, so no trainer sees the list of every user.
	const profiles =
		authMode() === 'local' ? (await store.listProfiles()).filter((p) => p.role === 'trainee').map((p) => ({ id: p.id, displayName: p.displayName })) : null;
	// Team content's titles first, so a shipped title always wins for a shipped id.
	const team = await teamTitles(locals.claims);
	// Item statistics of the quizzes the trainer's cohorts took as assessments, questions listed in
	// the current version's order and named by their title or prompt.
	const claims = locals.claims;
	const stats = await store.quizItemStats(claims);
	const itemStats = await Promise.all(
		stats.map(async ({ quizId, stats: s }) => {
			const quiz = await quizFor(claims, quizId);
			const place = new Map(quiz?.questions.map((q, i) => [q.id, i]) ?? []);
			const label = new Map(quiz?.questions.map((q) => [q.id, q.title ?? q.prompt]) ?? []);
			const items = [...s.items].sort((a, b) => (place.get(a.id) ?? Infinity) - (place.get(b.id) ?? Infinity));
			return { quizId, attempts: s.attempts, items: items.map((i) => ({ ...i, label: label.get(i.id) ?? i.id })) };
		})
	);
	return {
		progress,
		profiles,
		titles: { ...team.scenarios, ...Object.fromEntries(allScenarios().map((s) => [s.meta.id, s.meta.title])) },
		quizTitles: { ...team.quizzes, ...Object.fromEntries(allQuizzes().map((q) => [q.id, q.title])) },
		// Self-assessments are read as a profile, not scored: the table shows them apart.
		selfAssessments: allQuizzes().filter((q) => q.kind === 'self-assessment').map((q) => q.id),
		giftMaxBytes: GIFT_MAX_BYTES,
		itemStats
	};
};

async function guard<T>(fn: () => Promise<T>) {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof StoreError) return fail(e.status, { error: t.storeErrors[e.code] });
		throw e;
	}
}

export const actions: Actions = {
	// A Moodle GIFT file, converted to our quiz YAML with every problem by line (nothing is stored:
	// quizzes are authored files, checked by npm run scenarios:check).
	gift: async ({ request, locals }) => {
		if (locals.profile?.role !== 'trainer') error(403, t.trainer.onlyTrainers);
		const r = await importGiftUpload((await request.formData()).get('file'));
		return r.ok ? { gift: r.gift } : fail(400, { giftError: r.error });
	},
	cohort: async ({ request, locals }) => {
		const name = String((await request.formData()).get('name') ?? '');
		return guard(async () => void (await (await getStore()).createCohort(locals.claims, name)));
	},
	member: async ({ request, locals }) => {
		const form = await request.formData();
		const store = await getStore();
		let profile = String(form.get('profile') ?? '');
		if (authMode() === 'supabase') {
			const email = String(form.get('email') ?? '').trim();
			profile = (email && (await store.profileIdByEmail(email))) || '';
			if (!profile) return fail(404, { error: t.trainer.noSuchEmail(email) });
		}
		return guard(async () => void (await store.addMember(locals.claims, String(form.get('cohort') ?? ''), profile)));
	}
};
