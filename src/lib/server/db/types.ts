// The one interface the store talks to: PGlite (embedded) and node-postgres (Supabase's Postgres)
// both implement it (embedded.ts, postgres.ts).

export interface QueryResult<T> {
	rows: T[];
	/** Rows inserted, updated or deleted by the statement (0 for a select). */
	rowCount: number;
}

export interface Queryable {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
	/** Several statements, no parameters (migrations). */
	exec(sql: string): Promise<void>;
}

/** A transaction: every query of one unit of work goes through it, never through the Db. */
export type Tx = Queryable;

export interface Db extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/** Runs fn in a transaction: committed when fn resolves, rolled back when it throws. */
	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
