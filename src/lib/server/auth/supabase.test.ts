// The session cookies the server sets through @supabase/ssr are httpOnly. A tiny stand-in for
// Supabase Auth's token endpoint answers a password sign-in, so the real library writes the
// session through our cookie adapter (no Supabase server exists on this machine).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cookies } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabase, sessionCookieOptions } from './supabase';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const user = { id: '6f1c1c1e-0000-4000-8000-000000000001', aud: 'authenticated', role: 'authenticated', email: 'li@example.com', app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() };
const accessToken = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user.id, role: 'authenticated', aud: 'authenticated', exp: now() + 3600, iat: now() })}.c2ln`;

let server: Server;
let url = '';
beforeAll(async () => {
	server = createServer((req, res) => {
		req.resume();
		res.setHeader('content-type', 'application/json');
		if (req.method === 'POST' && req.url?.startsWith('/auth/v1/token')) {
			res.end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', expires_in: 3600, expires_at: now() + 3600, refresh_token: 'r1', user }));
		} else {
			res.statusCode = 404;
			res.end('{}');
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Records what the server would send as Set-Cookie. */
function jar() {
	const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const cookies = {
		getAll: () => [],
		get: () => undefined,
		set: (name: string, value: string, options: Record<string, unknown>) => set.push({ name, value, options }),
		delete: () => {},
		serialize: () => ''
	} as unknown as Cookies;
	return { cookies, set };
}

describe('Supabase session cookies', () => {
	it('are httpOnly, sameSite lax, path /, and secure only on an https origin', () => {
		expect(sessionCookieOptions('http://localhost:3000')).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: false });
		expect(sessionCookieOptions('https://coach.example.com')).toMatchObject({ httpOnly: true, secure: true });
		expect(sessionCookieOptions(undefined)).toMatchObject({ httpOnly: true, secure: false });
	});

	it.each([
		['http://localhost:3000', false],
		['https://coach.example.com', true]
	])('are set that way when a sign-in writes the session (origin %s)', async (origin, secure) => {
		const { cookies, set } = jar();
		const supabase = createSupabase(cookies, { url, anonKey: 'anon', origin });
		const { error } = await supabase.auth.signInWithPassword({ email: user.email, password: 'long enough' });
		expect(error).toBeNull();
		// The library writes cookies when it hears of the sign-in; give it that turn.
		await new Promise((r) => setTimeout(r, 50));
		const session = set.filter((c) => c.value);
		expect(session.length).toBeGreaterThan(0);
		for (const c of session) expect(c.options, c.name).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure });
	});
});
