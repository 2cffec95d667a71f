import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import * as t from '$lib/i18n';
import { authMode, identify } from '$lib/server/auth/identity';
import { withSecurityHeaders } from '$lib/server/http/headers';
import { hostAllowed } from '$lib/server/http/host';
import { crossSiteReason } from '$lib/server/http/origin';
import { readSite } from '$lib/server/http/site';
import { allScenarios, bestScoreFor } from '$lib/server/scenarios';

/** Read by src/service-worker.ts. */
const PROFILE_HEADER = 'x-coach-profile';

// Before the first request: load the scenarios; checking each one searches its best possible score
// within a work limit (a file that would exceed it is refused, see $lib/server/scenarios), so this
// takes bounded time and no trainee's first debrief waits for it.
export const init: ServerInit = () => {
	for (const s of allScenarios()) bestScoreFor(s);
};

const refuse = (status: number, text: string) => new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

// Every response, refusals included: nosniff, referrer policy, frames (docs/security.md).
const securityHeaders: Handle = async ({ event, resolve }) => withSecurityHeaders(await resolve(event));

// Requests not addressed to this server (local mode: DNS rebinding) or not sent by its own pages
// (cross-site forgery) go no further. The server's own fetches during rendering were checked as
// the request that caused them.
const guard: Handle = ({ event, resolve }) => {
	if (event.isSubRequest) return resolve(event);
	const site = readSite(env, authMode() === 'local', event.url);
	if (!hostAllowed(event.request.headers.get('host'), site)) return refuse(421, t.http.wrongHost);
	if (crossSiteReason(event.request, site)) return refuse(403, t.http.crossSite);
	return resolve(event);
};

// Who is asking, verified on the server. Pages name the profile they were made for (empty:
// nobody), so the service worker never serves one profile's cached page to another.
const who: Handle = async ({ event, resolve }) => {
	const found = await identify(event.cookies);
	event.locals.claims = found.claims;
	event.locals.profile = found.profile;
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/api/')) response.headers.set(PROFILE_HEADER, found.profile?.id ?? '');
	return response;
};

export const handle = sequence(securityHeaders, guard, who);
