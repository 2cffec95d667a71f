// The trainer's cohort dashboard (issue 14): where a cohort stands per dimension, how it answers at
// each decision and where it loses the customer, what it typed, and one member's attempts with
// their transcripts. Everything is read as the signed-in trainer (row-level security: a trainer
// reads only their cohorts' members' attempts, events and scores), first checking that they lead
// the cohort, so anyone else is refused (forbidden) rather than shown an empty page.
//
// Figures come from what is stored, not from replaying attempts: a finished role play's score
// report holds its dimensions and every turn (decision, reply, typed or not, mood before and after),
// and the database keeps those figures beside it, small (scores.figures, migration
// 20261207000007_cohort_dashboard.sql), so the aggregates never unpack whole reports.
// Only a member's unfinished attempts are replayed, for their transcript on the drill-down.
import { z } from 'zod';
import type { CompiledRules } from '../../analyzer';
import { DIMENSIONS, IDLPPC_CODES, ATTEMPT_MODES, stageFloor, type AttemptMode, type Dimension, type EventKind, type FlagCode, type MoveCode } from '../../domain';
import type { CompiledScenario } from '../../scenario/types';
import { resolveAttempt, type AttemptTurn } from '../../scoring/attempt';
import { callPart } from '../../scoring/attempt-params';
import { scoreAttempt, type TurnReview, type TypedReading } from '../../scoring/score';
import { requireLeads } from './access';
import { ATTEMPT_COLUMNS, anonymous, createAttemptBase, parse, toAttempt, uuid, type Attempt, type AttemptRow } from './attempt-base';
import { StoreError } from './errors';
import { asUser, type Claims } from './session';
import type { Db, Tx } from './types';

/**
 * The mood from which the customer is counted as lost to a complaint at a decision: the floor of
 * the 投诉 stage. A turn whose mood rises from below it to it or above is a "tipping" turn.
 */
export const TIPPING_MOOD = stageFloor('complaint');

export const dashboardFilterSchema = z.strictObject({ mode: z.enum(ATTEMPT_MODES).optional() });
export type DashboardFilter = z.input<typeof dashboardFilterSchema>;

export interface HeatCell {
	/** The mean of the member's assessed figures on this dimension (0–100, rounded), or null when none was assessed. */
	mean: number | null;
	/** How many finished role plays assessed it. */
	n: number;
}

export interface HeatmapRow {
	member: { id: string; displayName: string };
	/** Finished role plays counted (in the filter's mode). */
	finished: number;
	cells: Record<Dimension, HeatCell>;
}

export interface ReplyFigures {
	/** The reply id; '' for typed words the analyzer read as off script or unclear (no authored reply). */
	reply: string;
	/** Distinct members who gave it, and how often it was given. */
	members: number;
	times: number;
	/** Of those times, typed (the words matched to this reply, or off script for ''). */
	typed: number;
	/** Attempts that gave it and ended lost. */
	lost: number;
}

export interface DecisionFigures {
	decision: string;
	/** Attempts and members that reached the decision. */
	attempts: number;
	members: number;
	/** Mean turn number at which it was reached (for ordering). */
	meanTurn: number;
	/** Attempts in which the mood rose to TIPPING_MOOD or above at this decision (from below). */
	tipped: number;
	/** Attempts that reached it and ended lost. */
	lost: number;
	/** Attempts that ended lost right after this decision (their last turn was here). */
	lostHere: number;
	replies: ReplyFigures[];
}

export interface ScenarioFigures {
	scenarioId: string;
	attempts: number;
	members: number;
	lost: number;
	decisions: DecisionFigures[];
}

export interface TypedItem {
	attemptId: string;
	scenarioId: string;
	member: { id: string; displayName: string };
	seq: number;
	text: string;
	/** Read from the stored report (finished attempts); null while the attempt is unfinished. */
	decision: string | null;
	reading: Pick<TypedReading, 'reading' | 'moves' | 'flags' | 'matchedText'> | null;
	at: Date;
}

export interface CohortDashboard {
	cohort: { id: string; name: string };
	filter: { mode: AttemptMode | null };
	heatmap: HeatmapRow[];
	scenarios: ScenarioFigures[];
	/** The newest typed replies (at most TYPED_LIMIT) and how many there are in all. */
	typed: { total: number; items: TypedItem[] };
}

