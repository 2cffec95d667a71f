import type { Handle, ServerInit } from '@sveltejs/kit';
import { identify } from '$lib/server/auth/identity';
import { allScenarios, bestScoreFor } from '$lib/server/scenarios';

/** Read by src/service-worker.ts. */
const PROFILE_HEADER = 'x-coach-profile';

// Before the first request: load the scenarios and search each one's best possible score (the
// largest takes seconds), so no trainee's first debrief waits for it.
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
