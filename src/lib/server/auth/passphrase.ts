// Local mode's trainer passphrase (docs/security.md): stored only as a slow salted hash
// (node:crypto scrypt), compared in constant time. Relative imports: scripts/set-role.ts runs this
// outside the app (no $lib).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { asService } from '../db/session';
import type { Db } from '../db/types';

export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 200;

// N = 2^15, r = 8: about 32 MiB and tens of milliseconds per try (OWASP's scrypt minimum is 2^17
// with r = 8 for passwords at internet scale; a local, rate-limited form needs less).
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(passphrase: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
	const options: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * 2 };
	return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key` (base64): everything needed to check it later, nothing to reverse it. */
export async function hashPassphrase(passphrase: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(passphrase, salt, COST);
	return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
	const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
	if (!m) return false;
	const expected = Buffer.from(m[5], 'base64');
	const key = await derive(passphrase, Buffer.from(m[4], 'base64'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Why a new passphrase is refused (for the operator, in the CLI), or null. */
export function passphraseProblem(passphrase: string): string | null {
	const n = [...passphrase].length;
	if (n < PASSPHRASE_MIN) return `口令至少要 ${PASSPHRASE_MIN} 个字符。`;
	if (n > PASSPHRASE_MAX) return `口令最多 ${PASSPHRASE_MAX} 个字符。`;
	return null;
}

/** Stores (or replaces) the hash for this profile. Server only. */
export async function setPassphrase(db: Db, profileId: string, passphrase: string): Promise<void> {
	const problem = passphraseProblem(passphrase);
	if (problem) throw new Error(problem);
	const hash = await hashPassphrase(passphrase);
	await asService(db, (tx) =>
		tx.query('insert into app.local_passphrases (profile_id, hash) values ($1, $2) on conflict (profile_id) do update set hash = excluded.hash, set_at = now()', [profileId, hash])
	);
}

export async function clearPassphrase(db: Db, profileId: string): Promise<void> {
	await asService(db, (tx) => tx.query('delete from app.local_passphrases where profile_id = $1', [profileId]));
}

/** The stored hash, or null when none was set. */
export async function passphraseHash(db: Db, profileId: string): Promise<string | null> {
	return asService(db, async (tx) => (await tx.query<{ hash: string }>('select hash from app.local_passphrases where profile_id = $1', [profileId])).rows[0]?.hash ?? null);
}
