// Role plays in the store: starting an attempt, recording its events, giving it up, reading it
// back. Every function that acts for a user takes that user's claims (null: nobody signed in) and
// runs as them (session.ts), so row-level security applies; only finishing an attempt and writing
// its score run as service_role. What quizzes share with role plays is in attempt-base.ts.
//
// Events are checked by replaying the attempt's stored events plus the new one through the
// scenario engine on the exact scenario version and analyzer rules the attempt started with; the
// score is computed here, never taken from a client.
import { z } from 'zod';
import type { CompiledRules } from '../../analyzer';
import { SCENARIO_ID } from '../../scenario/schema';
import { ATTEMPT_KINDS, ATTEMPT_MODES, type AttemptKind, type AttemptMode, type EventKind } from '../../domain';
import type { CompiledScenario } from '../../scenario/types';
import { attemptTurnSchema, resolveAttempt, type AttemptTurn, type ResolveError } from '../../scoring/attempt';
import { callPart, MAX_CHOICES } from '../../scoring/attempt-params';
import { bestScore } from '../../scoring/best';
import { scoreAttempt, type ScoreReport } from '../../scoring/score';
import {
	anonymous,
	ATTEMPT_COLUMNS,
	contentVersion,
	createAttemptBase,
	isoTime,
	parse,
	toAttempt,
	toScore,
	uuid,
	type Attempt,
	type AttemptRow,
	type AttemptStoreOptions,
	type ScoreSummary
} from './attempt-base';
import { StoreError } from './errors';
import { asUser, becomeService, type Claims } from './session';
import { createTypedReadings } from './typed-readings';
import type { Tx } from './types';

// ---------------------------------------------------------------------------------------------
// Types the routes see

export interface StoredEvent {
	seq: number;
	idempotencyKey: string;
	kind: EventKind;
	/** The reply picked, or for typed words the reply the server matched them to (null: off script or unclear). */
	replyId: string | null;
	typedText: string | null;
	responseMs: number | null;
	/** Answered on a live call with the response timer running (the caller's prompts follow from responseMs). */
	timed: boolean;
	/** A hold before this reply (迂回暂缓), or null. */
	hold: { asked: boolean; ms: number } | null;
	clientTime: Date;
	receivedAt: Date;
}

export interface RecordResult {
	event: StoredEvent;
	/** True when this event had been stored before (same idempotency key, same content). */
	duplicate: boolean;
	attempt: Attempt;
	/** Set once the attempt is finished. */
	score: ScoreSummary | null;
}

export interface AttemptDetail {
	attempt: Attempt;
	events: StoredEvent[];
	/** The events as the player and resolveAttempt take them: replay these to resume. */
	turns: AttemptTurn[];
	nextSeq: number;
	score: (ScoreSummary & { report: ScoreReport }) | null;
	/** The exact scenario version the attempt is played on. */
	scenario: CompiledScenario;
	/** The analyzer rules it is read with (typed words are read with these when it resumes). */
	rules: CompiledRules | null;
}

export interface AttemptListItem extends Attempt {
	events: number;
	score: ScoreSummary | null;
}

// ---------------------------------------------------------------------------------------------
// Inputs, parsed strictly: a field the store does not know (a score, an outcome…) is refused.

export const eventInputSchema = z
	.strictObject({
		idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'an idempotency key is 8–100 letters, digits, - or _'),
		seq: z.number().int().min(1).max(MAX_CHOICES),
		// reply (REPLY_ID), typed (at most MAX_TYPED_CHARS), ms: exactly a recorded turn's fields.
		...attemptTurnSchema.shape,
		clientTime: isoTime
	})
	.refine((e) => e.reply !== undefined || e.typed !== undefined, 'an event needs a reply id or typed words')
	.refine((e) => !e.timed || (e.ms !== undefined && e.ms !== null), 'a timed event needs its response time (ms)');
export type EventInput = z.input<typeof eventInputSchema>;

export const startInputSchema = z.strictObject({
	/** The client may choose the id (an attempt started offline keeps its id). */
	id: uuid.optional(),
	kind: z.enum(ATTEMPT_KINDS).default('roleplay'),
	scenarioId: z.string().regex(SCENARIO_ID),
	version: contentVersion,
	mode: z.enum(ATTEMPT_MODES),
	/** When the player started, by its clock (default: now). */
	clientTime: isoTime.optional(),
	/** 「从这里重来」 (practice only): the user's attempt of this scenario it branches from, and the turn it goes back to. */
	branchedFrom: z.strictObject({ attemptId: uuid, turn: z.number().int().min(1).max(MAX_CHOICES) }).optional()
});
export type StartInput = z.input<typeof startInputSchema>;

// ---------------------------------------------------------------------------------------------
// Rows

