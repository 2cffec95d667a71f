// The trainer's cohort dashboard (analytics.ts) on the embedded store: a cohort of 200 members with
// 20 finished role plays each, seeded straight into PGlite (in a temporary directory, as the app's
// .data/pglite) from score reports computed here on the shipped scenarios' paths, so seeding takes
// seconds instead of replaying 4,000 attempts through the store. Then the dashboard is read as the
// cohort's trainer (row-level security on, as the page does) and timed: its server time without HTTP.
// p99 of so few runs is their slowest: the figure shows the spread a trainer sees, not a tail.
// Called by scripts/bench.ts; `tsx scripts/bench-dashboard.ts` prints the figures alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { shippedAnalyzer } from '../src/lib/analyzer/files';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { enumeratePaths } from '../src/lib/scenario/paths';
import { bestScore } from '../src/lib/scoring/best';
import { scoreAttempt, type ScoreReport } from '../src/lib/scoring/score';
import { rulesVersion } from '../src/lib/server/db/attempt-base';
import { openEmbedded } from '../src/lib/server/db/embedded';
import { localClaims } from '../src/lib/server/db/session';
import { createStore } from '../src/lib/server/db/store';

const MEMBERS = 200;
const ATTEMPTS_PER_MEMBER = 20;
/** Every how many attempts one turn is typed (the typed list has something to read). */
const TYPED_EVERY = 5;
const RUNS = 10;
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function benchDashboard(): Promise<object> {
	const scenarios = scenarioFiles('scenarios')
		.map((f) => checkFile(f).scenario!)
		.filter((s) => s && s.meta.channel !== 'phone');
	const rules = shippedAnalyzer();
	const rv = rulesVersion(rules);
	// Per scenario, up to 12 paths with their reports (the attempts cycle through them).
	const plays = scenarios.flatMap((s) => {
		const best = bestScore(s).overall;
		return enumeratePaths(s)
			.paths.slice(0, 12)
			.map((p) => ({ s, witness: p.witness, report: scoreAttempt(s, { choices: p.witness, bestPossible: best }), best }));
	});
	const dir = mkdtempSync(join(tmpdir(), 'coach-bench-dash-'));
	const db = await openEmbedded({ dataDir: join(dir, 'pglite') });
	try {
		const t0 = performance.now();
		const store = createStore({ db, getScenario: () => undefined, getRules: () => rules });
		const trainer = localClaims((await store.createProfile({ displayName: '培训师', role: 'trainer' })).id);
		const cohort = await store.createCohort(trainer, '基准班');
		const members = (
			await db.query<{ id: string }>(
				`insert into auth.users (email, raw_user_meta_data)
				 select null, jsonb_build_object('display_name', '学员' || g) from generate_series(1, $1) g returning id`,
				[MEMBERS]
			)
		).rows.map((r) => r.id);
		await db.query('insert into app.cohort_members (cohort_id, profile_id) select $1, unnest($2::uuid[])', [cohort.id, members]);
		for (const s of scenarios)
			await db.query('insert into app.scenario_versions (kind, scenario_id, version, compiled) values ($1, $2, $3, $4)', ['roleplay', s.meta.id, s.version, JSON.stringify(s)]);
		await db.query('insert into app.analyzer_rules (version, compiled) values ($1, $2)', [rv, JSON.stringify(rules)]);

		// Attempts in batches (one member at a time): active, their events, finished, their scores.
		let n = 0;
		const started = Date.now() - 30 * 86_400_000;
		for (const member of members) {
			const batch = Array.from({ length: ATTEMPTS_PER_MEMBER }, () => {
				const p = plays[n % plays.length];
				const typed = n % TYPED_EVERY === 0;
				const at = started + n * 60_000;
				n++;
				const report: ScoreReport = typed
					? { ...p.report, turns: p.report.turns.map((t, i) => (i === 0 ? { ...t, typed: true, reading: { reading: 'matched', moves: [], flags: [], evidence: {}, matchedText: t.reply.text } } : t)) }
					: p.report;
				return { p, typed, at, report, mode: n % 3 === 0 ? 'assessment' : 'practice' };
			});
			await db.transaction(async (tx) => {
				const ids = (
					await tx.query<{ id: string }>(
						`insert into app.attempts (user_id, kind, scenario_id, scenario_version, rules_version, mode, started_at)
						 select $1, 'roleplay', x.s, x.v, $2, x.m, x.t from jsonb_to_recordset($3) as x(s text, v text, m text, t timestamptz) returning id`,
						[member, rv, JSON.stringify(batch.map((b) => ({ s: b.p.s.meta.id, v: b.p.s.version, m: b.mode, t: new Date(b.at).toISOString() })))]
					)
				).rows.map((r) => r.id);
				const events = batch.flatMap((b, j) =>
					b.p.witness.map((reply, i) => ({
						a: ids[j],
						q: i + 1,
						k: `bench-${ids[j]}-${i + 1}`,
						kind: b.typed && i === 0 ? 'typed' : 'choice',
						r: reply,
						x: b.typed && i === 0 ? b.report.turns[0].reply.text : null,
						t: new Date(b.at + (i + 1) * 2000).toISOString()
					}))
				);
				await tx.query(
					`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, typed_text, response_ms, client_time)
					 select x.a, x.q, x.k, x.kind, x.r, x.x, 1500, x.t from jsonb_to_recordset($1) as x(a uuid, q int, k text, kind text, r text, x text, t timestamptz)`,
					[JSON.stringify(events)]
				);
				await tx.query(
					`update app.attempts a set state = 'finished', outcome = x.o, finished_at = a.started_at + interval '5 minutes'
					 from jsonb_to_recordset($1) as x(id uuid, o text) where a.id = x.id`,
					[JSON.stringify(batch.map((b, j) => ({ id: ids[j], o: b.report.outcome })))]
				);
				await tx.query(
					`insert into app.scores (attempt_id, overall, best_possible, report)
					 select x.id, x.o, x.b, x.r from jsonb_to_recordset($1) as x(id uuid, o int, b int, r jsonb)`,
					[JSON.stringify(batch.map((b, j) => ({ id: ids[j], o: b.report.overall, b: b.p.best, r: b.report })))]
				);
			});
		}
		const seeded = (performance.now() - t0) / 1000;
		const events = (await db.query<{ n: number }>('select count(*)::int as n from app.attempt_events')).rows[0].n;

		// Timed: the dashboard as the page loads it, and one member's drill-down.
		const time = async (fn: () => Promise<unknown>, runs = RUNS) => {
			await fn(); // warm-up (statement plans, the stored versions' cache)
			const ms: number[] = [];
			for (let i = 0; i < runs; i++) {
				const s = performance.now();
				await fn();
				ms.push(performance.now() - s);
			}
			ms.sort((a, b) => a - b);
			return { runs, p50_ms: round(quantile(ms, 0.5)), p99_ms: round(quantile(ms, 0.99)), max_ms: round(ms.at(-1)!) };
		};
		const dash = await store.cohortDashboard(trainer, cohort.id);
		return {
			members: MEMBERS,
			attempts_per_member: ATTEMPTS_PER_MEMBER,
			attempts: n,
			events,
			scenarios: dash.scenarios.length,
			typed_replies: dash.typed.total,
			seed_s: round(seeded),
			dashboard: await time(() => store.cohortDashboard(trainer, cohort.id)),
			dashboard_assessment_only: await time(() => store.cohortDashboard(trainer, cohort.id, { mode: 'assessment' }), 5),
			member_drill_down: await time(() => store.memberDrillDown(trainer, cohort.id, members[0]))
		};
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchDashboard(), null, 2));
