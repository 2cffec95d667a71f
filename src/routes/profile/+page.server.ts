import { fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { safeNext } from '$lib/server/http/safe-next';
import { authMode, LOCAL_PROFILE_COOKIE, localProfileCookie } from '$lib/server/auth/identity';
import { openTrainerProfile, profileCookieValue } from '$lib/server/auth/trainer-gate';
import { getDb, getStore, StoreError } from '$lib/server/db';
import { cleanLine } from '$lib/text';
import type { Actions, PageServerLoad } from './$types';

// Local mode: pick or create a profile (one machine; docs/security.md). Trainees need no password;
// a trainer profile asks for the passphrase set with `npm run role`, and a new profile is always a
// trainee. In Supabase mode this page is the sign-in page's job.
export const load: PageServerLoad = async ({ locals, url }) => {
	if (authMode() === 'supabase') redirect(303, `/login${url.search}`);
	return { profiles: await (await getStore()).listProfiles(), current: locals.profile };
};

export const actions: Actions = {
	choose: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const id = String(form.get('profile') ?? '');
		const profiles = await (await getStore()).listProfiles();
		const chosen = profiles.find((p) => p.id === id);
		// A refusal re-renders the page at ?/choose: it hands `next` back so a retry still gets there.
		const next = safeNext(form.get('next'));
		if (!chosen) return fail(400, { error: t.profile.unknown, next });
		if (chosen.role === 'trainer') {
			const gate = await openTrainerProfile(await getDb(), id, String(form.get('passphrase') ?? ''));
			if (!gate.ok) return fail(gate.status, { error: gate.error, next });
		}
		cookies.set(LOCAL_PROFILE_COOKIE, await profileCookieValue(await getDb(), id, chosen.role), localProfileCookie(url));
		redirect(303, next);
	},
	create: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const displayName = cleanLine(String(form.get('displayName') ?? ''));
		if (!displayName) return fail(400, { error: t.profile.nameRequired, displayName });
		try {
			const p = await (await getStore()).createProfile({ displayName, role: 'trainee' });
			cookies.set(LOCAL_PROFILE_COOKIE, p.id, localProfileCookie(url));
		} catch (e) {
			if (e instanceof StoreError) return fail(400, { error: t.profile.nameInvalid, displayName });
			throw e;
		}
		redirect(303, safeNext(form.get('next')));
	}
};
