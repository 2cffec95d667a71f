// A member's role plays with their transcripts, for the trainer of the cohort only (anyone else: 404).
import { error, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { getStore, StoreError } from '$lib/server/db';
import { MEMBER_ATTEMPTS_LIMIT } from '$lib/server/db/analytics';
import { teamTitles } from '$lib/server/library';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.claims) redirect(303, signInFirst(url.pathname));
	let drill;
	try {
		drill = await (await getStore()).memberDrillDown(locals.claims, params.id, params.member);
	} catch (e) {
		if (e instanceof StoreError && ['forbidden', 'unknown-cohort', 'unknown-profile'].includes(e.code)) error(404, t.dashboard.memberNotFound);
		throw e;
	}
	const team = await teamTitles(locals.claims);
	return { drill, limit: MEMBER_ATTEMPTS_LIMIT, titles: { ...team.scenarios, ...Object.fromEntries(allScenarios().map((s) => [s.meta.id, s.meta.title])) } as Record<string, string> };
};
