// Applies supabase/migrations/*.sql in name order, each once, in its own transaction, tracked in
// supabase_migrations.schema_migrations like the Supabase CLI does. Used by the embedded database;
// a Supabase project gets the same files with `supabase db push`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './types';

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

/** The directory holding migrations: MIGRATIONS_DIR, else supabase/migrations under the working directory. */
export function migrationsDir(): string {
	return resolve(process.env.MIGRATIONS_DIR || 'supabase/migrations');
}

/** The auth shim (embedded mode only): AUTH_SHIM, else supabase/embedded/auth-shim.sql. */
export function authShimPath(): string {
	return resolve(process.env.AUTH_SHIM || 'supabase/embedded/auth-shim.sql');
}

export function readMigrations(dir = migrationsDir()): Migration[] {
	return readdirSync(dir)
		.filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
		.sort()
		.map((f) => {
			const [, version, name] = /^(\d{14})_(.+)\.sql$/.exec(f)!;
			return { version, name, sql: readFileSync(join(dir, f), 'utf8') };
		});
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Applies the migrations not applied yet; returns the versions it applied. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
	await db.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key,
			name text,
			statements text[],
			sha256 text,
			applied_at timestamptz default now()
		);
		comment on table supabase_migrations.schema_migrations is
			'Which migrations of supabase/migrations this database has had, as the Supabase CLI records them.';
	`);
	const applied = new Map(
		(await db.query<{ version: string; sha256: string | null }>('select version, sha256 from supabase_migrations.schema_migrations')).rows.map(
			(r) => [r.version, r.sha256]
		)
	);
	const done: string[] = [];
	for (const m of migrations) {
		if (applied.has(m.version)) {
			const was = applied.get(m.version);
			if (was && was !== sha256(m.sql))
				throw new Error(
					`Migration ${m.version}_${m.name}.sql was changed after this database applied it. ` +
						`Applied migrations are never edited: put the change in a new migration.`
				);
			continue;
		}
		await db.transaction(async (tx) => {
			await tx.exec(m.sql);
			await tx.query('insert into supabase_migrations.schema_migrations (version, name, sha256) values ($1, $2, $3)', [
				m.version,
				m.name,
				sha256(m.sql)
			]);
		});
		done.push(m.version);
	}
	return done;
}
