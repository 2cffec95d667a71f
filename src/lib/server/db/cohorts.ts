// Cohorts in the store: a trainer's cohorts, their members, and the members' progress. Every
// function runs as the user (row-level security decides what a trainer may see).
import type { AttemptKind, AttemptMode, Dimension, Outcome } from '../../domain';
import { requireLeads } from './access';
import { anonymous, line, parse, uuid } from './attempt-base';
import { PG, StoreError, pgCode } from './errors';
import { asUser, type Claims } from './session';
import type { Db } from './types';

export interface Cohort {
	id: string;
	name: string;
	trainerId: string;
	createdAt: Date;
	/** 'lead' for the cohort's trainer, 'member' for its members. */
	as: 'lead' | 'member';
}

export interface MemberProgress {
	member: { id: string; displayName: string };
	scenarios: {
		scenarioId: string;
		finishedAttempts: number;
		/** branched: a 「从这里重来」 branch of an earlier practice attempt (练习分支). */
		latest: { attemptId: string; overall: number; bestPossible: number; outcome: Outcome | null; finishedAt: Date; mode: AttemptMode; branched: boolean };
		best: { attemptId: string; overall: number; finishedAt: Date; mode: AttemptMode; branched: boolean };
	}[];
	/** The same for quizzes: per quiz, the latest and the best submitted attempt, by percent. */
	quizzes: QuizProgress[];
}

export interface QuizProgress {
	quizId: string;
	finishedAttempts: number;
	/** percent: the stored overall score (0–100); passed: null when the quiz sets no pass mark. */
	latest: {
		attemptId: string;
		percent: number;
		passed: boolean | null;
		finishedAt: Date;
		/** A self-assessment's profile per dimension (its percent means nothing as a score). */
		profile: Partial<Record<Dimension, { percent: number | null; band?: { label: string } }>> | null;
	};
	best: { attemptId: string; percent: number; finishedAt: Date };
}

export type CohortsStore = ReturnType<typeof createCohortsStore>;

