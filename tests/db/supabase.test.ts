// The same store against a real Supabase project's Postgres. Runs only when SUPABASE_DB_URL is set
// (a connection string for the project's `postgres` role, with the migrations pushed by
// `supabase db push`); otherwise every test here is reported as skipped, by name.
// It creates two throwaway users in auth.users and deletes them (and so their data) at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { readMigrations } from '../../src/lib/server/db/migrate';
import { asService, asUser, localClaims, type Claims } from '../../src/lib/server/db/session';
import { createStore, type Store } from '../../src/lib/server/db/store';
import type { Db } from '../../src/lib/server/db/types';
import { newKey, play, rules, tiny } from './helpers';

const url = process.env.SUPABASE_DB_URL;

describe.skipIf(!url)('Supabase project (SUPABASE_DB_URL)', () => {
	let db: Db;
	let store: Store;
	const s = tiny();
	const users: Claims[] = [];

	beforeAll(async () => {
		db = openPostgres({ connectionString: url!, max: 8 });
		store = createStore({ db, getScenario: () => s, getRules: rules });
		for (const name of ['supabase-test-a', 'supabase-test-b']) {
			const id = (
				await asService(db, (tx) =>
					tx.query<{ id: string }>("insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), $1, '{}') returning id", [
						`${name}-${Date.now()}@example.invalid`
					])
				)
			).rows[0].id;
			users.push(localClaims(id));
		}
	}, 60_000);

	afterAll(async () => {
		if (!db) return;
		for (const u of users) await asService(db, (tx) => tx.query('delete from auth.users where id = $1', [u.sub]));
		await db.close();
	});

	it('Supabase: runs users as authenticated and the server as service_role, neither a superuser', async () => {
		const q = 'select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as super, auth.uid() as uid';
		expect((await asUser(db, users[0], (tx) => tx.query(q))).rows[0]).toEqual({ role: 'authenticated', super: false, uid: users[0].sub });
		expect((await asUser(db, null, (tx) => tx.query(q))).rows[0]).toEqual({ role: 'anon', super: false, uid: null });
		expect((await asService(db, (tx) => tx.query(q))).rows[0]).toMatchObject({ role: 'service_role', super: false });
	});

	it('Supabase: has every migration of supabase/migrations pushed, and row-level security on every app table', async () => {
		const applied = (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version);
		for (const m of readMigrations()) expect(applied).toContain(m.version);
		const tables = (
			await db.query<{ name: string; rls: boolean }>(
				"select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'app' and c.relkind = 'r'"
			)
		).rows;
		expect(tables.length).toBe(8);
		expect(tables.every((t) => t.rls)).toBe(true);
	});

	it("Supabase: records, finishes and scores a user's attempt; another user sees none of it", async () => {
		const [a, b] = users;
		const attempt = await store.startAttempt(a, { scenarioId: 'tiny', version: s.version, mode: 'practice' });
		const [, last] = await play(store, a, attempt.id, ['sorry', 'ask'], attempt.startedAt.getTime());
		expect(last.attempt.state).toBe('finished');
		expect(last.score?.overall).toBeGreaterThan(0);
		expect(await store.getAttempt(b, attempt.id)).toBeNull();
		await expect(store.recordEvent(b, attempt.id, { idempotencyKey: newKey(), seq: 3, reply: 'ask', clientTime: new Date().toISOString() })).rejects.toMatchObject({
			code: 'not-your-attempt'
		});
	});

	it('Supabase: stores an event once when its deliveries arrive on concurrent connections', async () => {
		const [a] = users;
		const attempt = await store.startAttempt(a, { scenarioId: 'tiny', version: s.version, mode: 'practice' });
		const e = { idempotencyKey: newKey(), seq: 1, reply: 'sorry', ms: 100, clientTime: new Date(attempt.startedAt.getTime() + 500).toISOString() };
		const results = await Promise.all(Array.from({ length: 8 }, () => store.recordEvent(a, attempt.id, e)));
		expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
		const n = (await asService(db, (tx) => tx.query<{ n: number }>('select count(*)::int as n from app.attempt_events where attempt_id = $1', [attempt.id]))).rows[0].n;
		expect(n).toBe(1);
	});
});
