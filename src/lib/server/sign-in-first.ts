// Where a visitor who must sign in first is sent: /profile (which sends Supabase mode on to
// /login), with the page to come back to as `next`. The path is percent-encoded as a query value:
// a raw path with Chinese or control characters is not a valid Location header (a 500).

/** `path` as the request had it (url.pathname, already percent-encoded) or a constant path. */
export function signInFirst(path: string): string {
	return `/profile?next=${encodeURIComponent(path)}`;
}
