import { error } from '@sveltejs/kit';
import type { CompiledRules } from '$lib/analyzer';
import * as t from '$lib/i18n';
import { SCENARIO_ID } from '$lib/scenario/schema';
import { resolveAttempt } from '$lib/scoring/attempt';
import { callPart } from '$lib/scoring/attempt-params';
import { analyzerFile, analyzerForBrowser, analyzerRules, isCurrentRules } from '$lib/server/analyzer';
import { getStore } from '$lib/server/db';
import { shareWhenAnonymous } from '$lib/server/http/shared-page';
import { firstView, playForm, playMeta } from '$lib/server/playPayload';
import { isShippedScenario, scenarioFor } from '$lib/server/library';
import { scenarioFileName } from '$lib/server/scenarios';
import type { ResumeTurn, Source } from '$lib/components/player/play';
import type { PageServerLoad } from './$types';

// The page is small: the opening the server renders, and where the browser fetches the rest (the
// scenario as an immutable file; the analyzer only when the trainee types, and never in an
// assessment, whose typed words are read on the server). An attempt resumed on an older scenario
// version or older rules gets exactly those inline. A team's scenario (published in the studio) is
// only for its team: it is inline too, never a public file (src/lib/server/library.ts), and 404 to
// anyone else, nobody signed in included (so anonymous pages stay shareable).
export const load: PageServerLoad = async (event) => {
	const { params, url, locals } = event;
	const current = await scenarioFor(locals.claims, params.id);
	// A team's scenario taken down mid-attempt can still be resumed (below), never started again.
	if (!current && (!locals.claims || !SCENARIO_ID.test(params.id))) error(404, t.playLater.notFound);
	const shipped = isShippedScenario(params.id);
	// A team's page holds content only its team may read: no shared cache may keep it.
	if (!shipped) event.setHeaders({ 'cache-control': 'private' });
	// Nobody signed in: nothing to resume, the page is the URL's alone.
	if (current) shareWhenAnonymous(event);
	const mode = url.searchParams.get('mode') === 'assessment' ? ('assessment' as const) : ('practice' as const);
	const form = mode === 'assessment' ? 'assessment' : 'full';
	let scenario = current;
	let rules: Source<CompiledRules> | null = mode === 'assessment' ? null : { url: `/data/analyzer/${analyzerFile().name}` };
	// A signed-in trainee resumes their unfinished attempt here, on the exact version it was played on.
	let resume: { attemptId: string; turns: ResumeTurn[] } | null = null;
	if (locals.claims) {
		const store = await getStore();
		const active = await store.activeAttemptId(locals.claims, params.id, mode);
		const detail = active ? await store.getAttempt(locals.claims, active) : null;
		if (detail) {
			scenario = detail.scenario;
			if (mode === 'practice' && detail.rules && !isCurrentRules(detail.rules)) rules = { inline: analyzerForBrowser(detail.rules) };
			// Practice reads typed turns again in the browser; an assessment gets the server's reading.
			const resolved = mode === 'assessment' ? resolveAttempt(scenario, detail.rules ?? analyzerRules(), detail.turns) : null;
			const server = resolved?.ok ? resolved.input : null;
			resume = {
				attemptId: detail.attempt.id,
				turns: detail.events.map((e, i): ResumeTurn => {
					const call = callPart(e);
					if (e.typedText === null) return { reply: e.replyId!, ms: e.responseMs, ...call };
					const words = server?.typed?.[i];
					const read = words ? { replyId: server!.choices[i], moves: words.moves, flags: words.flags } : undefined;
					return { typed: e.typedText, ms: e.responseMs, ...call, ...(read ? { read } : {}) };
				})
			};
		}
	}
	if (!scenario) error(404, t.playLater.notFound);
	const source =
		shipped && current && scenario.version === current.version ? { url: `/data/scenarios/${scenarioFileName(current, form)}` } : { inline: playForm(scenario, form) };
	return { meta: playMeta(scenario), first: firstView(scenario, form), source, rules, mode, resume, owner: locals.profile?.id ?? null };
};