interface EventRow {
	seq: number;
	idempotency_key: string;
	kind: EventKind;
	reply_id: string;
	typed_text: string | null;
	response_ms: number | null;
	timed: boolean;
	hold_asked: boolean | null;
	hold_ms: number | null;
	client_time: Date;
	received_at: Date;
}
const EVENT_COLUMNS = 'seq, idempotency_key, kind, reply_id, typed_text, response_ms, timed, hold_asked, hold_ms, client_time, received_at';
const toEvent = (r: EventRow): StoredEvent => ({
	seq: r.seq,
	idempotencyKey: r.idempotency_key,
	kind: r.kind,
	replyId: r.reply_id,
	typedText: r.typed_text,
	responseMs: r.response_ms,
	timed: r.timed,
	hold: r.hold_asked === null || r.hold_ms === null ? null : { asked: r.hold_asked, ms: r.hold_ms },
	clientTime: r.client_time,
	receivedAt: r.received_at
});
const toTurn = (e: StoredEvent): AttemptTurn => ({
	...(e.kind === 'typed' ? { typed: e.typedText! } : { reply: e.replyId! }),
	ms: e.responseMs,
	...callPart(e)
});

// ---------------------------------------------------------------------------------------------

export interface RoleplayStoreOptions extends AttemptStoreOptions {
	/** The scenario with this id as it is now (compiled), or undefined. */
	getScenario: (id: string) => CompiledScenario | undefined;
	/** The best overall score a scenario version allows (default: searched here, once per version). */
	bestPossible?: (scenario: CompiledScenario) => number;
	/** How many readings of typed words are kept (typed-readings.ts; default DEFAULT_TYPED_READINGS). */
	typedReadings?: number;
}

export type RoleplayStore = ReturnType<typeof createRoleplayStore>;

