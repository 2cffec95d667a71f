// A cohort's results as CSV (UTF-8 with BOM): per member, per scenario and quiz, the latest and the
// best finished attempt, with its mode. Only the cohort's trainer may read it (the store's check).
import { error, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { toCsv } from '$lib/progress/csv';
import { getStore, StoreError } from '$lib/server/db';
import { teamTitles } from '$lib/server/library';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import { signInFirst } from '$lib/server/sign-in-first';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.claims) redirect(303, signInFirst('/trainer'));
	const store = await getStore();
	let members;
	try {
		members = await store.cohortProgress(locals.claims, params.id);
	} catch (e) {
		if (e instanceof StoreError && (e.code === 'forbidden' || e.code === 'unknown-cohort' || e.code === 'bad-input')) error(404, t.trainer.noSuchCohort);
		throw e;
	}
	const team = await teamTitles(locals.claims);
	const titles: Record<string, string> = { ...team.scenarios, ...team.quizzes, ...Object.fromEntries([...allScenarios().map((s) => [s.meta.id, s.meta.title]), ...allQuizzes().map((q) => [q.id, q.title])]) };
	const mode = (m: 'practice' | 'assessment', branched = false) => (m === 'assessment' ? t.progress.assessment : branched ? t.progress.branch : t.progress.practice);
	const day = (d: Date) => new Date(d).toISOString().slice(0, 10);
	const rows = members.flatMap((m) => [
		...m.scenarios.map((s) => [m.member.displayName, t.trainer.csvRoleplay, titles[s.scenarioId] ?? s.scenarioId, s.finishedAttempts, s.latest.overall, s.latest.bestPossible, mode(s.latest.mode, s.latest.branched), s.best.overall, day(s.latest.finishedAt)]),
		...m.quizzes.map((q) => [m.member.displayName, t.trainer.csvQuiz, titles[q.quizId] ?? q.quizId, q.finishedAttempts, q.latest.percent, 100, t.progress.assessment, q.best.percent, day(q.latest.finishedAt)]),
		...(m.scenarios.length || m.quizzes.length ? [] : [[m.member.displayName, '', '', 0, null, null, '', null, '']])
	]);
	const body = toCsv(t.trainer.csvHeader, rows);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="cohort-${params.id.slice(0, 8)}-results.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
