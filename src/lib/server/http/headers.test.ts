import { describe, expect, it } from 'vitest';
import { NON_PAGE_CSP, withSecurityHeaders } from './headers';

describe('withSecurityHeaders', () => {
	it('adds nosniff, the referrer policy and frame denial to every response', () => {
		for (const type of ['text/html', 'application/json', 'text/javascript', 'image/png']) {
			const r = withSecurityHeaders(new Response('x', { headers: { 'content-type': type } }));
			expect(r.headers.get('x-content-type-options'), type).toBe('nosniff');
			expect(r.headers.get('referrer-policy'), type).toBe('same-origin');
			expect(r.headers.get('x-frame-options'), type).toBe('DENY');
		}
	});

	it("gives non-pages a policy that allows nothing, and keeps a page's own (SvelteKit's)", () => {
		expect(withSecurityHeaders(new Response('{}', { headers: { 'content-type': 'application/json' } })).headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
		expect(withSecurityHeaders(new Response(null, { status: 303, headers: { location: '/' } })).headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
		const page = new Response('<p>', { headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'self'" } });
		expect(withSecurityHeaders(page).headers.get('content-security-policy')).toBe("script-src 'self'");
		// A service worker's script is bound by its own response's policy: none is added.
		expect(withSecurityHeaders(new Response('', { headers: { 'content-type': 'text/javascript' } })).headers.has('content-security-policy')).toBe(false);
	});

	it('copies a response whose headers are immutable', () => {
		const frozen = Response.redirect('http://localhost:3000/x', 303);
		const r = withSecurityHeaders(frozen);
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('http://localhost:3000/x');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
