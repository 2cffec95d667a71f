// The one check on where a form or an e-mail link may send people afterwards (`next`): a path on
// this site, never another origin. Used by every route that redirects to a `next` it was given.

const SITE = 'http://same.site';

/** A leading `//` or `/\` is read by browsers as "another host" (a scheme-relative URL). */
const leavesSite = (path: string) => !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\');

/**
 * `v` as a same-site path (path, query and hash), or `fallback`. It is parsed as a browser parses a
 * Location (tabs and newlines dropped, backslashes read as slashes, dot segments resolved) and the
 * result must still be a plain path: `/.//evil.example` resolves to `//evil.example`, which a
 * browser would follow to evil.example, so it is refused too.
 */
export function safeNext(v: unknown, fallback = '/progress'): string {
	if (typeof v !== 'string' || leavesSite(v)) return fallback;
	let url: URL;
	try {
		url = new URL(v, SITE);
	} catch {
		return fallback;
	}
	if (url.origin !== SITE) return fallback;
	const out = url.pathname + url.search + url.hash;
	return leavesSite(out) ? fallback : out;
}