export function createCohortsStore(db: Db) {
	// -------------------------------------------------------------------------------------------
	// Cohorts (trainers)

	async function createCohort(user: Claims | null, name: string): Promise<Cohort> {
		if (!user) anonymous();
		const n = parse(line(80), name);
		try {
			return await asUser(db, user, async (tx) => {
				const r = await tx.query<{ id: string; name: string; trainer_id: string; created_at: Date }>(
					'insert into app.cohorts (name, trainer_id) values ($1, auth.uid()) returning *',
					[n]
				);
				const c = r.rows[0];
				return { id: c.id, name: c.name, trainerId: c.trainer_id, createdAt: c.created_at, as: 'lead' as const };
			});
		} catch (e) {
			if (pgCode(e) === PG.insufficientPrivilege) throw new StoreError('forbidden', 'only trainers create cohorts');
			throw e;
		}
	}

	/** The cohorts the user leads or belongs to. */
	async function listCohorts(user: Claims | null): Promise<Cohort[]> {
		if (!user) return [];
		return asUser(db, user, async (tx) =>
			(
				await tx.query<{ id: string; name: string; trainer_id: string; created_at: Date }>('select * from app.cohorts order by created_at, id')
			).rows.map((c) => ({
				id: c.id,
				name: c.name,
				trainerId: c.trainer_id,
				createdAt: c.created_at,
				as: c.trainer_id === user.sub ? ('lead' as const) : ('member' as const)
			}))
		);
	}

	/** Adds a member to a cohort the user leads (adding someone twice is not an error). */
	async function addMember(user: Claims | null, cohortId: string, profileId: string): Promise<void> {
		if (!user) anonymous();
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no profile ${profileId}`);
		try {
			await asUser(db, user, async (tx) => {
				await requireLeads(tx, cohortId);
				await tx.query('insert into app.cohort_members (cohort_id, profile_id) values ($1, $2) on conflict do nothing', [cohortId, profileId]);
			});
		} catch (e) {
			if (pgCode(e) === PG.foreignKeyViolation) throw new StoreError('unknown-profile', `no profile ${profileId}`);
			throw e;
		}
	}

	async function removeMember(user: Claims | null, cohortId: string, profileId: string): Promise<void> {
		if (!user) anonymous();
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no profile ${profileId}`);
		await asUser(db, user, async (tx) => {
			await requireLeads(tx, cohortId);
			await tx.query('delete from app.cohort_members where cohort_id = $1 and profile_id = $2', [cohortId, profileId]);
		});
	}

	/** Per member of a cohort the user leads, per scenario and per quiz: the latest and the best finished attempt. */
	async function cohortProgress(user: Claims | null, cohortId: string): Promise<MemberProgress[]> {
		if (!user) anonymous();
		const rows = await asUser(db, user, async (tx) => {
			await requireLeads(tx, cohortId);
			return (
				await tx.query<{
					profile_id: string;
					display_name: string;
					attempt_id: string | null;
					kind: AttemptKind | null;
					scenario_id: string | null;
					finished_at: Date | null;
					outcome: Outcome | null;
					overall: number | null;
					best_possible: number | null;
					passed: boolean | null;
					mode: AttemptMode | null;
					branched: boolean;
					profile: QuizProgress['latest']['profile'];
				}>(
					`select m.profile_id, p.display_name, a.id as attempt_id, a.kind, a.scenario_id, a.finished_at, a.outcome, a.mode, a.branched_at is not null as branched, s.overall, s.best_possible,
					        case when a.kind = 'quiz' then (s.report ->> 'passed')::boolean end as passed,
					        case when a.kind = 'quiz' then s.report -> 'profile' end as profile
					 from app.cohort_members m
					 join app.profiles p on p.id = m.profile_id
					 left join app.attempts a on a.user_id = m.profile_id and a.state = 'finished' and (a.kind = 'roleplay' or a.mode = 'assessment')
					 left join app.scores s on s.attempt_id = a.id
					 where m.cohort_id = $1
					 order by p.display_name, m.profile_id, a.scenario_id, a.finished_at, a.id`,
					[cohortId]
				)
			).rows;
		});
		const members = new Map<string, MemberProgress>();
		for (const r of rows) {
			let m = members.get(r.profile_id);
			if (!m) members.set(r.profile_id, (m = { member: { id: r.profile_id, displayName: r.display_name }, scenarios: [], quizzes: [] }));
			if (!r.attempt_id || r.overall === null) continue;
			if (r.kind === 'quiz') {
				const q = m.quizzes.find((x) => x.quizId === r.scenario_id);
				const latest = { attemptId: r.attempt_id, percent: r.overall, passed: r.passed, finishedAt: r.finished_at!, profile: r.profile ?? null };
				if (!q) m.quizzes.push({ quizId: r.scenario_id!, finishedAttempts: 1, latest, best: { attemptId: r.attempt_id, percent: r.overall, finishedAt: r.finished_at! } });
				else {
					q.finishedAttempts++;
					q.latest = latest; // rows come oldest first
					if (r.overall > q.best.percent) q.best = { attemptId: r.attempt_id, percent: r.overall, finishedAt: r.finished_at! };
				}
				continue;
			}
			let s = m.scenarios.find((x) => x.scenarioId === r.scenario_id);
			const latest = { attemptId: r.attempt_id, overall: r.overall, bestPossible: r.best_possible!, outcome: r.outcome, finishedAt: r.finished_at!, mode: r.mode!, branched: r.branched };
			if (!s) {
				m.scenarios.push({
					scenarioId: r.scenario_id!,
					finishedAttempts: 1,
					latest,
					best: { attemptId: r.attempt_id, overall: r.overall, finishedAt: r.finished_at!, mode: r.mode!, branched: r.branched }
				});
				continue;
			}
			s.finishedAttempts++;
			s.latest = latest; // rows come oldest first
			if (r.overall > s.best.overall) s.best = { attemptId: r.attempt_id, overall: r.overall, finishedAt: r.finished_at!, mode: r.mode!, branched: r.branched };
		}
		return [...members.values()];
	}

	return { createCohort, listCohorts, addMember, removeMember, cohortProgress };
}
