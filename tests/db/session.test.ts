// The sessions every app query runs in: never the superuser, claims visible to auth.uid() as on
// Supabase, and migrations applied once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/lib/server/db/migrate';
import { asService, asUser, localClaims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, trainee, type TestStore } from './helpers';

let t: TestStore;
beforeAll(async () => {
	t = await freshStore();
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

const whoami = `select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as super,
	(select rolbypassrls from pg_roles where rolname = current_user) as bypass, auth.uid() as uid, auth.role() as claim_role`;

describe('sessions', () => {
	it('runs a signed-in user as authenticated, not a superuser, with their id in auth.uid()', async () => {
		const user = await trainee(t.store, '甲');
		const r = (await asUser(t.db, user, (tx) => tx.query(whoami))).rows[0];
		expect(r).toEqual({ role: 'authenticated', super: false, bypass: false, uid: user.sub, claim_role: 'authenticated' });
	});

	it('runs nobody as anon, not a superuser, with no auth.uid()', async () => {
		const r = (await asUser(t.db, null, (tx) => tx.query(whoami))).rows[0];
		expect(r).toEqual({ role: 'anon', super: false, bypass: false, uid: null, claim_role: 'anon' });
	});

	it('runs the server as service_role: bypasses row-level security, still not a superuser', async () => {
		const r = (await asService(t.db, (tx) => tx.query(whoami))).rows[0];
		expect(r).toEqual({ role: 'service_role', super: false, bypass: true, uid: null, claim_role: 'service_role' });
	});

	it('is needed: the connection itself is a superuser, which row-level security would not stop', async () => {
		expect((await t.db.query(whoami)).rows[0]).toMatchObject({ role: 'postgres', super: true });
	});

	it('keeps role and claims to the transaction', async () => {
		await asUser(t.db, localClaims('00000000-0000-4000-8000-000000000001'), async () => {});
		expect((await t.db.query<{ c: string | null }>("select current_user as u, current_setting('request.jwt.claims', true) as c")).rows[0]).toEqual({
			u: 'postgres',
			c: ''
		});
	});

	it('refuses claims without a user id or of another role', async () => {
		await expect(asUser(t.db, { sub: 'admin', role: 'authenticated' }, async () => {})).rejects.toThrow(/without a user id/);
		await expect(asUser(t.db, { sub: '00000000-0000-4000-8000-000000000001', role: 'service_role' as 'authenticated' }, async () => {})).rejects.toThrow(
			/only authenticated/
		);
	});
});

describe('migrations', () => {
	it('are recorded like the Supabase CLI does and applied once', async () => {
		const rows = (await t.db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version')).rows;
		expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
		expect(await migrate(t.db)).toEqual([]);
	});

	it('refuse to run when an applied migration was edited', async () => {
		const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: m.sql + '\n-- edited\n' } : m));
		await expect(migrate(t.db, edited)).rejects.toThrow(/was changed after this database applied it/);
	});
});
