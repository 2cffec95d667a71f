// The data API the routes call. Every function that acts for a user takes that user's claims
// (null: nobody signed in) and runs as them (session.ts), so row-level security applies to all of
// it; only the server's own writes (finishing an attempt and its score, storing scenario versions,
// local profiles) run as service_role.
//
// Events are checked by replaying the attempt's stored events plus the new one through the
// scenario engine on the exact scenario version and analyzer rules the attempt started with; the
// score is computed here, never taken from a client.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CompiledRules } from '../../analyzer';
import {
	ATTEMPT_KINDS,
	ATTEMPT_MODES,
	DIMENSIONS,
	PROFILE_ROLES,
	type AttemptKind,
	type AttemptMode,
	type AttemptState,
	type Dimension,
	type EventKind,
	type Outcome,
	type ProfileRole
} from '../../domain';
import type { CompiledScenario } from '../../scenario/types';
import { attemptTurnSchema, resolveAttempt, type AttemptTurn, type ResolveError } from '../../scoring/attempt';
import { MAX_CHOICES } from '../../scoring/attempt-params';
import { bestScore } from '../../scoring/best';
import { scoreAttempt, type ScoreReport } from '../../scoring/score';
import { cleanLine } from '../../text';
import { PG, StoreError, pgCode } from './errors';
import { asService, asUser, becomeService, becomeUser, type Claims } from './session';
import type { Db, Tx } from './types';

// ---------------------------------------------------------------------------------------------
// Types the routes see

export interface Profile {
	id: string;
	displayName: string;
	role: ProfileRole;
	createdAt: Date;
}

export interface Attempt {
	id: string;
	userId: string;
	kind: AttemptKind;
	scenarioId: string;
	scenarioVersion: string;
	mode: AttemptMode;
	state: AttemptState;
	startedAt: Date;
	finishedAt: Date | null;
	outcome: Outcome | null;
}

export interface StoredEvent {
	seq: number;
	idempotencyKey: string;
	kind: EventKind;
	/** The reply picked, or for typed words the reply the server matched them to (null: off script or unclear). */
	replyId: string | null;
	typedText: string | null;
	responseMs: number | null;
	clientTime: Date;
	receivedAt: Date;
}

export interface ScoreSummary {
	overall: number;
	bestPossible: number;
	computedAt: Date;
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

/** A dimension of the debrief: the six IDL+PPC moves and emotion handling. */
export type TrendDimension = Dimension;
export const TREND_DIMENSIONS: readonly TrendDimension[] = DIMENSIONS;

export interface TrendPoint {
	attemptId: string;
	scenarioId: string;
	finishedAt: Date;
	/** 0–100, or null when that attempt offered no chance to show it. */
	score: number | null;
}

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
		latest: { attemptId: string; overall: number; bestPossible: number; outcome: Outcome | null; finishedAt: Date };
		best: { attemptId: string; overall: number; finishedAt: Date };
	}[];
	/** The same for quizzes: per quiz, the latest and the best submitted attempt, by percent. */
	quizzes: QuizProgress[];
}

export interface QuizProgress {
	quizId: string;
	finishedAttempts: number;
	/** percent: the stored overall score (0–100); passed: null when the quiz sets no pass mark. */
	latest: { attemptId: string; percent: number; passed: boolean | null; finishedAt: Date };
	best: { attemptId: string; percent: number; finishedAt: Date };
}

// ---------------------------------------------------------------------------------------------
// Inputs, parsed strictly: a field the store does not know (a score, an outcome…) is refused.

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
export const isoTime = z.iso.datetime({ offset: true });

export const eventInputSchema = z
	.strictObject({
		idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'an idempotency key is 8–100 letters, digits, - or _'),
		seq: z.number().int().min(1).max(MAX_CHOICES),
		// reply (REPLY_ID), typed (at most MAX_TYPED_CHARS), ms: exactly a recorded turn's fields.
		...attemptTurnSchema.shape,
		clientTime: isoTime
	})
	.refine((e) => e.reply !== undefined || e.typed !== undefined, 'an event needs a reply id or typed words');
