// Every query the app makes runs in one of these sessions, never as the connection's own role
// (a superuser in the embedded database, where row-level security would not apply):
// - asUser: role `authenticated` with the user's JWT claims (or `anon` without), set for the
//   transaction only, exactly as PostgREST does, so auth.uid() and every policy see that user;
// - asService: role `service_role` (bypasses row-level security) for the server's own writes:
//   scores, finishing attempts, storing scenario versions, local profiles.
import type { Db, Tx } from './types';

/** The verified JWT claims of a signed-in user (Supabase), or the ones local mode makes up. */
export interface Claims {
	/** The user's id: auth.users.id and app.profiles.id. */
	sub: string;
	role: 'authenticated';
	email?: string;
	[claim: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims for a local-mode profile (no password, no JWT: one machine, see docs/storage.md). */
export function localClaims(profileId: string): Claims {
	return { sub: profileId, role: 'authenticated', aud: 'authenticated', iss: 'complaint-coach-local' };
}

/** Switches the transaction to a user (or anon), for the rest of the transaction. */
export async function becomeUser(tx: Tx, claims: Claims | null): Promise<void> {
	if (claims) {
		if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw new Error('JWT claims without a user id (sub)');
		if (claims.role !== 'authenticated') throw new Error(`JWT claims of role ${String(claims.role)}: only authenticated users run as users`);
	}
	await tx.query(claims ? 'set local role authenticated' : 'set local role anon');
	await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims ?? { role: 'anon' })]);
}

/** Switches the transaction to the server's privileged role, for the rest of the transaction. */
export async function becomeService(tx: Tx): Promise<void> {
	await tx.query('set local role service_role');
	await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ role: 'service_role' })]);
}

export function asUser<T>(db: Db, claims: Claims | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await becomeUser(tx, claims);
		return fn(tx);
	});
}

export function asService<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await becomeService(tx);
		return fn(tx);
	});
}
