// Supabase mode: the server talks SQL to the project's Postgres (DATABASE_URL) with node-postgres,
// through the same Db interface as the embedded database, and the same asUser/asService sessions.
// The connecting role must be able to `set role` to anon, authenticated and service_role, as
// Supabase's `postgres` role can. Migrations are applied with `supabase db push`, not here.
import pg from 'pg';
import type { Db, QueryResult, Tx } from './types';

type Client = Pick<pg.PoolClient, 'query'>;

function wrap(c: Client): Tx {
	return {
		async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
			const r = await c.query(sql, params as unknown[]);
			return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
		},
		async exec(sql: string) {
			await c.query(sql);
		}
	};
}

export interface PostgresOptions {
	connectionString: string;
	/** Pool size (default 10). */
	max?: number;
}

export function openPostgres(options: PostgresOptions): Db {
	const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
	const base = wrap(pool);
	return {
		kind: 'postgres',
		query: base.query,
		exec: base.exec,
		async transaction(fn) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				const out = await fn(wrap(client));
				await client.query('commit');
				return out;
			} catch (e) {
				await client.query('rollback').catch(() => {});
				throw e;
			} finally {
				client.release();
			}
		},
		close: () => pool.end()
	};
}
