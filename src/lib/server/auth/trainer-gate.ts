// Local mode: choosing a trainer profile on /profile needs its passphrase (docs/security.md).
// Trainees are chosen freely, as before; a wrong passphrase waits a second, and five in a row lock
// that profile's tries for a minute. The profile cookie of a trainer carries a MAC keyed with the
// stored hash, so knowing the profile id (which /profile lists) is not enough, and setting a new
// passphrase signs the old sessions out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as t from '../../i18n';
import type { Db } from '../db/types';
import { createAttemptLimit, type AttemptLimit } from './attempt-limit';
import { passphraseHash, verifyPassphrase } from './passphrase';

export type GateResult = { ok: true } | { ok: false; status: 400 | 403 | 429; error: string };

export const WRONG_PASSPHRASE_DELAY_MS = 1000;

const shared = createAttemptLimit();

export async function openTrainerProfile(
	db: Db,
	profileId: string,
	passphrase: string,
	{ limit = shared, delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) }: { limit?: AttemptLimit; delay?: (ms: number) => Promise<void> } = {}
): Promise<GateResult> {
	const wait = limit.waitFor(profileId);
	if (wait > 0) return { ok: false, status: 429, error: t.profile.tooManyTries(Math.ceil(wait / 1000)) };
	if (!passphrase) return { ok: false, status: 400, error: t.profile.passphraseMissing };
	// Counted as wrong before it is checked (a right one forgets it): tries sent in parallel meet the
	// limit too, instead of all being checked while none has failed yet.
	limit.failed(profileId);
	const hash = await passphraseHash(db, profileId);
	if (!hash) return { ok: false, status: 403, error: t.profile.passphraseNotSet };
	if (await verifyPassphrase(passphrase, hash)) {
		limit.succeeded(profileId);
		return { ok: true };
	}
	await delay(WRONG_PASSPHRASE_DELAY_MS);
	return { ok: false, status: 400, error: t.profile.passphraseWrong };
}

const mac = (profileId: string, hash: string) => createHmac('sha256', hash).update(`cc_profile:${profileId}`).digest('base64url');

/** The local profile cookie's value: the id, and for a trainer the id with its MAC. */
export async function profileCookieValue(db: Db, profileId: string, role: string): Promise<string> {
	if (role !== 'trainer') return profileId;
	const hash = await passphraseHash(db, profileId);
	if (!hash) throw new Error(`trainer ${profileId} has no passphrase`);
	return `${profileId}.${mac(profileId, hash)}`;
}

/** Splits a cookie value into the profile id and the MAC it claims (empty for a trainee's). */
export function readProfileCookie(value: string | undefined): { id: string; mac: string } {
	const [id = '', m = ''] = (value ?? '').split('.', 2);
	return { id, mac: m };
}

/** Whether a trainer's cookie was made by this server for the passphrase stored now. */
export async function trainerCookieValid(db: Db, profileId: string, claimed: string): Promise<boolean> {
	const hash = await passphraseHash(db, profileId);
	if (!hash || !claimed) return false;
	const want = Buffer.from(mac(profileId, hash));
	const got = Buffer.from(claimed);
	return want.length === got.length && timingSafeEqual(want, got);
}
