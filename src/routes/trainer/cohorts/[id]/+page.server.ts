// The cohort dashboard: for the cohort's trainer only (anyone else: 404, as for the CSV export).
import { error, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { getStore, StoreError } from '$lib/server/db';
import { dashboardFilterSchema } from '$lib/server/db/analytics';
import { scenarioFor, teamTitles } from '$lib/server/library';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.claims) redirect(303, signInFirst(url.pathname));
	const filter = dashboardFilterSchema.safeParse({ mode: url.searchParams.get('mode') || undefined });
	if (!filter.success) error(400, t.dashboard.badMode);
	let dashboard;
	try {
		dashboard = await (await getStore()).cohortDashboard(locals.claims, params.id, filter.data);
	} catch (e) {
		if (e instanceof StoreError && (e.code === 'forbidden' || e.code === 'unknown-cohort')) error(404, t.dashboard.notFound);
		throw e;
	}
	// Titles, decision prompts and reply words from the version the trainer can open now (the figures
	// name decisions and replies by id).
	const team = await teamTitles(locals.claims);
	const titles: Record<string, string> = { ...team.scenarios, ...Object.fromEntries(allScenarios().map((s) => [s.meta.id, s.meta.title])) };
	const prompts: Record<string, Record<string, string>> = {};
	const replies: Record<string, Record<string, string>> = {};
	for (const s of dashboard.scenarios) {
		const decisions = Object.values((await scenarioFor(locals.claims, s.scenarioId))?.nodes ?? {}).flatMap((n) => (n.type === 'decision' ? [n] : []));
		prompts[s.scenarioId] = Object.fromEntries(decisions.flatMap((n) => (n.prompt ? [[n.id, n.prompt]] : [])));
		replies[s.scenarioId] = Object.fromEntries(decisions.flatMap((n) => n.replies.map((r) => [`${n.id}.${r.id}`, r.text])));
	}
	return { dashboard, titles, prompts, replies };
};
