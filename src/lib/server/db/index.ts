// Which database the app uses, and the one store the routes share.
// - Supabase mode, when DATABASE_URL is set (with PUBLIC_SUPABASE_URL and the keys supabase-js
//   needs for sign-in): node-postgres to the project's Postgres; migrations are pushed with
//   `supabase db push`.
// - Otherwise embedded mode: PGlite in DATA_DIR (default .data/pglite), migrated on open.
import { env } from '$env/dynamic/private';
import { analyzerRules } from '$lib/server/analyzer';
import { quizById } from '$lib/server/quizzes';
import { bestScoreFor, scenarioById } from '$lib/server/scenarios';
import { shippedIds, studioCheck } from '$lib/server/studio';
import { createAssignmentStore, type AssignmentStore } from './assignments';
import { installShutdown, openEmbedded } from './embedded';
import { createItemStatsStore, type ItemStatsStore } from './item-stats';
import { openPostgres } from './postgres';
import { createQuizStore, type QuizStore } from './quiz-store';
import { createStore, type Store } from './store';
import { createStudioStore, type StudioStore } from './studio-store';
import type { Db } from './types';

export type StorageMode = 'supabase' | 'embedded';

export function storageMode(e: Record<string, string | undefined> = env): StorageMode {
	return e.DATABASE_URL ? 'supabase' : 'embedded';
}

export async function openDatabase(e: Record<string, string | undefined> = env): Promise<Db> {
	if (storageMode(e) === 'supabase') return openPostgres({ connectionString: e.DATABASE_URL! });
	return openEmbedded({ dataDir: e.DATA_DIR || undefined });
}

/** Role plays, profiles and cohorts (store.ts), quiz attempts (quiz-store.ts) and the studio (studio-store.ts), on one database. */
export type AppStore = Store & QuizStore & StudioStore & ItemStatsStore & AssignmentStore;

let store: Promise<AppStore> | null = null;
let opened: Db | null = null;

/** The app's store, opened on first use; the database is closed when the process is stopped. */
export function getStore(): Promise<AppStore> {
	store ??= (async () => {
		const db = await openDatabase();
		opened = db;
		installShutdown(db);
		return {
			...createStore({ db, getScenario: scenarioById, getRules: analyzerRules, bestPossible: (s) => bestScoreFor(s).overall }),
			...createQuizStore({ db, getQuiz: quizById, getRules: analyzerRules }),
			...createStudioStore({ db, check: studioCheck, shippedIds }),
			...createItemStatsStore(db),
			...createAssignmentStore({ db, shipped: (kind, id) => !!(kind === 'roleplay' ? scenarioById(id) : quizById(id)) })
		};
	})();
	store.catch(() => (store = null));
	return store;
}

/** The store's database, for the few server modules outside the store (local trainer passphrases). */
export async function getDb(): Promise<Db> {
	await getStore();
	return opened!;
}

// scripts/serve.js opens the store before it listens, so a data directory another server holds
// stops this one at start-up instead of every request answering 500. The built server's modules
// have hashed names: it finds the opener here, registered when the hooks load this module.
export const OPEN_STORE_KEY = Symbol.for('complaint-coach.open-store');
(globalThis as Record<symbol, unknown>)[OPEN_STORE_KEY] = getStore;

export { StoreError, STORE_ERROR_STATUS, type StoreErrorCode } from './errors';
export { localClaims, type Claims } from './session';
export type * from './store';
export type * from './quiz-store';
export type * from './studio-store';
export type * from './item-stats';
export type * from './assignments';
export type * from './analytics';
