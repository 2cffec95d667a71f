// Where this server is reached: the configured origin (ORIGIN), and in local mode the loopback
// addresses of the port it serves. The request checks (host.ts, origin.ts) read only this.

export interface Site {
	/** The configured public origin (ORIGIN); without one (vite dev), the request's own. */
	origin: string;
	/** Whether `origin` came from ORIGIN (else it came from the request's Host, and proves nothing). */
	configured: boolean;
	/** Local mode: one machine, no sign-in (docs/security.md). */
	local: boolean;
	/** The port the server listens on (PORT, else ORIGIN's, else the request's). */
	port: string;
	/** HOST, when it names one address to listen on (not 0.0.0.0 or ::). */
	host: string | null;
}

export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

export function readSite(env: Record<string, string | undefined>, local: boolean, requestUrl: URL): Site {
	let origin = requestUrl.origin;
	let configured = false;
	let originPort = requestUrl.port || (requestUrl.protocol === 'https:' ? '443' : '80');
	if (env.ORIGIN) {
		try {
			const u = new URL(env.ORIGIN);
			origin = u.origin;
			configured = true;
			originPort = u.port || (u.protocol === 'https:' ? '443' : '80');
		} catch {
			/* adapter-node refuses a bad ORIGIN at start; keep the request's */
		}
	}
	const host = env.HOST?.trim() ?? '';
	return { origin, configured, local, port: env.PORT?.trim() || originPort, host: WILDCARD.has(host) ? null : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host };
}

/** http://localhost:PORT, http://127.0.0.1:PORT and http://[::1]:PORT, as browsers write them. */
export function loopbackOrigins(port: string): string[] {
	return LOOPBACK_HOSTNAMES.map((h) => new URL(`http://${h}:${port}`).origin);
}
