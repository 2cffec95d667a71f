// The embedded database: PGlite (Postgres compiled to WebAssembly, in this process) with its data
// in a directory (`.data/pglite` unless DATA_DIR says otherwise). On open it takes the directory's
// lock, applies the auth shim (supabase/embedded/auth-shim.sql) and every migration not applied
// yet, so the same policies as on Supabase apply to every query the app makes as a user.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { acquireLock } from './lock';
import { authShimPath, migrate, readMigrations, migrationsDir } from './migrate';
import type { Db, QueryResult, Tx } from './types';

export const DEFAULT_DATA_DIR = '.data/pglite';

export interface EmbeddedOptions {
	/** A directory, or 'memory://' for a database that lives only as long as the process. */
	dataDir?: string;
	migrationsDir?: string;
	authShim?: string;
	/** Start from this data directory dump (PGlite's dumpDataDir) instead of an empty database. */
	loadDataDir?: Blob;
}

export interface EmbeddedDb extends Db {
	readonly kind: 'pglite';
	/** The resolved data directory ('memory://' for an in-memory database). */
	readonly dataDir: string;
	readonly pglite: PGlite;
}

type PgQueryable = Pick<PGlite | Transaction, 'query' | 'exec'>;

function wrap(q: PgQueryable): Tx {
	return {
		async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
			const r = await q.query<T>(sql, params);
			return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	};
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedDb> {
	const requested = options.dataDir ?? process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
	const memory = requested.startsWith('memory://');
	const dataDir = memory ? requested : resolve(requested);
	let release = () => {};
	if (!memory) {
		mkdirSync(dirname(dataDir), { recursive: true });
		release = acquireLock(`${dataDir}.lock`, dataDir);
	}
	let pglite: PGlite;
	try {
		pglite = await PGlite.create({ dataDir: memory ? undefined : dataDir, loadDataDir: options.loadDataDir });
	} catch (e) {
		release();
		throw new Error(`Could not open the embedded database in ${dataDir}: ${(e as Error).message}`, { cause: e });
	}
	let closed: Promise<void> | null = null;
	const base = wrap(pglite);
	const db: EmbeddedDb = {
		kind: 'pglite',
		dataDir,
		pglite,
		query: base.query,
		exec: base.exec,
		transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
		close() {
			closed ??= (async () => {
				try {
					if (!pglite.closed) await pglite.close();
				} finally {
					release();
				}
			})();
			return closed;
		}
	};
	try {
		await db.exec(readFileSync(options.authShim ?? authShimPath(), 'utf8'));
		await migrate(db, readMigrations(options.migrationsDir ?? migrationsDir()));
	} catch (e) {
		await db.close();
		throw e;
	}
	return db;
}

/**
 * Closes the database when the process is asked to stop. Under adapter-node, which handles SIGINT
 * and SIGTERM itself (finishing in-flight requests, then emitting `sveltekit:shutdown`), it closes
 * on that event; where nobody else handles the signal (vite dev, scripts) it closes and exits.
 * Returns a function that removes the handlers.
 */
export function installShutdown(db: Pick<Db, 'close'>, exit: (code: number) => void = (c) => process.exit(c)): () => void {
	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= db.close().catch((e) => {
			console.error('closing the database failed:', e);
		}));
	const onShutdown = () => void close();
	const onSignal = (signal: NodeJS.Signals) => {
		// Someone else (adapter-node) is shutting down gracefully and will emit sveltekit:shutdown.
		if (process.listenerCount(signal) > 1) return;
		void close().then(() => exit(signal === 'SIGINT' ? 130 : 143));
	};
	const emitter = process as unknown as NodeJS.EventEmitter;
	emitter.on('sveltekit:shutdown', onShutdown);
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	return () => {
		emitter.off('sveltekit:shutdown', onShutdown);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	};
}
