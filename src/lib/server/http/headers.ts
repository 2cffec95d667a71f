// Headers every response gets. Pages get their Content-Security-Policy from SvelteKit (kit.csp in
// svelte.config.js, with hashes of its own inline scripts); anything else that is neither HTML nor
// a script (JSON, redirects, refusals) gets one that allows nothing, so it can never run as a page.
// (A script keeps none: a service worker's script would be bound by it.)
const ALWAYS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	// For browsers without CSP frame-ancestors.
	'x-frame-options': 'DENY'
};
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function withSecurityHeaders(response: Response): Response {
	let r = response;
	try {
		apply(r.headers);
	} catch {
		// Headers of a fetched response are immutable: answer with a copy.
		r = new Response(response.body, response);
		apply(r.headers);
	}
	return r;
}

function apply(h: Headers) {
	for (const [k, v] of Object.entries(ALWAYS)) h.set(k, v);
	if (!h.has('content-security-policy') && !/html|javascript/.test(h.get('content-type') ?? '')) h.set('content-security-policy', NON_PAGE_CSP);
}