export type EventInput = z.input<typeof eventInputSchema>;

export const startInputSchema = z.strictObject({
	/** The client may choose the id (an attempt started offline keeps its id). */
	id: uuid.optional(),
	kind: z.enum(ATTEMPT_KINDS).default('roleplay'),
	scenarioId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
	version: z.string().min(1).max(64),
	mode: z.enum(ATTEMPT_MODES),
	/** When the player started, by its clock (default: now). */
	clientTime: isoTime.optional()
});
export type StartInput = z.input<typeof startInputSchema>;

/** A name as people type it (profile, cohort): one cleaned line (cleanLine), 1 to `max` characters. */
export const line = (max: number) => z.string().transform(cleanLine).pipe(z.string().min(1).max(max));

const profileInputSchema = z.strictObject({
	displayName: line(60),
	role: z.enum(PROFILE_ROLES).default('trainee'),
	email: z.email().optional()
});

/** Parses a client's input strictly; what does not fit is a 'bad-input' StoreError naming each problem. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const r = schema.safeParse(input);
	if (!r.success)
		throw new StoreError(
			'bad-input',
			r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
			{ issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }
		);
	return r.data;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface AttemptRow {
	id: string;
	user_id: string;
	kind: AttemptKind;
	scenario_id: string;
	scenario_version: string;
	rules_version: string | null;
	mode: AttemptMode;
	state: AttemptState;
	started_at: Date;
	finished_at: Date | null;
	outcome: Outcome | null;
}
export const ATTEMPT_COLUMNS = 'id, user_id, kind, scenario_id, scenario_version, rules_version, mode, state, started_at, finished_at, outcome';
export const toAttempt = (r: AttemptRow): Attempt => ({
	id: r.id,
	userId: r.user_id,
	kind: r.kind,
	scenarioId: r.scenario_id,
	scenarioVersion: r.scenario_version,
	mode: r.mode,
	state: r.state,
	startedAt: r.started_at,
	finishedAt: r.finished_at,
	outcome: r.outcome
});

interface EventRow {
	seq: number;
	idempotency_key: string;
	kind: EventKind;
	reply_id: string;
	typed_text: string | null;
	response_ms: number | null;
	client_time: Date;
	received_at: Date;
}
const EVENT_COLUMNS = 'seq, idempotency_key, kind, reply_id, typed_text, response_ms, client_time, received_at';
const toEvent = (r: EventRow): StoredEvent => ({
	seq: r.seq,
	idempotencyKey: r.idempotency_key,
	kind: r.kind,
	replyId: r.reply_id,
	typedText: r.typed_text,
	responseMs: r.response_ms,
	clientTime: r.client_time,
	receivedAt: r.received_at
});
const toTurn = (e: StoredEvent): AttemptTurn =>
	e.kind === 'typed' ? { typed: e.typedText!, ms: e.responseMs } : { reply: e.replyId!, ms: e.responseMs };

interface ProfileRow {
	id: string;
	display_name: string;
	role: ProfileRole;
	created_at: Date;
}
const toProfile = (r: ProfileRow): Profile => ({ id: r.id, displayName: r.display_name, role: r.role, createdAt: r.created_at });

export const toScore = (r: { overall: number; best_possible: number; computed_at: Date }): ScoreSummary => ({
	overall: r.overall,
	bestPossible: r.best_possible,
	computedAt: r.computed_at
});

// ---------------------------------------------------------------------------------------------

export interface StoreOptions {
	db: Db;
	/** The scenario with this id as it is now (compiled), or undefined. */
	getScenario: (id: string) => CompiledScenario | undefined;
	/** The analyzer rules as they are now. */
	getRules: () => CompiledRules;
	/** How far a client's clock may run ahead of the server's (default 5 minutes). */
	clockSkewMs?: number;
	/** The best overall score a scenario version allows (default: searched here, once per version). */
	bestPossible?: (scenario: CompiledScenario) => number;
}

