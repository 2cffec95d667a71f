// DNS rebinding: a page on an attacker's domain that later resolves to 127.0.0.1 reaches this
// server as "same origin" and could read and write every local profile. Its requests still carry
// the attacker's name in Host, so in local mode only requests addressed to a loopback name (or the
// configured HOST or ORIGIN host) are answered.
import { LOOPBACK_HOSTNAMES, type Site } from './site';

/** The host name of a Host header (no port), lower case; null when it is not one. */
export function hostName(host: string | null): string | null {
	if (!host) return null;
	try {
		const u = new URL(`http://${host}`);
		// Anything beyond host[:port] (a path, user info) is not a Host header.
		return u.host === host.toLowerCase() || `${u.hostname}:${u.port}` === host.toLowerCase() ? u.hostname : null;
	} catch {
		return null;
	}
}

/** Whether a request with this Host header is for this server. Supabase mode: always (the proxy decides). */
export function hostAllowed(host: string | null, site: Site): boolean {
	if (!site.local) return true;
	const name = hostName(host);
	if (!name) return false;
	const names = new Set<string>(LOOPBACK_HOSTNAMES);
	if (site.configured) names.add(new URL(site.origin).hostname);
	if (site.host) names.add(hostName(site.host) ?? site.host);
	return names.has(name);
}
