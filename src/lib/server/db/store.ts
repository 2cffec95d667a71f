// The store the routes share, put together from one module per feature:
// - attempt-base.ts: what every attempt shares (attempt rows, strict inputs, starting, timing)
// - profiles.ts: local profiles, roles, names
// - roleplays.ts: role-play attempts and their events
// - cohorts.ts: a trainer's cohorts, members and their progress
// - trend.ts: a trainee's progress per dimension
// - quiz-store.ts: quiz attempts (opened beside this one in index.ts, on the same database)
// Feature modules import the core (attempt-base.ts, access.ts, errors.ts, session.ts), never each
// other (tests/unit/store-structure.test.ts).
// New features (assignments, analytics) get their own module, spread in here.
import type { Db } from './types';
import { createAnalyticsStore } from './analytics';
import { createCohortsStore } from './cohorts';
import { createProfilesStore } from './profiles';
import { createRoleplayStore, type RoleplayStoreOptions } from './roleplays';
import { createTrend } from './trend';

export * from './attempt-base';
export * from './cohorts';
export * from './profiles';
export * from './roleplays';
export * from './trend';

export type StoreOptions = RoleplayStoreOptions & { db: Db };
export type Store = ReturnType<typeof createStore>;

export function createStore(options: StoreOptions) {
	const { db } = options;
	return {
		db,
		...createProfilesStore(db),
		...createCohortsStore(db),
		...createRoleplayStore(options),
		trend: createTrend(db),
		...createAnalyticsStore(options)
	};
}
