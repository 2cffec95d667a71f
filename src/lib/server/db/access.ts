// Who may act on a cohort, checked inside a transaction run as the user: part of the store's core,
// so every feature about cohorts (members and progress, assignments, analytics) asks the same way
// without importing another feature's module.
import { uuid } from './attempt-base';
import { StoreError } from './errors';
import type { Tx } from './types';

/** Refuses ('forbidden', or 'unknown-cohort' for a malformed id) unless the user leads this cohort. */
export async function requireLeads(tx: Tx, cohortId: string): Promise<void> {
	if (!uuid.safeParse(cohortId).success) throw new StoreError('unknown-cohort', `no cohort ${cohortId}`);
	const r = await tx.query<{ leads: boolean }>('select app.leads_cohort($1) as leads', [cohortId]);
	if (!r.rows[0].leads) throw new StoreError('forbidden', `the user does not lead cohort ${cohortId}`);
}
