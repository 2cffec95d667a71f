import { authMode } from '$lib/server/auth/identity';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	// Where signing in happens: /login with Supabase Auth, /profile in local mode.
	signIn: authMode() === 'supabase' ? '/login' : '/profile',
	// The id is the signed-in person's own (the outbox sends only their attempts).
	profile: locals.profile ? { id: locals.profile.id, displayName: locals.profile.displayName, role: locals.profile.role } : null
});
