// Supabase Auth through @supabase/ssr: the session lives in cookies the server reads and refreshes.
import type { Cookies } from '@sveltejs/kit';
import { createServerClient, type CookieOptions } from '@supabase/ssr';
import ws from 'ws';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';

/**
 * The session cookies' options. Only the server talks to Supabase, so no script in the page needs
 * them (@supabase/ssr defaults to httpOnly: false, which lets any injected script read the
 * session); `secure` whenever the site is served over https.
 */
export function sessionCookieOptions(origin: string | undefined): CookieOptions & { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean } {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: (origin ?? '').startsWith('https:') };
}

/** Builds the client on these cookies; `supabaseServer` gives it the app's settings. */
export function createSupabase(cookies: Cookies, settings: { url: string; anonKey: string; origin?: string }) {
	const forced = sessionCookieOptions(settings.origin);
	return createServerClient(settings.url, settings.anonKey, {
		// supabase-js builds a Realtime client even when nobody subscribes, and on Node 20 (no native
		// WebSocket) that throws on every request unless a WebSocket class is given.
		realtime: { transport: ws as never },
		cookieOptions: forced,
		cookies: {
			getAll: () => cookies.getAll(),
			// Forced again here: whatever options the library passes, these win.
			setAll: (list) => list.forEach(({ name, value, options }) => cookies.set(name, value, { ...options, ...forced }))
		}
	});
}

export function supabaseServer(cookies: Cookies) {
	return createSupabase(cookies, { url: publicEnv.PUBLIC_SUPABASE_URL!, anonKey: publicEnv.PUBLIC_SUPABASE_ANON_KEY!, origin: env.ORIGIN });
}
