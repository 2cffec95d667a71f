import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/account';
import { authMode, LOCAL_PROFILE_COOKIE, localProfileCookie } from '$lib/server/auth/identity';
import type { RequestHandler } from './$types';

// Sign-out is a POST (a link or a prefetch must not sign anyone out).
export const POST: RequestHandler = async ({ cookies, url }) => {
	if (authMode() === 'supabase') await signOut(cookies);
	else cookies.delete(LOCAL_PROFILE_COOKIE, localProfileCookie(url));
	redirect(303, '/');
};
