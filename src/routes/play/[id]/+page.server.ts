import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { analyzerForBrowser } from '$lib/server/analyzer';
import { getStore } from '$lib/server/db';
import { scenarioById } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const current = scenarioById(params.id);
	if (!current) error(404, t.player.notFound);
	const mode = url.searchParams.get('mode') === 'assessment' ? ('assessment' as const) : ('practice' as const);
	// A signed-in trainee resumes their unfinished attempt here, on the exact version it was played on.
	// Typed turns carry only the words: the player reads them again with the same rules.
	let resume: { attemptId: string; turns: ({ reply: string; ms: number | null } | { typed: string; ms: number | null })[] } | null = null;
	let scenario = current;
	let rules = analyzerForBrowser();
	if (locals.claims) {
		const store = await getStore();
		const active = (await store.listMyAttempts(locals.claims)).find((a) => a.state === 'active' && a.scenarioId === params.id && a.mode === mode);
		const detail = active ? await store.getAttempt(locals.claims, active.id) : null;
		if (detail) {
			scenario = detail.scenario;
			if (detail.rules) rules = analyzerForBrowser(detail.rules);
			resume = {
				attemptId: detail.attempt.id,
				turns: detail.events.map((e) => (e.typedText !== null ? { typed: e.typedText, ms: e.responseMs } : { reply: e.replyId!, ms: e.responseMs }))
			};
		}
	}
	return { scenario, rules, mode, resume, owner: locals.profile?.id ?? null };
};
