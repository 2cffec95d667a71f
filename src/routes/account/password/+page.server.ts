import { error, fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { updatePassword } from '$lib/server/auth/account';
import { authMode } from '$lib/server/auth/identity';
import type { Actions, PageServerLoad } from './$types';

// Where the reset e-mail's link leads (signed in by the link), and where a signed-in user changes their password.
export const load: PageServerLoad = ({ locals }) => {
	if (authMode() !== 'supabase') redirect(303, '/profile');
	return { signedIn: !!locals.claims };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		// Local mode has no passwords (profiles are picked on /profile).
		if (authMode() !== 'supabase') error(404, t.auth.onlySupabase);
		if (!locals.claims) return fail(401, { error: 'signin' as const });
		const r = await updatePassword(cookies, String((await request.formData()).get('password') ?? ''));
		return r.ok ? { message: r.message } : fail(400, { error: r.error });
	}
};