export function createRoleplayStore(options: RoleplayStoreOptions) {
	const { db, getScenario } = options;
	const base = createAttemptBase(options);
	const { refuseAttempt, scoreOf, storedRules } = base;
	const storedScenario = (tx: Tx, kind: AttemptKind, id: string, version: string) => base.storedVersion<CompiledScenario>(tx, kind, id, version);
	const best = new Map<string, number>();
	const readings = createTypedReadings(options.typedReadings);

	function bestPossible(scenario: CompiledScenario): number {
		if (options.bestPossible) return options.bestPossible(scenario);
		const key = `${scenario.meta.id}@${scenario.version}`;
		let b = best.get(key);
		if (b === undefined) best.set(key, (b = bestScore(scenario).overall));
		return b;
	}
	// -------------------------------------------------------------------------------------------
	// Attempts

	/**
	 * Starts an attempt on the scenario version the client plays. That version is stored the first
	 * time (so it can be replayed however the files change); a version that is neither stored nor
	 * current is refused. With a client-chosen id, starting again returns the same attempt.
	 * Quiz attempts start with startQuizAttempt (quiz-store.ts): they need the shuffled view.
	 */
	async function startAttempt(user: Claims | null, input: StartInput): Promise<Attempt> {
		if (!user) anonymous();
		const s = parse(startInputSchema, input);
		if (s.kind !== 'roleplay') throw new StoreError('bad-input', 'quiz attempts start with startQuizAttempt (POST /api/attempts with kind "quiz" and a quizId)');
		const current = getScenario(s.scenarioId);
		return toAttempt(await base.start(user, s, current && { version: current.version, compiled: current }, 'unknown-scenario'));
	}

	const sameEvent = (stored: StoredEvent, e: z.output<typeof eventInputSchema>) =>
		stored.seq === e.seq &&
		stored.clientTime.getTime() === new Date(e.clientTime).getTime() &&
		stored.responseMs === (e.ms ?? null) &&
		stored.timed === !!e.timed &&
		stored.hold?.asked === e.hold?.asked &&
		stored.hold?.ms === e.hold?.ms &&
		(e.typed !== undefined
			? stored.kind === 'typed' && stored.typedText === e.typed && (e.reply === undefined || e.reply === stored.replyId)
			: stored.kind === 'choice' && stored.replyId === e.reply);

	const resolveErrorCode = { ended: 'attempt-closed', 'not-offered': 'not-offered', mismatch: 'mismatch', 'no-hold': 'no-hold' } as const;
	function refuseResolve(error: ResolveError): never {
		const message =
			error.kind === 'not-offered'
				? `reply ${error.reply} is not offered at turn ${error.turn}`
				: error.kind === 'no-hold'
					? `turn ${error.turn} puts the caller on hold at a decision that does not allow it`
				: error.kind === 'mismatch'
					? `typed words at turn ${error.turn} read as ${error.routed ?? 'off script'}, not ${error.claimed}`
					: `the scenario ended before turn ${error.turn}`;
		throw new StoreError(resolveErrorCode[error.kind], message, { ...error });
	}

	/**
	 * Records one event of the user's active attempt, exactly once per idempotency key: the same
	 * event again returns what was stored. The event must be the next one (seq), at a possible
	 * time, and offered at that point of the scenario (replayed on the attempt's exact version).
	 * When it reaches an ending, the attempt is finished and scored in the same transaction.
	 */
	async function recordEvent(user: Claims | null, attemptId: string, input: EventInput): Promise<RecordResult> {
		if (!user) anonymous();
		const e = parse(eventInputSchema, input);
		if (!uuid.safeParse(attemptId).success) throw new StoreError('unknown-attempt', `no attempt ${attemptId}`);
		const result = await asUser(db, user, async (tx): Promise<RecordResult | 'refuse'> => {
			await base.lockAttempt(tx, attemptId);
			const found = (await tx.query<AttemptRow & { now: Date }>(`select ${ATTEMPT_COLUMNS}, now() as now from app.attempts where id = $1`, [attemptId])).rows[0];
			if (!found || found.user_id !== user.sub) return 'refuse';
			const { now, ...row } = found;
			const attempt = toAttempt(row);
			if (attempt.kind !== 'roleplay')
				throw new StoreError('wrong-kind', `attempt ${attemptId} is a quiz: its answers go to POST /api/attempts/${attemptId}/answers`, { kind: attempt.kind });

			const events = (
				await tx.query<EventRow>(`select ${EVENT_COLUMNS} from app.attempt_events where attempt_id = $1 order by seq`, [attemptId])
			).rows.map(toEvent);
			const same = events.find((x) => x.idempotencyKey === e.idempotencyKey);
			if (same) {
				if (!sameEvent(same, e))
					throw new StoreError('key-reused', `idempotency key ${e.idempotencyKey} was used for another event (seq ${same.seq})`, {
						seq: same.seq
					});
				return { event: same, duplicate: true, attempt, score: await scoreOf(tx, attemptId) };
			}
			if (attempt.state !== 'active') throw new StoreError('attempt-closed', `attempt ${attemptId} is ${attempt.state}`, { state: attempt.state });
			// Time on hold passed too since the previous event.
			const spent = e.ms == null && !e.hold ? e.ms : (e.ms ?? 0) + (e.hold?.ms ?? 0);
			base.checkNext(attempt, { count: events.length, lastClientTime: events.at(-1)?.clientTime }, { ...e, ms: spent }, now);

			const scenario = await storedScenario(tx, attempt.kind, attempt.scenarioId, attempt.scenarioVersion);
			if (!scenario) throw new Error(`scenario version ${attempt.scenarioId}@${attempt.scenarioVersion} is missing`);
			const rules = await storedRules(tx, row.rules_version!);
			const pressure = callPart(e);
			const turn: AttemptTurn =
				e.typed !== undefined ? { typed: e.typed, reply: e.reply, ms: e.ms ?? null, ...pressure } : { reply: e.reply, ms: e.ms ?? null, ...pressure };
			// Earlier typed turns were read when they were recorded: the readings are kept, not redone.
			const read = readings.reader({ rulesVersion: row.rules_version!, rules, scenarioId: attempt.scenarioId, scenarioVersion: attempt.scenarioVersion });
			const resolved = resolveAttempt(scenario, rules, [...events.map(toTurn), turn], read);
			if (!resolved.ok) refuseResolve(resolved.error);
			const routedReply = resolved.input.choices.at(-1)!;

			const inserted = await tx.query<EventRow>(
				`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, typed_text, response_ms, timed, hold_asked, hold_ms, client_time)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${EVENT_COLUMNS}`,
				[
					attemptId,
					e.seq,
					e.idempotencyKey,
					e.typed !== undefined ? 'typed' : 'choice',
					routedReply,
					e.typed ?? null,
					e.ms ?? null,
					!!e.timed,
					e.hold?.asked ?? null,
					e.hold?.ms ?? null,
					e.clientTime
				]
			);
			const event = toEvent(inserted.rows[0]);

			const best = bestPossible(scenario);
			const report = scoreAttempt(scenario, { ...resolved.input, bestPossible: best });
			if (!report.finished) return { event, duplicate: false, attempt, score: null };
			// The ending is reached: the server finishes the attempt and writes its score.
			await becomeService(tx);
			const done = await tx.query<AttemptRow>(
				`update app.attempts set state = 'finished', outcome = $2, finished_at = now() where id = $1 returning ${ATTEMPT_COLUMNS}`,
				[attemptId, report.outcome]
			);
			const score = await tx.query<{ overall: number; best_possible: number; computed_at: Date }>(
				`insert into app.scores (attempt_id, overall, best_possible, report) values ($1, $2, $3, $4)
				 returning overall, best_possible, computed_at`,
				[attemptId, report.overall, best, JSON.stringify(report)]
			);
			return { event, duplicate: false, attempt: toAttempt(done.rows[0]), score: toScore(score.rows[0]) };
		});
		if (result === 'refuse') return refuseAttempt(user, attemptId);
		return result;
	}

	/** Gives up the user's active attempt (it stays in their list, unscored). */
	async function abandonAttempt(user: Claims | null, attemptId: string): Promise<Attempt> {
		if (!user) anonymous();
		if (!uuid.safeParse(attemptId).success) throw new StoreError('unknown-attempt', `no attempt ${attemptId}`);
		const row = await asUser(db, user, async (tx) => {
			const r = await tx.query<AttemptRow>(
				`update app.attempts set state = 'abandoned' where id = $1 and user_id = auth.uid() and state = 'active' returning ${ATTEMPT_COLUMNS}`,
				[attemptId]
			);
			return r.rows[0];
		});
		return row ? toAttempt(row) : refuseAttempt(user, attemptId);
	}

	/**
	 * A role-play attempt the user may read (their own, or a member's for their trainer), ready to
	 * resume or review; null for a quiz attempt (getQuizAttempt: its stored version holds the
	 * answers, which only the redacted view may show before submission).
	 */
	async function getAttempt(user: Claims | null, attemptId: string): Promise<AttemptDetail | null> {
		if (!user || !uuid.safeParse(attemptId).success) return null;
		return asUser(db, user, async (tx) => {
			const row = (await tx.query<AttemptRow>(`select ${ATTEMPT_COLUMNS} from app.attempts where id = $1 and kind = 'roleplay'`, [attemptId])).rows[0];
			if (!row) return null;
			const events = (
				await tx.query<EventRow>(`select ${EVENT_COLUMNS} from app.attempt_events where attempt_id = $1 order by seq`, [attemptId])
			).rows.map(toEvent);
			const s = (
				await tx.query<{ overall: number; best_possible: number; computed_at: Date; report: ScoreReport }>(
					'select overall, best_possible, computed_at, report from app.scores where attempt_id = $1',
					[attemptId]
				)
			).rows[0];
			const scenario = await storedScenario(tx, row.kind, row.scenario_id, row.scenario_version);
			// The version exists (a foreign key): hidden, it is a team's this reader may not read (a
			// trainer looking at a member's attempt on another trainer's content). Not theirs to see.
			if (!scenario) return null;
			return {
				attempt: toAttempt(row),
				events,
				turns: events.map(toTurn),
				nextSeq: events.length + 1,
				score: s ? { ...toScore(s), report: s.report } : null,
				scenario,
				rules: row.rules_version ? await storedRules(tx, row.rules_version) : null
			};
		});
	}

	/**
	 * The id of the user's newest unfinished role play of this scenario in this mode, if any: what
	 * the play page resumes. One indexed row, where listing every attempt with its counts grew with
	 * the trainee's history on every page view.
	 */
	async function activeAttemptId(user: Claims | null, scenarioId: string, mode: AttemptMode): Promise<string | null> {
		if (!user) return null;
		return asUser(db, user, async (tx) => {
			const r = await tx.query<{ id: string }>(
				`select id from app.attempts
				 where user_id = auth.uid() and kind = 'roleplay' and scenario_id = $1 and mode = $2 and state = 'active'
				 order by started_at desc, id limit 1`,
				[scenarioId, mode]
			);
			return r.rows[0]?.id ?? null;
		});
	}

	/** The user's own attempts, newest first, with their scores. */
	async function listMyAttempts(user: Claims | null): Promise<AttemptListItem[]> {
		if (!user) return [];
		return asUser(db, user, async (tx) => {
			const r = await tx.query<AttemptRow & { events: number; overall: number | null; best_possible: number | null; computed_at: Date | null }>(
				`select ${ATTEMPT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')},
				        (select count(*)::int from app.attempt_events e where e.attempt_id = a.id) as events,
				        s.overall, s.best_possible, s.computed_at
				 from app.attempts a left join app.scores s on s.attempt_id = a.id
				 where a.user_id = auth.uid()
				 order by a.started_at desc, a.id`
			);
			return r.rows.map((x) => ({
				...toAttempt(x),
				events: x.events,
				score: x.overall === null ? null : toScore({ overall: x.overall, best_possible: x.best_possible!, computed_at: x.computed_at! })
			}));
		});
	}

	return {
		startAttempt,
		recordEvent,
		abandonAttempt,
		getAttempt,
		listMyAttempts,
		activeAttemptId
	};
}
