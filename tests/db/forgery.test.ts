// Forged and out-of-order submissions: each is refused with its own error, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../src/lib/server/db/errors';
import { asUser, type Claims } from '../../src/lib/server/db/session';
import type { EventInput } from '../../src/lib/server/db/store';
import { DB_TIMEOUT, freshStore, newKey, play, stored, trainee, trainer, type TestStore } from './helpers';

let t: TestStore;
let A: Claims, B: Claims, T1: Claims;
let active: string, finished: string, abandoned: string, bAttempt: string, version: string;
let started: number, firstKey: string, cohort: string;

const at = (ms: number) => new Date(started + ms).toISOString();
/** A well-formed next event of A's active attempt; each case changes one thing. */
const next = (over: Record<string, unknown> = {}): EventInput =>
	({ idempotencyKey: newKey(), seq: 2, reply: 'ask', ms: 900, clientTime: at(2000), ...over }) as EventInput;

beforeAll(async () => {
	t = await freshStore();
	const { store } = t;
	version = t.library.get('tiny')!.version;
	A = await trainee(store, 'A');
	B = await trainee(store, 'B');
	T1 = await trainer(store, 'T1');
	cohort = (await store.createCohort(T1, 'K1')).id;
	await store.addMember(T1, cohort, A.sub);
	await store.addMember(T1, cohort, B.sub);
	const start = (u: Claims) => store.startAttempt(u, { scenarioId: 'tiny', version, mode: 'practice' });
	const a = await start(A);
	active = a.id;
	started = a.startedAt.getTime();
	firstKey = (await play(store, A, active, ['sorry'], started))[0].event.idempotencyKey;
	finished = (await start(A)).id;
	await play(store, A, finished, ['sorry', 'ask']);
	abandoned = (await start(A)).id;
	await store.abandonAttempt(A, abandoned);
	bAttempt = (await start(B)).id;
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

type Case = [name: string, expected: StoreErrorCode | 'sql: 42501', run: () => Promise<unknown>];

const CASES: Case[] = [
	['a reply not offered at this point', 'not-offered', () => t.store.recordEvent(A, active, next({ reply: 'sorry' }))],
	['a reply id the scenario does not have', 'not-offered', () => t.store.recordEvent(A, active, next({ reply: 'refund-everything' }))],
	["an event for someone else's attempt", 'not-your-attempt', () => t.store.recordEvent(B, active, next())],
	["the trainer writing to a trainee's attempt", 'not-your-attempt', () => t.store.recordEvent(T1, active, next())],
	['an event after the attempt finished', 'attempt-closed', () => t.store.recordEvent(A, finished, next({ seq: 3, clientTime: new Date().toISOString() }))],
	['an event after the attempt was abandoned', 'attempt-closed', () => t.store.recordEvent(A, abandoned, next({ seq: 1, clientTime: new Date().toISOString() }))],
	['a submitted score', 'bad-input', () => t.store.recordEvent(A, active, next({ score: 100 }))],
	['a submitted outcome', 'bad-input', () => t.store.recordEvent(A, active, next({ outcome: 'resolved' }))],
	['a submitted attempt state', 'bad-input', () => t.store.recordEvent(A, active, next({ state: 'finished' }))],
	['a negative seq', 'bad-input', () => t.store.recordEvent(A, active, next({ seq: -1 }))],
	['seq 0', 'bad-input', () => t.store.recordEvent(A, active, next({ seq: 0 }))],
	['a fractional seq', 'bad-input', () => t.store.recordEvent(A, active, next({ seq: 2.5 }))],
	['a seq gap (event 3 before event 2)', 'seq-gap', () => t.store.recordEvent(A, active, next({ seq: 3 }))],
	['a new key for a seq already stored', 'seq-taken', () => t.store.recordEvent(A, active, next({ seq: 1, reply: 'sorry', clientTime: at(1000) }))],
	['a client time an hour in the future', 'time-future', () => t.store.recordEvent(A, active, next({ clientTime: new Date(Date.now() + 3600_000).toISOString() }))],
	['a client time an hour before the attempt started', 'time-before-start', () => t.store.recordEvent(A, active, next({ clientTime: at(-3600_000) }))],
	['a client time earlier than the previous event', 'time-backwards', () => t.store.recordEvent(A, active, next({ clientTime: at(500) }))],
	['a response time longer than the time since the previous event', 'time-impossible', () => t.store.recordEvent(A, active, next({ ms: 3_000_000 }))],
	['a negative response time', 'bad-input', () => t.store.recordEvent(A, active, next({ ms: -5 }))],
	['a client time that is not a time', 'bad-input', () => t.store.recordEvent(A, active, next({ clientTime: 'yesterday' }))],
	['an idempotency key reused for a different event', 'key-reused', () => t.store.recordEvent(A, active, next({ idempotencyKey: firstKey, seq: 1, reply: 'argue', clientTime: at(1000) }))],
	['an idempotency key too short to be unique', 'bad-input', () => t.store.recordEvent(A, active, next({ idempotencyKey: 'k1' }))],
	['an unknown attempt', 'unknown-attempt', () => t.store.recordEvent(A, crypto.randomUUID(), next())],
	['an attempt id that is not an id', 'unknown-attempt', () => t.store.recordEvent(A, "x'; drop table app.scores; --", next())],
	['typed text longer than allowed', 'bad-input', () => t.store.recordEvent(A, active, next({ reply: undefined, typed: '请'.repeat(501) }))],
	['empty typed text', 'bad-input', () => t.store.recordEvent(A, active, next({ reply: undefined, typed: '   ' }))],
	['an event with neither a reply nor typed words', 'bad-input', () => t.store.recordEvent(A, active, next({ reply: undefined }))],
	['typed words with nothing in them, claimed to be an authored reply', 'mismatch', () => t.store.recordEvent(A, active, next({ reply: 'away', typed: '嗯' }))],
	['typed words claimed to route to another reply than the server finds', 'mismatch', () =>
		t.store.recordEvent(A, active, next({ reply: 'away', typed: '请问您的运单号是多少？' }))],
	['an event from nobody signed in', 'anonymous', () => t.store.recordEvent(null, active, next())],
	['starting an attempt on an unknown scenario version', 'unknown-version', () => t.store.startAttempt(A, { scenarioId: 'tiny', version: 'deadbeefdeadbeef', mode: 'practice' })],
	['starting an attempt on an unknown scenario', 'unknown-scenario', () => t.store.startAttempt(A, { scenarioId: 'nope', version: 'deadbeefdeadbeef', mode: 'practice' })],
	['starting an attempt with a submitted state and outcome', 'bad-input', () =>
		t.store.startAttempt(A, { scenarioId: 'tiny', version, mode: 'practice', state: 'finished', outcome: 'resolved' } as never)],
	["starting an attempt in someone else's name", 'bad-input', () => t.store.startAttempt(A, { scenarioId: 'tiny', version, mode: 'practice', userId: B.sub } as never)],
	["starting an attempt with the id of someone else's attempt", 'attempt-id-taken', () => t.store.startAttempt(A, { id: bAttempt, scenarioId: 'tiny', version, mode: 'practice' })],
	['starting an attempt from nobody signed in', 'anonymous', () => t.store.startAttempt(null, { scenarioId: 'tiny', version, mode: 'practice' })],
	["abandoning someone else's attempt", 'not-your-attempt', () => t.store.abandonAttempt(B, active)],
	['a trainee creating a cohort', 'forbidden', () => t.store.createCohort(A, 'mine')],
	['a trainee adding themselves to a cohort through the store', 'forbidden', () => t.store.addMember(A, cohort, A.sub)],
	['SQL as authenticated: inserting a score', 'sql: 42501', () =>
		asUser(t.db, A, (tx) => tx.query("insert into app.scores (attempt_id, overall, best_possible, report) values ($1, 100, 100, '{}')", [finished]))],
	["SQL as authenticated: updating the own finished attempt's outcome", 'sql: 42501', () =>
		asUser(t.db, A, (tx) => tx.query("update app.attempts set outcome = 'resolved' where id = $1", [finished]))],
	['SQL as authenticated: marking the own active attempt finished', 'sql: 42501', () =>
		asUser(t.db, A, (tx) => tx.query("update app.attempts set state = 'finished' where id = $1", [active]))],
	['SQL as authenticated: changing the own role', 'sql: 42501', () => asUser(t.db, A, (tx) => tx.query("update app.profiles set role = 'trainer' where id = auth.uid()"))],
	['SQL as authenticated: adding oneself to a cohort', 'sql: 42501', () =>
		asUser(t.db, A, (tx) => tx.query('insert into app.cohort_members (cohort_id, profile_id) values ($1, auth.uid())', [cohort]))],
	['SQL as authenticated: an event with a forged receipt time', 'sql: 42501', () =>
		asUser(t.db, A, (tx) =>
			tx.query(
				"insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, client_time, received_at) values ($1, 2, 'forged-key-1', 'choice', 'ask', now(), now() - interval '1 day')",
				[active]
			)
		)]
];

describe('forged and out-of-order submissions', () => {
	it('has at least 20 kinds', () => expect(CASES.length).toBeGreaterThanOrEqual(20));

	it.each(CASES)('refuses %s (%s) and stores nothing', async (_name, expected, run) => {
		const before = await stored(t.db);
		const error = await run().then(
			() => null,
			(e: unknown) => e
		);
		if (expected === 'sql: 42501') expect((error as { code?: string } | null)?.code).toBe('42501');
		else {
			expect(error).toBeInstanceOf(StoreError);
			expect((error as StoreError).code, (error as Error).message).toBe(expected);
		}
		expect(await stored(t.db)).toEqual(before);
	});

	it('still accepts the genuine next event afterwards', async () => {
		const r = await t.store.recordEvent(A, active, next());
		expect(r.attempt.state).toBe('finished');
		expect(r.score?.overall).toBeGreaterThan(0);
	});
});
