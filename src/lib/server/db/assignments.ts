// Assignments in the store (issue 14; migration 20261207000005_assignments): a cohort's trainer
// assigns a scenario or a quiz with a mode and a due time; members see their cohorts' assignments,
// the trainer sees per member who finished, who is late and who has not started. Everything runs
// as the user (row-level security: only the cohort's trainer writes and reads them all, members
// read their own cohorts'). Whether a member finished is read from their attempts, never stored.
import { z } from 'zod';
import { ATTEMPT_KINDS, ATTEMPT_MODES, type AttemptKind, type AttemptMode } from '../../domain';
import { assignmentStatus, type AssignmentStatus } from '../../progress/assignment-status';
import { SCENARIO_ID } from '../../scenario/ids';
import { cleanLine } from '../../text';
import { requireLeads } from './access';
import { anonymous, isoTime, uuid } from './attempt-base';
import { PG, StoreError, pgCode } from './errors';
import { asUser, type Claims } from './session';
import type { Db, Tx } from './types';

/** The longest note a trainer may add (the migration's assignments_note_length). */
export const ASSIGNMENT_NOTE_MAX = 200;
/** How far ahead a due time may be: a typo such as year 20266 is refused, not stored. */
export const MAX_DUE_AHEAD_MS = 366 * 24 * 3600_000;

export interface Assignment {
	id: string;
	cohortId: string;
	kind: AttemptKind;
	contentId: string;
	mode: AttemptMode;
	dueAt: Date;
	note: string | null;
	createdBy: string;
	createdAt: Date;
}

export interface CohortAssignment extends Assignment {
	/** Every current member of the cohort, with where they stand. */
	members: ({ member: { id: string; displayName: string } } & AssignmentStatus)[];
}

export interface MyAssignment extends Assignment {
	cohortName: string;
	status: AssignmentStatus;
}

/**
 * Why an assignment was refused, beside the StoreError's code (detail.reason): the routes tell
 * people exactly what to change (t.assignmentRefusals).
 */
export type AssignmentRefusal = 'content' | 'mode' | 'due-invalid' | 'due-past' | 'due-far' | 'note';

export const assignmentInputSchema = z.strictObject({
	cohortId: uuid,
	kind: z.enum(ATTEMPT_KINDS),
	contentId: z.string().regex(SCENARIO_ID),
	mode: z.enum(ATTEMPT_MODES),
	dueAt: isoTime,
	/** One line; empty means none. */
	note: z
		.string()
		.transform(cleanLine)
		.pipe(z.string().max(ASSIGNMENT_NOTE_MAX))
		.optional()
});
export type AssignmentInput = z.input<typeof assignmentInputSchema>;

const REASON_BY_FIELD: Record<string, AssignmentRefusal> = { kind: 'content', contentId: 'content', mode: 'mode', dueAt: 'due-invalid', note: 'note' };

function refuse(reason: AssignmentRefusal, message: string): never {
	throw new StoreError('bad-input', message, { reason });
}

function parseInput(input: unknown): z.output<typeof assignmentInputSchema> {
	const r = assignmentInputSchema.safeParse(input);
	if (r.success) return r.data;
	const issues = r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
	const text = issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
	if (issues.some((i) => i.path[0] === 'cohortId')) throw new StoreError('unknown-cohort', text);
	const reason = issues.map((i) => REASON_BY_FIELD[i.path[0] ?? '']).find(Boolean);
	throw new StoreError('bad-input', text, reason ? { reason, issues } : { issues });
}

interface AssignmentRow {
	id: string;
	cohort_id: string;
	kind: AttemptKind;
	content_id: string;
	mode: AttemptMode;
	due_at: Date;
	note: string | null;
	created_by: string;
	created_at: Date;
}
const COLUMNS = 'a.id, a.cohort_id, a.kind, a.content_id, a.mode, a.due_at, a.note, a.created_by, a.created_at';
const toAssignment = (r: AssignmentRow): Assignment => ({
	id: r.id,
	cohortId: r.cohort_id,
	kind: r.kind,
	contentId: r.content_id,
	mode: r.mode,
	dueAt: r.due_at,
	note: r.note,
	createdBy: r.created_by,
	createdAt: r.created_at
});

/** For `who` (a column holding a profile id) and assignment `a`: when they first finished it, and whether they have it open. */
const progressColumns = (who: string) => `
	(select min(x.finished_at) from app.attempts x
	 where x.user_id = ${who} and x.kind = a.kind and x.scenario_id = a.content_id and x.mode = a.mode
	   and x.state = 'finished' and x.finished_at >= a.created_at) as finished_at,
	exists (select 1 from app.attempts x
	        where x.user_id = ${who} and x.kind = a.kind and x.scenario_id = a.content_id and x.mode = a.mode and x.state = 'active') as active,
	now() as now`;
interface ProgressRow {
	finished_at: Date | null;
	active: boolean;
	now: Date;
}

export interface AssignmentStoreOptions {
	db: Db;
	/** Whether this id is shipped content of this kind (a scenario or quiz file). */
	shipped: (kind: AttemptKind, id: string) => boolean;
}

export type AssignmentStore = ReturnType<typeof createAssignmentStore>;

