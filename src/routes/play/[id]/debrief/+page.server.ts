import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { ChoiceError } from '$lib/scenario/engine';
import { attemptSchema, resolveAttempt } from '$lib/scoring/attempt';
import { parseAttempt } from '$lib/scoring/attempt-params';
import { scoreAttempt } from '$lib/scoring/score';
import { analyzerRules } from '$lib/server/analyzer';
import { getStore, type Claims } from '$lib/server/db';
import { isShippedScenario, scenarioFor, storedScenarioVersion } from '$lib/server/library';
import { bestScoreFor, scenarioById } from '$lib/server/scenarios';
import type { Actions, PageServerLoad } from './$types';

/**
 * The scenario a debrief scores against. Shipped: the file as it is now (the URL stays shareable).
 * A team's: the version the attempt was played on (`v`, the player sends it), as long as the
 * reader may read it (their team's, or one they played, even after it was taken down); without
 * `v`, the live version they may play.
 */
async function debriefScenario(claims: Claims | null, id: string, version: unknown) {
	if (isShippedScenario(id)) return scenarioById(id);
	return typeof version === 'string' && version ? storedScenarioVersion(claims, id, version) : scenarioFor(claims, id);
}

/**
 * A stored attempt's debrief: the report the server stored when it finished, on the scenario version
 * it was played on, so editing the scenario later changes nothing of it. An unfinished one is scored
 * as far as it went, on its own version too. The reader must be allowed to read the attempt (theirs,
 * or a member's for their trainer): anything else is "not found".
 */
async function storedDebrief(claims: Claims | null, id: string, attemptId: string) {
	if (!claims) redirect(303, `/profile?next=${encodeURIComponent(`/play/${id}/debrief?attempt=${attemptId}`)}`);
	const detail = await (await getStore()).getAttempt(claims, attemptId);
	if (!detail || detail.attempt.scenarioId !== id) error(404, t.debrief.attemptNotFound);
	const scenario = detail.scenario;
	if (detail.score) return { meta: scenario.meta, report: detail.score.report, best: detail.score.bestPossible, attempt: detail.attempt };
	const resolved = resolveAttempt(scenario, detail.rules ?? analyzerRules(), detail.turns);
	if (!resolved.ok) error(404, t.debrief.attemptNotFound);
	const best = bestScoreFor(scenario).overall;
	return { meta: scenario.meta, report: scoreAttempt(scenario, { ...resolved.input, bestPossible: best }), best, attempt: detail.attempt };
}

// GET: a stored attempt (?attempt=<id>), or an attempt of picked replies in the URL (?c=…&ms=…[&v=…]),
// shareable. Without either, the page shows what was posted (an attempt with typed replies is too
// long for a URL) or says there is nothing.
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const attemptId = url.searchParams.get('attempt');
	if (attemptId) return { id: params.id, debrief: await storedDebrief(locals.claims, params.id, attemptId) };
	const scenario = await debriefScenario(locals.claims, params.id, url.searchParams.get('v'));
	if (!scenario) error(404, t.playLater.notFound);
	if (!url.searchParams.has('c')) return { id: params.id, debrief: null };
	const parsed = parseAttempt(url.searchParams);
	if (!parsed.ok) error(400, parsed.error);
	try {
		const best = bestScoreFor(scenario).overall;
		const report = scoreAttempt(scenario, { ...parsed.attempt, bestPossible: best });
		return { id: params.id, debrief: { meta: scenario.meta, report, best } };
	} catch (e) {
		if (e instanceof ChoiceError) error(400, t.debrief.invalidChoice(e.index + 1));
		throw e;
	}
};

// POST: the attempt as JSON turns; typed words are routed again here with the server's rules.
export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const form = await request.formData();
		const scenario = await debriefScenario(locals.claims, params.id, form.get('version'));
		if (!scenario) error(404, t.playLater.notFound);
		const raw = form.get('attempt');
		let json: unknown;
		try {
			json = JSON.parse(typeof raw === 'string' ? raw : '');
		} catch {
			return fail(400, { error: t.debrief.badAttempt, debrief: null });
		}
		const parsed = attemptSchema.safeParse(json);
		if (!parsed.success) return fail(400, { error: t.debrief.badAttempt, debrief: null });
		const resolved = resolveAttempt(scenario, analyzerRules(), parsed.data.turns);
		if (!resolved.ok) return fail(400, { error: t.debrief.resolveError(resolved.error), debrief: null });
		const best = bestScoreFor(scenario).overall;
		const report = scoreAttempt(scenario, { ...resolved.input, bestPossible: best });
		return { error: null, debrief: { meta: scenario.meta, report, best } };
	}
};
