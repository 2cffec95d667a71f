import type { Handle } from '@sveltejs/kit';
import { identify } from '$lib/server/auth/identity';

// Every request: who is asking, verified on the server.
export const handle: Handle = async ({ event, resolve }) => {
	const who = await identify(event.cookies);
	event.locals.claims = who.claims;
	event.locals.profile = who.profile;
	return resolve(event);
};