export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_OFFLINE_START_MS = 24 * 3600_000;

/** The version of a set of analyzer rules: a hash of their compiled form. */
export function rulesVersion(rules: CompiledRules): string {
	return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

export function anonymous(): never {
	throw new StoreError('anonymous', 'sign in first');
}

// ---------------------------------------------------------------------------------------------
// What every kind of attempt shares (role plays here, quizzes in quiz-store.ts): stored versions
// and analyzer rules, starting an attempt, why an attempt is refused, the order and timing rules
// of its events.

/** How an attempt is started, whatever it plays: a scenario (role play) or a quiz, by id and version. */
export interface StartSpec {
	id?: string;
	kind: AttemptKind;
	scenarioId: string;
	version: string;
	mode: AttemptMode;
	clientTime?: string;
}

export type AttemptBase = ReturnType<typeof createAttemptBase>;

export function createAttemptBase(options: { db: Db; getRules: () => CompiledRules; clockSkewMs?: number }) {
	const { db, getRules } = options;
	const skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;

	// Stored versions never change, so what was read once is kept.
	const versions = new Map<string, unknown>();
	const rulesByVersion = new Map<string, CompiledRules>();
	let currentRules: { rules: CompiledRules; version: string } | null = null;

	function rulesNow() {
		const rules = getRules();
		if (currentRules?.rules !== rules) currentRules = { rules, version: rulesVersion(rules) };
		return currentRules;
	}

	/** The compiled form of a stored scenario (or quiz) version, or undefined when it was never stored. */
	async function storedVersion<T>(tx: Tx, kind: AttemptKind, id: string, version: string): Promise<T | undefined> {
		const key = `${kind}:${id}@${version}`;
		let s = versions.get(key) as T | undefined;
		if (!s) {
			const r = await tx.query<{ compiled: T }>('select compiled from app.scenario_versions where kind = $1 and scenario_id = $2 and version = $3', [
				kind,
				id,
				version
			]);
			if (!r.rows[0]) return undefined;
			versions.set(key, (s = r.rows[0].compiled));
		}
		return s;
	}

	async function storedRules(tx: Tx, version: string): Promise<CompiledRules> {
		let rules = rulesByVersion.get(version);
		if (!rules) {
			const r = await tx.query<{ compiled: CompiledRules }>('select compiled from app.analyzer_rules where version = $1', [version]);
			if (!r.rows[0]) throw new Error(`analyzer rules ${version} are missing`);
			rulesByVersion.set(version, (rules = r.rows[0].compiled));
		}
		return rules;
	}

	async function attemptAsService(id: string): Promise<Pick<AttemptRow, 'user_id' | 'state'> | undefined> {
		return asService(db, async (tx) => (await tx.query<AttemptRow>('select user_id, state from app.attempts where id = $1', [id])).rows[0]);
	}

	/** Why an attempt the user cannot see or change is refused. */
	async function refuseAttempt(user: Claims, id: string): Promise<never> {
		const a = uuid.safeParse(id).success ? await attemptAsService(id) : undefined;
		if (!a) throw new StoreError('unknown-attempt', `no attempt ${id}`);
		if (a.user_id !== user.sub) throw new StoreError('not-your-attempt', `attempt ${id} belongs to someone else`);
		throw new StoreError('attempt-closed', `attempt ${id} is ${a.state}`, { state: a.state });
	}

	async function scoreOf(tx: Tx, attemptId: string): Promise<ScoreSummary | null> {
		const r = await tx.query<{ overall: number; best_possible: number; computed_at: Date }>(
			'select overall, best_possible, computed_at from app.scores where attempt_id = $1',
			[attemptId]
		);
		return r.rows[0] ? toScore(r.rows[0]) : null;
	}

	/**
	 * Starts an attempt on the version the client plays. That version is stored the first time (so
	 * it can be replayed or graded however the files change); a version that is neither stored nor
	 * current is refused (`unknown` when the scenario or quiz does not exist at all). The analyzer
	 * rules of the moment are stored with it. With a client-chosen id, starting again returns the
	 * same attempt.
	 */
	async function start(
		user: Claims,
		s: StartSpec,
		current: { version: string; compiled: unknown } | undefined,
		unknown: 'unknown-scenario' | 'unknown-quiz'
	): Promise<AttemptRow> {
		const rules = rulesNow();
		const what = s.kind === 'quiz' ? 'quiz' : 'scenario';
		try {
			return await db.transaction(async (tx) => {
				await becomeService(tx);
				if (current?.version === s.version) {
					await tx.query('insert into app.scenario_versions (kind, scenario_id, version, compiled) values ($1, $2, $3, $4) on conflict do nothing', [
						s.kind,
						s.scenarioId,
						s.version,
						JSON.stringify(current.compiled)
					]);
				} else if (!(await storedVersion(tx, s.kind, s.scenarioId, s.version))) {
					if (!current) throw new StoreError(unknown, `no ${what} ${s.scenarioId}`);
					throw new StoreError('unknown-version', `${what} ${s.scenarioId} has no version ${s.version} (now: ${current.version})`, {
						current: current.version
					});
				}
				await tx.query('insert into app.analyzer_rules (version, compiled) values ($1, $2) on conflict do nothing', [
					rules.version,
					JSON.stringify(rules.rules)
				]);
				if (!rulesByVersion.has(rules.version)) rulesByVersion.set(rules.version, rules.rules);

				await becomeUser(tx, user);
				const now = (await tx.query<{ now: Date }>('select now() as now')).rows[0].now;
				let startedAt = now;
				if (s.clientTime) {
					const t = new Date(s.clientTime);
					if (t.getTime() > now.getTime() + skew) throw new StoreError('time-future', `start time ${s.clientTime} is in the future`);
					if (t.getTime() < now.getTime() - MAX_OFFLINE_START_MS)
						throw new StoreError('time-before-start', `start time ${s.clientTime} is more than a day ago`);
					if (t < now) startedAt = t;
				}
				if (s.id) {
					const existing = (await tx.query<AttemptRow>(`select ${ATTEMPT_COLUMNS} from app.attempts where id = $1`, [s.id])).rows[0];
					if (existing) {
						const same =
							existing.user_id === user.sub &&
							existing.kind === s.kind &&
							existing.scenario_id === s.scenarioId &&
							existing.scenario_version === s.version &&
							existing.mode === s.mode;
						if (same) return existing;
						throw new StoreError('attempt-id-taken', `attempt id ${s.id} is taken`);
					}
				}
				const r = await tx.query<AttemptRow>(
					`insert into app.attempts (id, user_id, kind, scenario_id, scenario_version, rules_version, mode, started_at)
					 values (coalesce($1::uuid, gen_random_uuid()), auth.uid(), $2, $3, $4, $5, $6, $7)
					 returning ${ATTEMPT_COLUMNS}`,
					[s.id ?? null, s.kind, s.scenarioId, s.version, rules.version, s.mode, startedAt]
				);
				return r.rows[0];
			});
		} catch (e) {
			if (pgCode(e) === PG.uniqueViolation) throw new StoreError('attempt-id-taken', `attempt id ${s.id} is taken`);
			if (pgCode(e) === PG.foreignKeyViolation) throw new StoreError('unknown-profile', 'this user has no profile');
			throw e;
		}
	}

	/**
	 * The order and timing rules of a new event, given the attempt and what it already holds:
	 * `seq` must be the next one; the client time may not be ahead of the server's by more than the
	 * clock skew, before the attempt's start, or before the previous event; a response time may not
	 * exceed the time since the previous event.
	 */
	function checkNext(
		attempt: { id: string; startedAt: Date },
		stored: { count: number; lastClientTime?: Date },
		e: { seq: number; clientTime: string; ms?: number | null },
		now: Date
	): void {
		const expected = stored.count + 1;
		if (e.seq < expected) throw new StoreError('seq-taken', `event ${e.seq} of attempt ${attempt.id} is already stored`, { expected });
		if (e.seq > expected) throw new StoreError('seq-gap', `event ${e.seq} arrived before event ${expected}`, { expected });

		const t = new Date(e.clientTime).getTime();
		const previous = stored.lastClientTime?.getTime();
		if (t > now.getTime() + skew) throw new StoreError('time-future', `client time ${e.clientTime} is ahead of the server's`);
		if (t < attempt.startedAt.getTime() - skew) throw new StoreError('time-before-start', `client time ${e.clientTime} is before the attempt started`);
		if (previous !== undefined && t < previous) throw new StoreError('time-backwards', `client time ${e.clientTime} is before that of event ${stored.count}`);
		const elapsed = t - (previous ?? attempt.startedAt.getTime());
		if (e.ms != null && e.ms > elapsed + skew)
			throw new StoreError('time-impossible', `a response time of ${e.ms} ms, but only ${elapsed} ms passed since the previous event`);
	}

	/** Takes the per-attempt write lock for the rest of the transaction (one writer per attempt at a time). */
	async function lockAttempt(tx: Tx, attemptId: string): Promise<void> {
		// PGlite runs one transaction at a time anyway; on Supabase's Postgres concurrent deliveries
		// of one event wait here, then see it stored.
		await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 42))', [attemptId]);
	}

	return { db, skew, rulesNow, storedVersion, storedRules, refuseAttempt, scoreOf, start, checkNext, lockAttempt };
}

