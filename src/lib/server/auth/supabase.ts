// Supabase Auth through @supabase/ssr: the session lives in cookies the server reads and refreshes.
import type { Cookies } from '@sveltejs/kit';
import { createServerClient } from '@supabase/ssr';
import { env as publicEnv } from '$env/dynamic/public';

export function supabaseServer(cookies: Cookies) {
	return createServerClient(publicEnv.PUBLIC_SUPABASE_URL!, publicEnv.PUBLIC_SUPABASE_ANON_KEY!, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => list.forEach(({ name, value, options }) => cookies.set(name, value, { ...options, path: '/' }))
		}
	});
}
