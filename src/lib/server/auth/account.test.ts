// The parts of the Supabase account flows that run without a Supabase Auth server: checking the
// form at the boundary, turning Supabase's error codes into messages, and the return path.
import { describe, expect, it } from 'vitest';
import * as t from '$lib/i18n';
import { authErrorMessage, PASSWORD_MIN, readCredentials } from './account';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('readCredentials', () => {
	it('cleans the e-mail address and keeps the password as typed', () => {
		expect(readCredentials(form({ email: '  Li.Na@Example.COM ', password: ' 12345678 ' }), { password: true })).toEqual({
			ok: true,
			email: 'li.na@example.com',
			password: ' 12345678 ',
			displayName: ''
		});
	});
	it.each([[''], ['li'], ['li@'], ['li@example'], ['li na@example.com'], [`${'x'.repeat(250)}@example.com`]])('refuses the address %j, naming the field', (email) => {
		expect(readCredentials(form({ email, password: 'long enough' }), { password: true })).toMatchObject({ ok: false, field: 'email', error: t.auth.emailInvalid });
	});
	it('refuses a short password only where one is needed', () => {
		const short = form({ email: 'a@b.cn', password: 'x'.repeat(PASSWORD_MIN - 1) });
		expect(readCredentials(short, { password: true })).toMatchObject({ ok: false, field: 'password' });
		expect(readCredentials(short)).toMatchObject({ ok: true });
	});
	it('needs a name to sign up, of at most 60 characters', () => {
		const need = { password: true, displayName: true };
		expect(readCredentials(form({ email: 'a@b.cn', password: 'long enough', displayName: '  ' }), need)).toMatchObject({ ok: false, field: 'displayName' });
		expect(readCredentials(form({ email: 'a@b.cn', password: 'long enough', displayName: '名'.repeat(61) }), need)).toMatchObject({ ok: false, field: 'displayName' });
		expect(readCredentials(form({ email: 'a@b.cn', password: 'long enough', displayName: ' 李娜 ' }), need)).toMatchObject({ ok: true, displayName: '李娜' });
	});
	it('cleans NUL, control characters and half surrogate pairs from the address and the name (cleanLine)', () => {
		const need = { password: true, displayName: true };
		expect(readCredentials(form({ email: 'a\u0000@b.cn', password: 'long\u0000enough', displayName: '李\u0000娜\ud800\n' }), need)).toEqual({
			ok: true,
			email: 'a@b.cn',
			password: 'long\u0000enough',
			displayName: '李娜\ufffd'
		});
		expect(readCredentials(form({ email: 'a@b.cn', password: 'long enough', displayName: '\u0000\u0001' }), need)).toMatchObject({ ok: false, field: 'displayName' });
	});
});

describe('authErrorMessage', () => {
	it("says what Supabase's codes mean", () => {
		expect(authErrorMessage({ code: 'invalid_credentials', status: 400 })).toBe(t.auth.errors.invalid_credentials);
		expect(authErrorMessage({ code: 'email_not_confirmed', status: 400 })).toBe(t.auth.errors.email_not_confirmed);
	});
	it('reads a rate limit from the status when the code is missing, and falls back to a generic message', () => {
		expect(authErrorMessage({ code: undefined, status: 429 })).toBe(t.auth.errors.over_request_rate_limit);
		expect(authErrorMessage({ code: 'something_new', status: 500 })).toBe(t.auth.errors.unknown);
		expect(authErrorMessage(null)).toBe(t.auth.errors.unknown);
	});
});
