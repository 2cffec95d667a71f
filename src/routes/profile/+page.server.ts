import { fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { safeNext } from '$lib/server/auth/account';
import { authMode, LOCAL_PROFILE_COOKIE } from '$lib/server/auth/identity';
import { getStore, StoreError } from '$lib/server/db';
import { cleanLine } from '$lib/text';
import type { Actions, PageServerLoad } from './$types';

// Local mode: pick or create a profile, no password (one machine; docs/storage.md). In Supabase
// mode this page is the sign-in page's job.
export const load: PageServerLoad = async ({ locals, url }) => {
	if (authMode() === 'supabase') redirect(303, `/login${url.search}`);
	return { profiles: await (await getStore()).listProfiles(), current: locals.profile };
};

const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, maxAge: 60 * 60 * 24 * 365 };

export const actions: Actions = {
	choose: async ({ request, cookies }) => {
		const form = await request.formData();
		const id = String(form.get('profile') ?? '');
		const profiles = await (await getStore()).listProfiles();
		if (!profiles.some((p) => p.id === id)) return fail(400, { error: t.profile.unknown });
		cookies.set(LOCAL_PROFILE_COOKIE, id, cookie);
		redirect(303, safeNext(form.get('next')));
	},
	create: async ({ request, cookies }) => {
		const form = await request.formData();
		const displayName = cleanLine(String(form.get('displayName') ?? ''));
		const role = form.get('role') === 'trainer' ? 'trainer' : 'trainee';
		if (!displayName) return fail(400, { error: t.profile.nameRequired, displayName });
		try {
			const p = await (await getStore()).createProfile({ displayName, role });
			cookies.set(LOCAL_PROFILE_COOKIE, p.id, cookie);
		} catch (e) {
			if (e instanceof StoreError) return fail(400, { error: t.profile.nameInvalid, displayName });
			throw e;
		}
		redirect(303, safeNext(form.get('next')));
	}
};