export type Store = ReturnType<typeof createStore>;

export function createStore(options: StoreOptions) {
	const { db, getScenario } = options;
	const base = createAttemptBase(options);
	const { refuseAttempt, scoreOf, storedRules } = base;
	const storedScenario = (tx: Tx, kind: AttemptKind, id: string, version: string) => base.storedVersion<CompiledScenario>(tx, kind, id, version);
	const best = new Map<string, number>();

	function bestPossible(scenario: CompiledScenario): number {
		if (options.bestPossible) return options.bestPossible(scenario);
		const key = `${scenario.meta.id}@${scenario.version}`;
		let b = best.get(key);
		if (b === undefined) best.set(key, (b = bestScore(scenario).overall));
		return b;
	}

	// -------------------------------------------------------------------------------------------
	// Profiles

	/** Local mode: a profile without password (one machine; see docs/storage.md). Runs as the server. */
	async function createProfile(input: { displayName: string; role?: ProfileRole; email?: string }): Promise<Profile> {
		const p = parse(profileInputSchema, input);
		return asService(db, async (tx) => {
			const u = await tx.query<{ id: string }>(
				'insert into auth.users (email, raw_user_meta_data) values ($1, jsonb_build_object($2::text, $3::text)) returning id',
				[p.email ?? null, 'display_name', p.displayName]
			);
			const r = await tx.query<ProfileRow>('update app.profiles set role = $2 where id = $1 returning *', [u.rows[0].id, p.role]);
			return toProfile(r.rows[0]);
		});
	}

	/** Local mode's profile picker, and admin use. Runs as the server. */
	async function listProfiles(): Promise<Profile[]> {
		return asService(db, async (tx) => (await tx.query<ProfileRow>('select * from app.profiles order by created_at, id')).rows.map(toProfile));
	}

	/** Makes someone a trainer or a trainee again. Server only: never from what a user says of themselves. */
	async function setRole(profileId: string, role: ProfileRole): Promise<Profile> {
		parse(z.enum(PROFILE_ROLES), role);
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no profile ${profileId}`);
		return asService(db, async (tx) => {
			const r = await tx.query<ProfileRow>('update app.profiles set role = $2 where id = $1 returning *', [profileId, role]);
			if (!r.rows[0]) throw new StoreError('unknown-profile', `no profile ${profileId}`);
			return toProfile(r.rows[0]);
		});
	}

	/** For a trainer adding a member by e-mail (Supabase mode). Runs as the server. */
	async function profileIdByEmail(email: string): Promise<string | null> {
		const address = cleanLine(email); // a NUL would be a PostgreSQL error (500), not "no such address"
		if (!address) return null;
		return asService(db, async (tx) => (await tx.query<{ id: string }>('select id from auth.users where lower(email) = lower($1)', [address])).rows[0]?.id ?? null);
	}

	/** The signed-in user's own profile. */
	async function getProfile(user: Claims | null): Promise<Profile | null> {
		if (!user) return null;
		return asUser(db, user, async (tx) => {
			const r = await tx.query<ProfileRow>('select * from app.profiles where id = auth.uid()');
			return r.rows[0] ? toProfile(r.rows[0]) : null;
		});
	}

	async function renameProfile(user: Claims | null, displayName: string): Promise<Profile> {
		if (!user) anonymous();
		const name = parse(profileInputSchema.shape.displayName, displayName);
		return asUser(db, user, async (tx) => {
			const r = await tx.query<ProfileRow>('update app.profiles set display_name = $1 where id = auth.uid() returning *', [name]);
			if (!r.rows[0]) throw new StoreError('unknown-profile', 'no profile for this user');
			return toProfile(r.rows[0]);
		});
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
		(e.typed !== undefined
			? stored.kind === 'typed' && stored.typedText === e.typed && (e.reply === undefined || e.reply === stored.replyId)
			: stored.kind === 'choice' && stored.replyId === e.reply);

	const resolveErrorCode = { ended: 'attempt-closed', 'not-offered': 'not-offered', mismatch: 'mismatch' } as const;
	function refuseResolve(error: ResolveError): never {
		const message =
			error.kind === 'not-offered'
				? `reply ${error.reply} is not offered at turn ${error.turn}`
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
				throw new StoreError('bad-input', `attempt ${attemptId} is a quiz: its events are answers ({ idempotencyKey, seq, questionId, answer, clientTime })`);

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
			base.checkNext(attempt, { count: events.length, lastClientTime: events.at(-1)?.clientTime }, e, now);

			const scenario = await storedScenario(tx, attempt.kind, attempt.scenarioId, attempt.scenarioVersion);
			if (!scenario) throw new Error(`scenario version ${attempt.scenarioId}@${attempt.scenarioVersion} is missing`);
			const rules = await storedRules(tx, row.rules_version!);
			const turn: AttemptTurn = e.typed !== undefined ? { typed: e.typed, reply: e.reply, ms: e.ms ?? null } : { reply: e.reply, ms: e.ms ?? null };
			const resolved = resolveAttempt(scenario, rules, [...events.map(toTurn), turn]);
			if (!resolved.ok) refuseResolve(resolved.error);
			const routedReply = resolved.input.choices.at(-1)!;

			const inserted = await tx.query<EventRow>(
				`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, typed_text, response_ms, client_time)
				 values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${EVENT_COLUMNS}`,
				[attemptId, e.seq, e.idempotencyKey, e.typed !== undefined ? 'typed' : 'choice', routedReply, e.typed ?? null, e.ms ?? null, e.clientTime]
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
			if (!scenario) throw new Error(`scenario version ${row.scenario_id}@${row.scenario_version} is missing`);
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

	/**
	 * Per IDL+PPC dimension and emotion handling, the user's finished role plays' scores, oldest
	 * first. Quiz attempts are left out: their reports have another shape, and what a quiz measures
	 * on a dimension (knowing) is not what a role play does (doing it in a conversation); a quiz's
	 * result per dimension is in its own report (byDimension) and in quizHistory.
	 */
	async function trend(user: Claims | null): Promise<Record<TrendDimension, TrendPoint[]>> {
		const out = Object.fromEntries(TREND_DIMENSIONS.map((d) => [d, [] as TrendPoint[]])) as Record<TrendDimension, TrendPoint[]>;
		if (!user) return out;
		const rows = await asUser(db, user, async (tx) =>
			(
				await tx.query<{ id: string; scenario_id: string; finished_at: Date; dims: Record<string, { score: number | null }>; emotion: number | null }>(
					`select a.id, a.scenario_id, a.finished_at, s.report -> 'dimensions' as dims, (s.report -> 'emotion' ->> 'score')::int as emotion
					 from app.attempts a join app.scores s on s.attempt_id = a.id
					 where a.user_id = auth.uid() and a.state = 'finished' and a.kind = 'roleplay'
					 order by a.finished_at, a.id`
				)
			).rows
		);
		for (const r of rows)
			for (const d of TREND_DIMENSIONS)
				out[d].push({
					attemptId: r.id,
					scenarioId: r.scenario_id,
					finishedAt: r.finished_at,
					score: d === 'emotion' ? r.emotion : (r.dims?.[d]?.score ?? null)
				});
		return out;
	}

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

	async function leads(tx: Tx, cohortId: string): Promise<void> {
		if (!uuid.safeParse(cohortId).success) throw new StoreError('unknown-cohort', `no cohort ${cohortId}`);
		const r = await tx.query<{ leads: boolean }>('select app.leads_cohort($1) as leads', [cohortId]);
		if (!r.rows[0].leads) throw new StoreError('forbidden', `the user does not lead cohort ${cohortId}`);
	}

	/** Adds a member to a cohort the user leads (adding someone twice is not an error). */
	async function addMember(user: Claims | null, cohortId: string, profileId: string): Promise<void> {
		if (!user) anonymous();
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no profile ${profileId}`);
		try {
			await asUser(db, user, async (tx) => {
				await leads(tx, cohortId);
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
			await leads(tx, cohortId);
			await tx.query('delete from app.cohort_members where cohort_id = $1 and profile_id = $2', [cohortId, profileId]);
		});
	}

	/** Per member of a cohort the user leads, per scenario and per quiz: the latest and the best finished attempt. */
	async function cohortProgress(user: Claims | null, cohortId: string): Promise<MemberProgress[]> {
		if (!user) anonymous();
		const rows = await asUser(db, user, async (tx) => {
			await leads(tx, cohortId);
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
				}>(
					`select m.profile_id, p.display_name, a.id as attempt_id, a.kind, a.scenario_id, a.finished_at, a.outcome, s.overall, s.best_possible,
					        case when a.kind = 'quiz' then (s.report ->> 'passed')::boolean end as passed
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
				const latest = { attemptId: r.attempt_id, percent: r.overall, passed: r.passed, finishedAt: r.finished_at! };
				if (!q) m.quizzes.push({ quizId: r.scenario_id!, finishedAttempts: 1, latest, best: { attemptId: r.attempt_id, percent: r.overall, finishedAt: r.finished_at! } });
				else {
					q.finishedAttempts++;
					q.latest = latest; // rows come oldest first
					if (r.overall > q.best.percent) q.best = { attemptId: r.attempt_id, percent: r.overall, finishedAt: r.finished_at! };
				}
				continue;
			}
			let s = m.scenarios.find((x) => x.scenarioId === r.scenario_id);
			const latest = { attemptId: r.attempt_id, overall: r.overall, bestPossible: r.best_possible!, outcome: r.outcome, finishedAt: r.finished_at! };
			if (!s) {
				m.scenarios.push({
					scenarioId: r.scenario_id!,
					finishedAttempts: 1,
					latest,
					best: { attemptId: r.attempt_id, overall: r.overall, finishedAt: r.finished_at! }
				});
				continue;
			}
			s.finishedAttempts++;
			s.latest = latest; // rows come oldest first
			if (r.overall > s.best.overall) s.best = { attemptId: r.attempt_id, overall: r.overall, finishedAt: r.finished_at! };
		}
		return [...members.values()];
	}

	return {
		db,
		createProfile,
		listProfiles,
		setRole,
		profileIdByEmail,
		getProfile,
		renameProfile,
		startAttempt,
		recordEvent,
		abandonAttempt,
		getAttempt,
		listMyAttempts,
		trend,
		createCohort,
		listCohorts,
		addMember,
		removeMember,
		cohortProgress
	};
}
