// Cross-site request forgery: every request that may change something (anything but GET and HEAD)
// must come from one of this site's own pages. SvelteKit's own check (csrf.checkOrigin) only looks
// at form content types, so a bodyless POST (/logout, abandon, submit) passed it; it is off in
// svelte.config.js and this one covers every method and content type.
import { loopbackOrigins, type Site } from './site';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The origins a page of this site can have: ORIGIN, and in local mode every loopback address of the
 * port and the one address HOST names (host.ts answers requests to it, so its forms must work too).
 */
export function allowedOrigins(site: Site): Set<string> {
	const out = new Set([site.origin]);
	if (!site.local) return out;
	for (const o of loopbackOrigins(site.port)) out.add(o);
	if (site.host) {
		try {
			out.add(new URL(`http://${site.host}:${site.port}`).origin);
		} catch {
			/* not an address a browser could have opened */
		}
	}
	return out;
}

/**
 * Why the request is refused, or null when it may go on. A missing Origin is accepted only with
 * `Sec-Fetch-Site: same-origin` (browsers send one or the other; scripts that send neither are not
 * a page of this site).
 */
export function crossSiteReason(request: Request, site: Site): string | null {
	if (SAFE_METHODS.has(request.method)) return null;
	const origin = request.headers.get('origin');
	if (origin !== null) return allowedOrigins(site).has(origin) ? null : `origin ${origin} is not this site`;
	return request.headers.get('sec-fetch-site') === 'same-origin' ? null : 'no Origin header';
}
