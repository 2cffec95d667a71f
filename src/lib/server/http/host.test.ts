// DNS rebinding (item 8): in local mode only requests addressed to this machine are answered.
import { describe, expect, it } from 'vitest';
import { hostAllowed, hostName } from './host';
import { readSite } from './site';

const local = readSite({ ORIGIN: 'http://localhost:3000', PORT: '3000', HOST: '127.0.0.1' }, true, new URL('http://localhost:3000/'));

describe('hostAllowed', () => {
	it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:3000', 'localhost'])('local mode answers Host %s', (h) => {
		expect(hostAllowed(h, local)).toBe(true);
	});

	it.each([null, '', 'evil.example', 'evil.example:3000', 'rebind.evil.example:3000', 'localhost.evil.example:3000', '127.0.0.1.nip.io:3000', 'localhost@evil.example', 'localhost:3000/x', '192.168.1.5:3000'])(
		'local mode refuses Host %j',
		(h) => {
			expect(hostAllowed(h, local)).toBe(false);
		}
	);

	it('answers the configured HOST and ORIGIN host too', () => {
		const lan = readSite({ ORIGIN: 'http://coach.lan:3000', PORT: '3000', HOST: '192.168.1.5' }, true, new URL('http://coach.lan:3000/'));
		expect(hostAllowed('192.168.1.5:3000', lan)).toBe(true);
		expect(hostAllowed('coach.lan:3000', lan)).toBe(true);
		expect(hostAllowed('evil.example:3000', lan)).toBe(false);
	});

	it('without ORIGIN (vite dev, or the build run bare) trusts no name taken from the request itself', () => {
		const bare = readSite({}, true, new URL('http://evil.example:5173/'));
		expect(hostAllowed('evil.example:5173', bare)).toBe(false);
		expect(hostAllowed('localhost:5173', bare)).toBe(true);
	});

	it('leaves Supabase mode to the proxy in front of it', () => {
		const hosted = readSite({ ORIGIN: 'https://coach.example.com' }, false, new URL('https://coach.example.com/'));
		expect(hostAllowed('anything.example', hosted)).toBe(true);
	});

	it('reads a Host header as host[:port] only', () => {
		expect(hostName('Example.COM:8080')).toBe('example.com');
		expect(hostName('[::1]:3000')).toBe('[::1]');
		expect(hostName('a b')).toBe(null);
	});
});
