import { error, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { confirmEmailLink, safeNext } from '$lib/server/auth/account';
import { authMode } from '$lib/server/auth/identity';
import type { RequestHandler } from './$types';

// The link in Supabase's sign-up, magic-link and reset e-mails lands here (Supabase mode only:
// local mode sends no e-mail, so there is no such link).
export const GET: RequestHandler = async ({ url, cookies }) => {
	if (authMode() !== 'supabase') error(404, t.auth.onlySupabase);
	const r = await confirmEmailLink(cookies, url.searchParams);
	redirect(303, r.ok ? safeNext(url.searchParams.get('next')) : '/login?failed');
};
