import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	profile: locals.profile ? { displayName: locals.profile.displayName, role: locals.profile.role } : null
});
