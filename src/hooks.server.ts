import type { Handle, ServerInit } from '@sveltejs/kit';
import { identify } from '$lib/server/auth/identity';
import { allScenarios, bestScoreFor } from '$lib/server/scenarios';

/** Read by src/service-worker.ts. */
const PROFILE_HEADER = 'x-coach-profile';

// Before the first request: load the scenarios; checking each one searches its best possible score
// within a work limit (a file that would exceed it is refused, see $lib/server/scenarios), so this
// takes bounded time and no trainee's first debrief waits for it.
export const init: ServerInit = () => {
	for (const s of allScenarios()) bestScoreFor(s);
};

// Every request: who is asking, verified on the server. Pages name the profile they were made for
// (empty: nobody), so the service worker never serves one profile's cached page to another.
export const handle: Handle = async ({ event, resolve }) => {
	const who = await identify(event.cookies);
	event.locals.claims = who.claims;
	event.locals.profile = who.profile;
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/api/')) response.headers.set(PROFILE_HEADER, who.profile?.id ?? '');
	return response;
};
