// Who is asking, checked on the server for every request.
// - Supabase mode: @supabase/ssr reads the session cookies and supabase.auth.getUser() verifies
//   them with Supabase Auth; claims are built from the verified user, never from user_metadata.
// - Local mode (one machine, no set-up): a cookie names the chosen profile; no password for a
//   trainee, and a trainer's cookie must carry the MAC /profile gave after the passphrase (see
//   docs/security.md). The profile must exist in the database, and its role comes from there.
import type { Cookies } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { getDb, getStore, localClaims, storageMode, type Claims, type Profile } from '$lib/server/db';
import { readProfileCookie, trainerCookieValid } from './trainer-gate';

export const LOCAL_PROFILE_COOKIE = 'cc_profile';

/**
 * The local profile cookie's options. `Secure` only over https: SvelteKit's default (secure except
 * on http://localhost) would have browsers drop the cookie when the app is served on a LAN address
 * over http (HOST), so nobody could ever choose a profile there.
 */
export const localProfileCookie = (url: URL) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, maxAge: 60 * 60 * 24 * 365, secure: url.protocol === 'https:' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function authMode(): 'supabase' | 'local' {
	return storageMode() === 'supabase' && publicEnv.PUBLIC_SUPABASE_URL ? 'supabase' : 'local';
}

export async function identify(cookies: Cookies): Promise<{ claims: Claims | null; profile: Profile | null }> {
	const store = await getStore();
	let claims: Claims | null = null;
	let mac: string | null = null;
	if (authMode() === 'supabase') {
		const { supabaseServer } = await import('./supabase');
		const { data } = await supabaseServer(cookies).auth.getUser();
		if (data.user) claims = { sub: data.user.id, role: 'authenticated', aud: 'authenticated', ...(data.user.email ? { email: data.user.email } : {}) };
	} else {
		const cookie = readProfileCookie(cookies.get(LOCAL_PROFILE_COOKIE));
		if (UUID.test(cookie.id)) claims = localClaims(cookie.id);
		mac = cookie.mac;
	}
	let profile = claims ? await store.getProfile(claims) : null;
	// Local mode: a trainer only with the cookie /profile gave for the right passphrase.
	if (profile && mac !== null && profile.role === 'trainer' && !(await trainerCookieValid(await getDb(), profile.id, mac))) profile = null;
	// A cookie naming a profile that no longer exists signs nobody in.
	return profile ? { claims, profile } : { claims: null, profile: null };
}