export function createAssignmentStore({ db, shipped }: AssignmentStoreOptions) {
	/** Shipped content, or content this trainer published and has live (their cohorts may play it). */
	async function mayAssign(tx: Tx, kind: AttemptKind, id: string): Promise<boolean> {
		if (shipped(kind, id)) return true;
		const r = await tx.query('select 1 from app.published_content where kind = $1 and slug = $2 and owner_id = auth.uid() and live', [kind, id]);
		return r.rows.length > 0;
	}

	/**
	 * Assigns a scenario or quiz to a cohort the user leads. Refused (detail.reason) unless the
	 * content exists and is the trainer's to assign, the mode is one of ATTEMPT_MODES and the due
	 * time is in the future, at most MAX_DUE_AHEAD_MS ahead.
	 */
	async function createAssignment(user: Claims | null, input: AssignmentInput): Promise<Assignment> {
		if (!user) anonymous();
		const a = parseInput(input);
		const due = new Date(a.dueAt);
		try {
			return await asUser(db, user, async (tx) => {
				await requireLeads(tx, a.cohortId);
				const now = (await tx.query<{ now: Date }>('select now() as now')).rows[0].now.getTime();
				if (due.getTime() <= now) refuse('due-past', `due time ${a.dueAt} is not in the future`);
				if (due.getTime() > now + MAX_DUE_AHEAD_MS) refuse('due-far', `due time ${a.dueAt} is more than a year ahead`);
				if (!(await mayAssign(tx, a.kind, a.contentId))) refuse('content', `no ${a.kind} ${a.contentId} this trainer may assign`);
				const r = await tx.query<AssignmentRow>(
					`insert into app.assignments as a (cohort_id, kind, content_id, mode, due_at, note, created_by)
					 values ($1, $2, $3, $4, $5, $6, auth.uid()) returning ${COLUMNS}`,
					[a.cohortId, a.kind, a.contentId, a.mode, due, a.note || null]
				);
				return toAssignment(r.rows[0]);
			});
		} catch (e) {
			if (pgCode(e) === PG.insufficientPrivilege) throw new StoreError('forbidden', `the user does not lead cohort ${a.cohortId}`);
			throw e;
		}
	}

	/** The assignments of a cohort the user leads, soonest due first, each with every member's status. */
	async function cohortAssignments(user: Claims | null, cohortId: string): Promise<CohortAssignment[]> {
		if (!user) anonymous();
		const rows = await asUser(db, user, async (tx) => {
			await requireLeads(tx, cohortId);
			return (
				await tx.query<AssignmentRow & ProgressRow & { profile_id: string | null; display_name: string | null }>(
					`select ${COLUMNS}, m.profile_id, p.display_name, ${progressColumns('m.profile_id')}
					 from app.assignments a
					 left join app.cohort_members m on m.cohort_id = a.cohort_id
					 left join app.profiles p on p.id = m.profile_id
					 where a.cohort_id = $1
					 order by a.due_at, a.created_at, a.id, p.display_name, m.profile_id`,
					[cohortId]
				)
			).rows;
		});
		const out = new Map<string, CohortAssignment>();
		for (const r of rows) {
			let a = out.get(r.id);
			if (!a) out.set(r.id, (a = { ...toAssignment(r), members: [] }));
			if (r.profile_id === null) continue;
			const status = assignmentStatus({ dueAt: r.due_at, finishedAt: r.finished_at, active: r.active }, r.now);
			a.members.push({ member: { id: r.profile_id, displayName: r.display_name! }, ...status });
		}
		return [...out.values()];
	}

	/** The assignments of the cohorts the user is a member of, soonest due first, with their own status. */
	async function myAssignments(user: Claims | null): Promise<MyAssignment[]> {
		if (!user) return [];
		const rows = await asUser(db, user, async (tx) =>
			(
				await tx.query<AssignmentRow & ProgressRow & { cohort_name: string }>(
					`select ${COLUMNS}, c.name as cohort_name, ${progressColumns('auth.uid()')}
					 from app.assignments a join app.cohorts c on c.id = a.cohort_id
					 where app.is_member_of(a.cohort_id)
					 order by a.due_at, a.created_at, a.id`
				)
			).rows
		);
		return rows.map((r) => ({
			...toAssignment(r),
			cohortName: r.cohort_name,
			status: assignmentStatus({ dueAt: r.due_at, finishedAt: r.finished_at, active: r.active }, r.now)
		}));
	}

	/** Deletes an assignment of a cohort the user leads (the members' attempts stay). */
	async function deleteAssignment(user: Claims | null, assignmentId: string): Promise<void> {
		if (!user) anonymous();
		if (!uuid.safeParse(assignmentId).success) throw new StoreError('unknown-assignment', `no assignment ${assignmentId}`);
		const deleted = await asUser(db, user, async (tx) => (await tx.query('delete from app.assignments where id = $1', [assignmentId])).rowCount);
		if (!deleted) throw new StoreError('unknown-assignment', `no assignment ${assignmentId} in a cohort this user leads`);
	}

	return { createAssignment, cohortAssignments, myAssignments, deleteAssignment };
}
