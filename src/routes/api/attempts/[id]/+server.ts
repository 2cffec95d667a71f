import { answer } from '$lib/server/api';
import { assessmentView } from '$lib/server/assessment';
import { getStore, StoreError } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * An attempt to resume or review: a role play with its events, or a quiz attempt with its
 * redacted view, latest answers and, once submitted, its result. Null never leaks another user's data.
 * An assessment not yet finished gets only what playing needs: the scenario without its key and no
 * analyzer rules (its typed words are read on the server); the rest comes once it is stored finished.
 */
export const GET: RequestHandler = async ({ params, locals }) =>
	answer(async () => {
		const store = await getStore();
		const detail = (await store.getAttempt(locals.claims, params.id)) ?? (await store.getQuizAttempt(locals.claims, params.id));
		if (!detail) throw new StoreError('unknown-attempt', `no attempt ${params.id}`);
		if ('scenario' in detail && detail.attempt.mode === 'assessment' && detail.attempt.state !== 'finished')
			return { ...detail, scenario: assessmentView(detail.scenario), rules: null };
		return detail;
	});
