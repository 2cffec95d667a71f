// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Claims, Profile } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			/** Verified identity: Supabase's session, or in local mode the chosen profile. Null when signed out. */
			claims: Claims | null;
			profile: Profile | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
