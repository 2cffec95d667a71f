// Supabase Auth through @supabase/ssr: the session lives in cookies the server reads and refreshes.
import type { Cookies } from '@sveltejs/kit';
import { createServerClient } from '@supabase/ssr';
import ws from 'ws';
import { env as publicEnv } from '$env/dynamic/public';

export function supabaseServer(cookies: Cookies) {
	return createServerClient(publicEnv.PUBLIC_SUPABASE_URL!, publicEnv.PUBLIC_SUPABASE_ANON_KEY!, {
		// supabase-js builds a Realtime client even when nobody subscribes, and on Node 20 (no native
		// WebSocket) that throws on every request unless a WebSocket class is given.
		realtime: { transport: ws as never },
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => list.forEach(({ name, value, options }) => cookies.set(name, value, { ...options, path: '/' }))
		}
	});
}
