import { error, json } from '@sveltejs/kit';
import { routeTyped } from '$lib/analyzer/route';
import * as t from '$lib/i18n';
import { cleanTyped, MAX_TYPED_CHARS } from '$lib/scoring/attempt-params';
import { analyzerRules } from '$lib/server/analyzer';
import { readJson } from '$lib/server/api';
import { getStore, StoreError } from '$lib/server/db';
import { scenarioFor } from '$lib/server/library';
import type { RequestHandler } from './$types';

/**
 * Reads one typed reply of an assessment, which never has the key in the browser:
 * { version, node, text, attempt? } → what the engine needs to play it (the reply it matched, or
 * the codes found in the words for the customer's reaction), nothing about how good it was.
 * With `attempt` (a stored attempt of the asker) it is read with that attempt's scenario version
 * and rules, as the server will score it.
 */
/** One typed reply is at most a few KB; a larger body is refused as soon as it passes this. */
const READ_BODY_LIMIT = 16_384;

export const POST: RequestHandler = async ({ params, request, locals }) => {
	let body: { version?: unknown; node?: unknown; text?: unknown; attempt?: unknown } | null;
	try {
		body = (await readJson(request, { limit: READ_BODY_LIMIT })) as typeof body;
	} catch (e) {
		if (e instanceof StoreError && e.code === 'too-large') error(413, t.dataRefusals.tooLarge);
		body = null;
	}
	const { version, node, text, attempt } = body ?? {};
	if (typeof version !== 'string' || typeof node !== 'string' || typeof text !== 'string' || (attempt !== undefined && typeof attempt !== 'string'))
		error(400, t.dataRefusals.badRead);
	const words = cleanTyped(text).trim();
	if (!words) error(400, t.typing.empty);
	if (words.length > MAX_TYPED_CHARS) error(400, t.typing.tooLong(MAX_TYPED_CHARS));

	let scenario = await scenarioFor(locals.claims, params.id);
	let rules = analyzerRules();
	if (attempt !== undefined) {
		const detail = locals.claims ? await (await getStore()).getAttempt(locals.claims, attempt) : null;
		if (detail && detail.scenario.meta.id === params.id) {
			scenario = detail.scenario;
			if (detail.rules) rules = detail.rules;
		}
	}
	if (!scenario) error(404, t.playLater.notFound);
	if (scenario.version !== version) error(409, t.dataRefusals.scenarioGone);
	const decision = scenario.nodes[node];
	if (decision?.type !== 'decision') error(400, t.dataRefusals.notDecision);
	const read = routeTyped(words, decision.replies, rules);
	return json({ replyId: read.replyId, reason: read.reason, moves: read.analysis.moves, flags: read.analysis.flags });
};