export interface TranscriptTurn {
	turn: number;
	decision: string;
	heard: { speaker: string; text: string }[];
	reply: string;
	typed: boolean;
	moodBefore: number;
	moodAfter: number;
}

export interface MemberAttempt extends Attempt {
	overall: number | null;
	bestPossible: number | null;
	/** null when the attempt's scenario version cannot be read by this trainer (another team's). */
	transcript: TranscriptTurn[] | null;
}

export interface MemberDrillDown {
	cohort: { id: string; name: string };
	member: { id: string; displayName: string };
	attempts: MemberAttempt[];
}

export const TYPED_LIMIT = 100;
export const MEMBER_ATTEMPTS_LIMIT = 50;

const round1 = (x: number) => Math.round(x * 10) / 10;

export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;

export function createAnalyticsStore(options: { db: Db; getRules: () => CompiledRules }) {
	const { db } = options;
	const base = createAttemptBase(options);

	/** The cohort's name, when the user leads it; otherwise refused (requireLeads, as every cohort feature asks). */
	async function ledCohort(tx: Tx, cohortId: string): Promise<{ id: string; name: string }> {
		await requireLeads(tx, cohortId);
		const r = await tx.query<{ name: string }>('select name from app.cohorts where id = $1', [cohortId]);
		return { id: cohortId, name: r.rows[0].name };
	}

	// One statement, so that row-level security checks each attempt and score once, not once per
	// figure: `v` is the cohort's role plays (in the filter's mode) with their stored figures.
	// - heat: members × dimensions, the mean of each member's assessed figures over their finished role plays;
	// - per_decision: per scenario, decision and reply, from the turns' figures (grouping sets: the
	//   distinct counts of a decision or a scenario are not the sums of its replies');
	// - typed_read: the newest typed words (events), then only those rows' readings from their reports.
	const dimensionSql = (d: Dimension) => `(d.figures ->> '${d}')::numeric`;
	const DASHBOARD_SQL = `
		with v as materialized (
			select a.id, a.user_id, a.scenario_id, a.outcome, a.state, s.figures
			from app.cohort_members m
			join app.attempts a on a.user_id = m.profile_id and a.kind = 'roleplay' and ($2::text is null or a.mode = $2)
			left join app.scores s on s.attempt_id = a.id
			where m.cohort_id = $1
		),
		done as (select * from v where state = 'finished' and figures is not null),
		heat as (
			select p.id, p.display_name, count(d.id)::int as finished,
			       ${DIMENSIONS.map((d) => `round(avg(${dimensionSql(d)}))::int as "${d}_mean", count(${dimensionSql(d)})::int as "${d}_n"`).join(',\n			       ')}
			from app.cohort_members m
			join app.profiles p on p.id = m.profile_id
			left join done d on d.user_id = m.profile_id
			where m.cohort_id = $1
			group by p.id, p.display_name
		),
		turns_ as (
			select d.id as attempt_id, d.user_id, d.scenario_id, d.outcome, x.ord::int as ord,
			       x.v ->> 0 as decision, x.v ->> 1 as reply, coalesce((x.v ->> 2)::boolean, false) as typed,
			       (x.v ->> 3)::numeric as mood_before, (x.v ->> 4)::numeric as mood_after,
			       x.ord = jsonb_array_length(d.figures -> 'turns') as last
			from done d cross join lateral jsonb_array_elements(d.figures -> 'turns') with ordinality as x(v, ord)
		),
		per_decision as (
			select scenario_id, decision, reply, grouping(decision) = 1 as scenario_total, grouping(reply) = 1 as decision_total,
			       count(distinct user_id)::int as members, count(distinct attempt_id)::int as attempts, count(*)::int as times,
			       count(*) filter (where typed)::int as typed,
			       count(distinct attempt_id) filter (where outcome = 'lost')::int as lost,
			       count(distinct attempt_id) filter (where mood_before < $3 and mood_after >= $3)::int as tipped,
			       count(*) filter (where last and outcome = 'lost')::int as lost_here,
			       avg(ord)::float8 as mean_turn
			from turns_
			group by grouping sets ((scenario_id, decision, reply), (scenario_id, decision), (scenario_id))
		),
		typed_ as (
			select e.id, e.attempt_id, v.scenario_id, v.user_id, e.seq, e.typed_text, e.received_at, count(*) over ()::int as total
			from v join app.attempt_events e on e.attempt_id = v.id and e.kind = 'typed'
			order by e.received_at desc, e.id desc
			limit ${TYPED_LIMIT}
		),
		typed_read as (
			select t.*, p.display_name, s.figures -> 'turns' -> (t.seq - 1) ->> 0 as decision, s.report -> 'turns' -> (t.seq - 1) -> 'reading' as reading
			from typed_ t join app.profiles p on p.id = t.user_id left join app.scores s on s.attempt_id = t.attempt_id
		)
		select (select coalesce(jsonb_agg(to_jsonb(h) order by h.display_name, h.id), '[]'::jsonb) from heat h) as heat,
		       (select coalesce(jsonb_agg(to_jsonb(d)), '[]'::jsonb) from per_decision d) as decisions,
		       (select coalesce(jsonb_agg(to_jsonb(r) order by r.received_at desc, r.id desc), '[]'::jsonb) from typed_read r) as typed`;

	/** The dashboard of a cohort the user leads: heatmap, decisions per scenario, typed replies. */
	async function cohortDashboard(user: Claims | null, cohortId: string, filter: DashboardFilter = {}): Promise<CohortDashboard> {
		if (!user) anonymous();
		const f = parse(dashboardFilterSchema, filter);
		const mode = f.mode ?? null;
		return asUser(db, user, async (tx) => {
			const cohort = await ledCohort(tx, cohortId);
			const row = (
				await tx.query<{
					heat: (Record<string, unknown> & { id: string; display_name: string; finished: number })[];
					decisions: {
						scenario_id: string;
						decision: string | null;
						reply: string | null;
						scenario_total: boolean;
						decision_total: boolean;
						members: number;
						attempts: number;
						times: number;
						typed: number;
						lost: number;
						tipped: number;
						lost_here: number;
						mean_turn: number;
					}[];
					typed: {
						attempt_id: string;
						scenario_id: string;
						user_id: string;
						display_name: string;
						seq: number;
						typed_text: string;
						received_at: string;
						decision: string | null;
						reading: TypedReading | null;
						total: number;
					}[];
				}>(DASHBOARD_SQL, [cohortId, mode, TIPPING_MOOD])
			).rows[0];
			const { heat, decisions, typed } = row;
			const heatmap: HeatmapRow[] = heat.map((r) => ({
				member: { id: r.id, displayName: r.display_name },
				finished: r.finished,
				cells: Object.fromEntries(DIMENSIONS.map((d) => [d, { mean: (r[`${d}_mean`] as number | null) ?? null, n: r[`${d}_n`] as number }])) as Record<Dimension, HeatCell>
			}));

			const scenarios = new Map<string, ScenarioFigures>();
			const byDecision = new Map<string, DecisionFigures>();
			const scenario = (id: string) => {
				let s = scenarios.get(id);
				if (!s) scenarios.set(id, (s = { scenarioId: id, attempts: 0, members: 0, lost: 0, decisions: [] }));
				return s;
			};
			for (const r of decisions) {
				const s = scenario(r.scenario_id);
				if (r.scenario_total) Object.assign(s, { attempts: r.attempts, members: r.members, lost: r.lost });
				else if (r.decision_total) {
					const d: DecisionFigures = {
						decision: r.decision!,
						attempts: r.attempts,
						members: r.members,
						meanTurn: round1(r.mean_turn),
						tipped: r.tipped,
						lost: r.lost,
						lostHere: r.lost_here,
						replies: byDecision.get(`${r.scenario_id}\u0000${r.decision}`)?.replies ?? []
					};
					s.decisions.push(d);
					byDecision.set(`${r.scenario_id}\u0000${r.decision}`, d);
				} else {
					const key = `${r.scenario_id}\u0000${r.decision}`;
					let d = byDecision.get(key);
					if (!d) byDecision.set(key, (d = { decision: r.decision!, attempts: 0, members: 0, meanTurn: 0, tipped: 0, lost: 0, lostHere: 0, replies: [] }));
					d.replies.push({ reply: r.reply ?? '', members: r.members, times: r.times, typed: r.typed, lost: r.lost });
				}
			}
			for (const s of scenarios.values()) {
				s.decisions.sort((a, b) => a.meanTurn - b.meanTurn || a.decision.localeCompare(b.decision));
				for (const d of s.decisions) d.replies.sort((a, b) => b.times - a.times || a.reply.localeCompare(b.reply));
			}

			return {
				cohort,
				filter: { mode },
				heatmap,
				scenarios: [...scenarios.values()],
				typed: {
					total: typed[0]?.total ?? 0,
					items: typed.map((r) => ({
						attemptId: r.attempt_id,
						scenarioId: r.scenario_id,
						member: { id: r.user_id, displayName: r.display_name },
						seq: r.seq,
						text: r.typed_text,
						decision: r.decision,
						reading: r.reading ? { reading: r.reading.reading, moves: r.reading.moves as MoveCode[], flags: r.reading.flags as FlagCode[], matchedText: r.reading.matchedText } : null,
						at: new Date(r.received_at)
					}))
				}
			};
		});
	}

	const toTranscript = (turns: TurnReview[]): TranscriptTurn[] =>
		turns.map((t) => ({ turn: t.turn, decision: t.decision, heard: t.heard, reply: t.reply.text, typed: t.typed, moodBefore: t.moodBefore, moodAfter: t.moodAfter }));

	/** An unfinished attempt's turns, replayed on its stored version and rules (null when the trainer may not read that version). */
	async function replayed(tx: Tx, row: AttemptRow): Promise<TranscriptTurn[] | null> {
		const scenario = await base.storedVersion<CompiledScenario>(tx, 'roleplay', row.scenario_id, row.scenario_version);
		if (!scenario || !row.rules_version) return null;
		const events = (
			await tx.query<{ kind: EventKind; reply_id: string | null; typed_text: string | null; response_ms: number | null; timed: boolean; hold_asked: boolean | null; hold_ms: number | null }>(
				'select kind, reply_id, typed_text, response_ms, timed, hold_asked, hold_ms from app.attempt_events where attempt_id = $1 order by seq',
				[row.id]
			)
		).rows;
		const turns: AttemptTurn[] = events.map((e) => ({
			...(e.kind === 'typed' ? { typed: e.typed_text! } : { reply: e.reply_id! }),
			ms: e.response_ms,
			...callPart({ timed: e.timed, hold: e.hold_asked === null || e.hold_ms === null ? null : { asked: e.hold_asked, ms: e.hold_ms } })
		}));
		const resolved = resolveAttempt(scenario, await base.storedRules(tx, row.rules_version), turns);
		if (!resolved.ok) return null;
		return toTranscript(scoreAttempt(scenario, resolved.input).turns);
	}

	/**
	 * One member's role plays (newest first, at most MEMBER_ATTEMPTS_LIMIT) with their transcripts,
	 * for the trainer of a cohort they belong to; refused to anyone else (and for a profile that is
	 * not a member of this cohort).
	 */
	async function memberDrillDown(user: Claims | null, cohortId: string, memberId: string): Promise<MemberDrillDown> {
		if (!user) anonymous();
		if (!uuid.safeParse(memberId).success) throw new StoreError('unknown-profile', `no profile ${memberId}`);
		return asUser(db, user, async (tx) => {
			const cohort = await ledCohort(tx, cohortId);
			const m = (
				await tx.query<{ display_name: string }>(
					'select p.display_name from app.cohort_members m join app.profiles p on p.id = m.profile_id where m.cohort_id = $1 and m.profile_id = $2',
					[cohortId, memberId]
				)
			).rows[0];
			if (!m) throw new StoreError('unknown-profile', `profile ${memberId} is not a member of cohort ${cohortId}`);
			const rows = (
				await tx.query<AttemptRow & { overall: number | null; best_possible: number | null; turns: TurnReview[] | null }>(
					`select ${ATTEMPT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}, s.overall, s.best_possible, s.report -> 'turns' as turns
					 from app.attempts a left join app.scores s on s.attempt_id = a.id
					 where a.user_id = $1 and a.kind = 'roleplay'
					 order by a.started_at desc, a.id
					 limit ${MEMBER_ATTEMPTS_LIMIT}`,
					[memberId]
				)
			).rows;
			const attempts: MemberAttempt[] = [];
			for (const r of rows) {
				const { overall, best_possible, turns, ...row } = r;
				attempts.push({
					...toAttempt(row),
					overall,
					bestPossible: best_possible,
					transcript: turns ? toTranscript(turns) : await replayed(tx, row)
				});
			}
			return { cohort, member: { id: memberId, displayName: m.display_name }, attempts };
		});
	}

	return { cohortDashboard, memberDrillDown };
}

