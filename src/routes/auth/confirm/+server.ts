import { redirect } from '@sveltejs/kit';
import { confirmEmailLink, safeNext } from '$lib/server/auth/account';
import type { RequestHandler } from './$types';

// The link in Supabase's sign-up, magic-link and reset e-mails lands here.
export const GET: RequestHandler = async ({ url, cookies }) => {
	const r = await confirmEmailLink(cookies, url.searchParams);
	redirect(303, r.ok ? safeNext(url.searchParams.get('next')) : '/login?failed');
};
