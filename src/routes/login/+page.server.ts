import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import * as account from '$lib/server/auth/account';
import { authMode } from '$lib/server/auth/identity';
import type { Actions, PageServerLoad } from './$types';

// Supabase mode's sign-in page; local mode picks a profile on /profile instead.
export const load: PageServerLoad = ({ locals, url }) => {
	if (authMode() !== 'supabase') redirect(303, `/profile${url.search}`);
	return { current: locals.profile, failed: url.searchParams.has('failed') };
};

// Local mode has no accounts: a posted sign-in form is not found there (not a 500 from a missing Supabase).
const supabaseOnly = () => {
	if (authMode() !== 'supabase') error(404, t.auth.onlySupabase);
};

type Form = 'signin' | 'signup' | 'magic' | 'reset';
const refuse = (form: Form, r: { error: string; field?: string }, email: string) => fail(400, { form, error: r.error, field: r.field, email });

export const actions: Actions = {
	signin: async ({ request, cookies }) => {
		supabaseOnly();
		const form = await request.formData();
		const c = account.readCredentials(form, { password: true });
		if (!c.ok) return refuse('signin', c, String(form.get('email') ?? ''));
		const r = await account.signInWithPassword(cookies, c.email, c.password);
		if (!r.ok) return refuse('signin', r, c.email);
		redirect(303, account.safeNext(form.get('next')));
	},
	signup: async ({ request, cookies, url }) => {
		supabaseOnly();
		const form = await request.formData();
		const c = account.readCredentials(form, { password: true, displayName: true });
		if (!c.ok) return refuse('signup', c, String(form.get('email') ?? ''));
		const r = await account.signUp(cookies, url.origin, c);
		if (!r.ok) return refuse('signup', r, c.email);
		if (!r.message) redirect(303, account.safeNext(form.get('next')));
		return { form: 'signup' as Form, message: r.message, email: c.email };
	},
	magic: async ({ request, cookies, url }) => {
		supabaseOnly();
		const form = await request.formData();
		const c = account.readCredentials(form);
		if (!c.ok) return refuse('magic', c, String(form.get('email') ?? ''));
		const r = await account.sendMagicLink(cookies, url.origin, c.email);
		return r.ok ? { form: 'magic' as Form, message: r.message, email: c.email } : refuse('magic', r, c.email);
	},
	reset: async ({ request, cookies, url }) => {
		supabaseOnly();
		const form = await request.formData();
		const c = account.readCredentials(form);
		if (!c.ok) return refuse('reset', c, String(form.get('email') ?? ''));
		const r = await account.sendPasswordReset(cookies, url.origin, c.email);
		return r.ok ? { form: 'reset' as Form, message: r.message, email: c.email } : refuse('reset', r, c.email);
	}
};
