// Which requests count as sent by this site's own pages (item 7: both loopback origins in local
// mode; item 11: every non-GET request, with or without a body).
import { describe, expect, it } from 'vitest';
import { crossSiteReason } from './origin';
import { readSite, type Site } from './site';

const local = readSite({ ORIGIN: 'http://localhost:3000', PORT: '3000', HOST: '127.0.0.1' }, true, new URL('http://localhost:3000/'));
const hosted = readSite({ ORIGIN: 'https://coach.example.com', PORT: '3000', HOST: '0.0.0.0' }, false, new URL('https://coach.example.com/'));

const req = (method: string, headers: Record<string, string>, body?: string) => new Request('http://localhost:3000/logout', { method, headers, body });
const ok = (site: Site, method: string, headers: Record<string, string>, body?: string) => crossSiteReason(req(method, headers, body), site) === null;

describe('readSite', () => {
	it('takes the origin from ORIGIN, the port from PORT, and ignores a wildcard HOST', () => {
		expect(local).toEqual({ origin: 'http://localhost:3000', configured: true, local: true, port: '3000', host: '127.0.0.1' });
		expect(hosted).toMatchObject({ origin: 'https://coach.example.com', port: '3000', host: null });
		expect(readSite({}, true, new URL('http://localhost:5173/x'))).toMatchObject({ origin: 'http://localhost:5173', configured: false, port: '5173' });
		expect(readSite({ HOST: '::1' }, true, new URL('http://localhost:5173/x')).host).toBe('[::1]');
	});
});

describe('crossSiteReason', () => {
	it('lets GET and HEAD through from anywhere', () => {
		expect(ok(local, 'GET', { origin: 'http://evil.example' })).toBe(true);
		expect(ok(local, 'HEAD', {})).toBe(true);
	});

	it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])('local mode accepts a POST from %s', (origin) => {
		expect(ok(local, 'POST', { origin })).toBe(true);
		expect(ok(local, 'POST', { origin, 'content-type': 'application/x-www-form-urlencoded' }, 'next=/')).toBe(true);
	});

	it.each(['http://localhost:3001', 'http://127.0.0.1:80', 'https://localhost:3000', 'http://evil.example', 'http://localhost.evil.example:3000', 'null'])(
		'local mode refuses a POST from %s, with or without a body',
		(origin) => {
			expect(ok(local, 'POST', { origin })).toBe(false);
			expect(ok(local, 'POST', { origin, 'content-type': 'application/json' }, '{}')).toBe(false);
			expect(ok(local, 'DELETE', { origin })).toBe(false);
		}
	);

	it('local mode served on one LAN address (HOST) accepts POSTs from that address too, and not from others', () => {
		const lan = readSite({ ORIGIN: 'http://localhost:3000', PORT: '3000', HOST: '192.168.1.20' }, true, new URL('http://192.168.1.20:3000/'));
		expect(ok(lan, 'POST', { origin: 'http://192.168.1.20:3000' })).toBe(true);
		expect(ok(lan, 'POST', { origin: 'http://192.168.1.21:3000' })).toBe(false);
		expect(ok(lan, 'POST', { origin: 'null' })).toBe(false);
		const v6 = readSite({ PORT: '3000', HOST: 'fd00::5' }, true, new URL('http://[fd00::5]:3000/'));
		expect(ok(v6, 'POST', { origin: 'http://[fd00::5]:3000' })).toBe(true);
	});

	it('Supabase mode accepts only ORIGIN, not loopback addresses', () => {
		expect(ok(hosted, 'POST', { origin: 'https://coach.example.com' })).toBe(true);
		expect(ok(hosted, 'POST', { origin: 'http://localhost:3000' })).toBe(false);
		expect(ok(hosted, 'POST', { origin: 'http://coach.example.com' })).toBe(false);
	});

	it('refuses a POST without Origin unless the browser says it is same-origin', () => {
		expect(ok(local, 'POST', {})).toBe(false);
		expect(ok(local, 'POST', { 'sec-fetch-site': 'same-site' })).toBe(false);
		expect(ok(local, 'POST', { 'sec-fetch-site': 'cross-site' })).toBe(false);
		expect(ok(local, 'POST', { 'sec-fetch-site': 'same-origin' })).toBe(true);
	});
});
