// Profiles in the store: local profiles, roles and names. Functions that act for a user run as
// them (row-level security); local profiles, roles and look-ups by e-mail run as the server.
import { z } from 'zod';
import { PROFILE_ROLES, type ProfileRole } from '../../domain';
import { cleanLine } from '../../text';
import { anonymous, line, parse, uuid } from './attempt-base';
import { StoreError } from './errors';
import { asService, asUser, type Claims } from './session';
import type { Db } from './types';

export interface Profile {
	id: string;
	displayName: string;
	role: ProfileRole;
	createdAt: Date;
}

const profileInputSchema = z.strictObject({
	displayName: line(60),
	role: z.enum(PROFILE_ROLES).default('trainee'),
	email: z.email().optional()
});

interface ProfileRow {
	id: string;
	display_name: string;
	role: ProfileRole;
	created_at: Date;
}
const toProfile = (r: ProfileRow): Profile => ({ id: r.id, displayName: r.display_name, role: r.role, createdAt: r.created_at });

export type ProfilesStore = ReturnType<typeof createProfilesStore>;

export function createProfilesStore(db: Db) {
	// -------------------------------------------------------------------------------------------
	// Profiles

	/** Local mode: a profile without password (one machine; see docs/storage.md). Runs as the server. */
	async function createProfile(input: { displayName: string; role?: ProfileRole; email?: string }): Promise<Profile> {
		const p = parse(profileInputSchema, input);
		return asService(db, async (tx) => {
			const u = await tx.query<{ id: string }>(
				'insert into auth.users (email, raw_user_meta_data) values ($1, jsonb_build_object($2::text, $3::text)) returning id',
				[p.email ?? null, 'display_name', p.displayName]
			);
			const r = await tx.query<ProfileRow>('update app.profiles set role = $2 where id = $1 returning *', [u.rows[0].id, p.role]);
			return toProfile(r.rows[0]);
		});
	}

	/** Local mode's profile picker, and admin use. Runs as the server. */
	async function listProfiles(): Promise<Profile[]> {
		return asService(db, async (tx) => (await tx.query<ProfileRow>('select * from app.profiles order by created_at, id')).rows.map(toProfile));
	}

	/** Makes someone a trainer or a trainee again. Server only: never from what a user says of themselves. */
	async function setRole(profileId: string, role: ProfileRole): Promise<Profile> {
		parse(z.enum(PROFILE_ROLES), role);
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no profile ${profileId}`);
		return asService(db, async (tx) => {
			const r = await tx.query<ProfileRow>('update app.profiles set role = $2 where id = $1 returning *', [profileId, role]);
			if (!r.rows[0]) throw new StoreError('unknown-profile', `no profile ${profileId}`);
			return toProfile(r.rows[0]);
		});
	}

	/** For a trainer adding a member by e-mail (Supabase mode). Runs as the server. */
	async function profileIdByEmail(email: string): Promise<string | null> {
		const address = cleanLine(email); // a NUL would be a PostgreSQL error (500), not "no such address"
		if (!address) return null;
		return asService(db, async (tx) => (await tx.query<{ id: string }>('select id from auth.users where lower(email) = lower($1)', [address])).rows[0]?.id ?? null);
	}

	/** The signed-in user's own profile. */
	async function getProfile(user: Claims | null): Promise<Profile | null> {
		if (!user) return null;
		return asUser(db, user, async (tx) => {
			const r = await tx.query<ProfileRow>('select * from app.profiles where id = auth.uid()');
			return r.rows[0] ? toProfile(r.rows[0]) : null;
		});
	}

	async function renameProfile(user: Claims | null, displayName: string): Promise<Profile> {
		if (!user) anonymous();
		const name = parse(profileInputSchema.shape.displayName, displayName);
		return asUser(db, user, async (tx) => {
			const r = await tx.query<ProfileRow>('update app.profiles set display_name = $1 where id = auth.uid() returning *', [name]);
			if (!r.rows[0]) throw new StoreError('unknown-profile', 'no profile for this user');
			return toProfile(r.rows[0]);
		});
	}

	return { createProfile, listProfiles, setRole, profileIdByEmail, getProfile, renameProfile };
}
