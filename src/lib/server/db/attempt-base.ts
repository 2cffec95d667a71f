// The attempts core, what every kind of attempt shares (role plays in roleplays.ts, quizzes in
// quiz-store.ts; feature modules import it, never each other): the attempt and score as the routes see them, strict input parsing, the attempt row,
// and createAttemptBase (stored versions and analyzer rules, starting an attempt, why an attempt is
// refused, the order and timing rules of its events).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CompiledRules } from '../../analyzer';
import { type AttemptKind, type AttemptMode, type AttemptState, type Outcome } from '../../domain';
import { cleanLine } from '../../text';
import { PG, StoreError, pgCode } from './errors';
import { asService, becomeService, becomeUser, type Claims } from './session';
import type { Db, Tx } from './types';

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
	/** 「从这里重来」: the practice attempt this one branched from, and the turn it went back to (null: not a branch). */
	branchedFrom: { attemptId: string | null; turn: number } | null;
}

export interface ScoreSummary {
	overall: number;
	bestPossible: number;
	computedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Inputs, parsed strictly: a field the store does not know (a score, an outcome…) is refused.

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
export const isoTime = z.iso.datetime({ offset: true });
/** A scenario or quiz version as the compilers name it (16 hex digits); a little wider for stored ones. */
export const contentVersion = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

/** A name as people type it (profile, cohort): one cleaned line (cleanLine), 1 to `max` characters. */
export const line = (max: number) => z.string().transform(cleanLine).pipe(z.string().min(1).max(max));

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
	branched_from: string | null;
	branched_at: number | null;
}
export const ATTEMPT_COLUMNS =
	'id, user_id, kind, scenario_id, scenario_version, rules_version, mode, state, started_at, finished_at, outcome, branched_from, branched_at';
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
	outcome: r.outcome,
	// The attempt branched from may since be deleted (its id is then null; the turn stays).
	branchedFrom: r.branched_at === null ? null : { attemptId: r.branched_from, turn: r.branched_at }
});

export const toScore = (r: { overall: number; best_possible: number; computed_at: Date }): ScoreSummary => ({
	overall: r.overall,
	bestPossible: r.best_possible,
	computedAt: r.computed_at
});

// ---------------------------------------------------------------------------------------------

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
// What every kind of attempt shares (role plays in roleplays.ts, quizzes in quiz-store.ts): stored versions
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
	/** 「从这里重来」: the user's practice attempt of the same scenario this one branches from, and the turn it goes back to. */
	branchedFrom?: { attemptId: string; turn: number };
}

/** What every attempt store (role plays, quizzes) is opened with. */
export interface AttemptStoreOptions {
	db: Db;
	/** The analyzer rules as they are now. */
	getRules: () => CompiledRules;
	/** How far a client's clock may run ahead of the server's (default 5 minutes). */
	clockSkewMs?: number;
}

export type AttemptBase = ReturnType<typeof createAttemptBase>;

export function createAttemptBase(options: AttemptStoreOptions) {
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
	 * 「从这里重来」: a branch is a practice role play, from a practice role play of the same user and
	 * scenario (row-level security holds the same rule: app.may_branch_from). Runs as the user.
	 */
	async function checkBranch(tx: Tx, user: Claims, s: StartSpec, from: { attemptId: string; turn: number }): Promise<void> {
		if (s.kind !== 'roleplay' || s.mode !== 'practice')
			throw new StoreError('bad-branch', `only a practice role play may branch (this one: ${s.kind}, ${s.mode})`);
		const source = (
			await tx.query<Pick<AttemptRow, 'user_id' | 'kind' | 'mode' | 'scenario_id'>>('select user_id, kind, mode, scenario_id from app.attempts where id = $1', [
				from.attemptId
			])
		).rows[0];
		// Another's attempt (a trainer sees their members') is answered like one that does not exist.
		if (!source || source.user_id !== user.sub) throw new StoreError('bad-branch', `no attempt ${from.attemptId} of this user to branch from`);
		if (source.kind !== 'roleplay' || source.mode !== 'practice')
			throw new StoreError('bad-branch', `attempt ${from.attemptId} is not a practice role play (${source.kind}, ${source.mode})`);
		if (source.scenario_id !== s.scenarioId)
			throw new StoreError('bad-branch', `attempt ${from.attemptId} plays ${source.scenario_id}, not ${s.scenarioId}`);
	}

	/**
	 * Starts an attempt on the version the client plays. That version is stored the first time (so
	 * it can be replayed or graded however the files change); a version that is neither stored nor
	 * current is refused (`unknown` when the scenario or quiz does not exist at all). A team's
	 * version (published in the studio, no shipped `current`) is always stored already: row-level
	 * security then decides whether this user may play it (`unknown` when not). The analyzer
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
				if (s.branchedFrom) await checkBranch(tx, user, s, s.branchedFrom);
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
					`insert into app.attempts (id, user_id, kind, scenario_id, scenario_version, rules_version, mode, started_at, branched_from, branched_at)
					 values (coalesce($1::uuid, gen_random_uuid()), auth.uid(), $2, $3, $4, $5, $6, $7, $8, $9)
					 returning ${ATTEMPT_COLUMNS}`,
					[s.id ?? null, s.kind, s.scenarioId, s.version, rules.version, s.mode, startedAt, s.branchedFrom?.attemptId ?? null, s.branchedFrom?.turn ?? null]
				);
				return r.rows[0];
			});
		} catch (e) {
			if (pgCode(e) === PG.uniqueViolation) throw new StoreError('attempt-id-taken', `attempt id ${s.id} is taken`);
			if (pgCode(e) === PG.foreignKeyViolation) throw new StoreError('unknown-profile', 'this user has no profile');
			// Row-level security refused the attempt: a team's version this user may not play (another
			// team's, or taken down). Answered as if it did not exist, which is all they may know of it.
			if (pgCode(e) === PG.insufficientPrivilege) throw new StoreError(unknown, `${what} ${s.scenarioId}@${s.version} is not published to this user`);
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
