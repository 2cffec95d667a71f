// Supabase Auth's account flows (sign-up, password and magic-link sign-in, reset, sign-out), run on
// the server through @supabase/ssr so the session lands in cookies the hooks verify on every request.
// Inputs are checked here, at the boundary; Supabase's error codes become messages people can act on.
// None of this can run on a machine without a Supabase Auth server (see docs/storage.md).
import type { Cookies } from '@sveltejs/kit';
import type { AuthError, EmailOtpType } from '@supabase/supabase-js';
import * as t from '$lib/i18n';
import { cleanLine } from '$lib/text';
import { supabaseServer } from './supabase';

export type AuthResult = { ok: true; message?: string } | { ok: false; error: string; field?: 'email' | 'password' | 'displayName' };

export const PASSWORD_MIN = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the form's fields; returns a refusal naming the field, or the cleaned values. */
export function readCredentials(form: FormData, need: { password?: boolean; displayName?: boolean } = {}) {
	// Cleaned like every text field (cleanLine: no NUL, control characters or half surrogate pairs);
	// the password is taken as typed (changing it silently would lock its owner out).
	const email = cleanLine(String(form.get('email') ?? '')).toLowerCase();
	const password = String(form.get('password') ?? '');
	const displayName = cleanLine(String(form.get('displayName') ?? ''));
	if (!EMAIL.test(email) || email.length > 254) return { ok: false as const, error: t.auth.emailInvalid, field: 'email' as const };
	if (need.password && password.length < PASSWORD_MIN) return { ok: false as const, error: t.auth.passwordShort(PASSWORD_MIN), field: 'password' as const };
	if (need.displayName && (!displayName || displayName.length > 60)) return { ok: false as const, error: t.profile.nameRequired, field: 'displayName' as const };
	return { ok: true as const, email, password, displayName };
}

/** Supabase's error codes, as people should read them; anything unknown gets the generic message. */
export function authErrorMessage(e: Pick<AuthError, 'code' | 'status'> | null | undefined): string {
	const code = e?.code as keyof typeof t.auth.errors | undefined;
	if (code && code in t.auth.errors) return t.auth.errors[code];
	if (e?.status === 429) return t.auth.errors.over_request_rate_limit;
	return t.auth.errors.unknown;
}

const fail = (e: AuthError | null): AuthResult => ({ ok: false, error: authErrorMessage(e) });

export async function signInWithPassword(cookies: Cookies, email: string, password: string): Promise<AuthResult> {
	const { error } = await supabaseServer(cookies).auth.signInWithPassword({ email, password });
	return error ? fail(error) : { ok: true };
}

export async function signUp(cookies: Cookies, origin: string, input: { email: string; password: string; displayName: string }): Promise<AuthResult> {
	// display_name is only a name: the profile's role never comes from user metadata.
	const { data, error } = await supabaseServer(cookies).auth.signUp({
		email: input.email,
		password: input.password,
		options: { data: { display_name: input.displayName }, emailRedirectTo: `${origin}/auth/confirm?next=/progress` }
	});
	if (error) return fail(error);
	return { ok: true, message: data.session ? undefined : t.auth.checkEmailSignup };
}

export async function sendMagicLink(cookies: Cookies, origin: string, email: string): Promise<AuthResult> {
	const { error } = await supabaseServer(cookies).auth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: `${origin}/auth/confirm?next=/progress` }
	});
	// Whether the address has an account is not told to whoever asks.
	if (error && error.code !== 'otp_disabled' && error.code !== 'user_not_found') return fail(error);
	return { ok: true, message: t.auth.checkEmailLink };
}

export async function sendPasswordReset(cookies: Cookies, origin: string, email: string): Promise<AuthResult> {
	const { error } = await supabaseServer(cookies).auth.resetPasswordForEmail(email, { redirectTo: `${origin}/auth/confirm?next=/account/password` });
	if (error && error.status === 429) return fail(error);
	return { ok: true, message: t.auth.checkEmailReset };
}

const OTP_TYPES: readonly EmailOtpType[] = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'];

/** The link in Supabase's e-mails: a token hash (or a PKCE code) exchanged for a session. */
export async function confirmEmailLink(cookies: Cookies, params: URLSearchParams): Promise<AuthResult> {
	const supabase = supabaseServer(cookies);
	const code = params.get('code');
	const tokenHash = params.get('token_hash');
	const type = params.get('type') as EmailOtpType | null;
	if (code) {
		const { error } = await supabase.auth.exchangeCodeForSession(code);
		return error ? fail(error) : { ok: true };
	}
	if (tokenHash && type && OTP_TYPES.includes(type)) {
		const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type });
		return error ? fail(error) : { ok: true };
	}
	return { ok: false, error: t.auth.errors.otp_expired };
}

export async function updatePassword(cookies: Cookies, password: string): Promise<AuthResult> {
	if (password.length < PASSWORD_MIN) return { ok: false, error: t.auth.passwordShort(PASSWORD_MIN), field: 'password' };
	const { error } = await supabaseServer(cookies).auth.updateUser({ password });
	return error ? fail(error) : { ok: true, message: t.auth.passwordChanged };
}

export async function signOut(cookies: Cookies): Promise<void> {
	await supabaseServer(cookies).auth.signOut();
}

// The return path after signing in: one check for every route (src/lib/server/http/safe-next.ts).
export { safeNext } from '$lib/server/http/safe-next';
