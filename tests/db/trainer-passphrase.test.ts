// Local mode's trainer passphrase (issue 10 item 9): a slow salted hash only the server reads,
// checked when a trainer profile is chosen, with wrong tries slowed and then locked; the trainer's
// cookie carries a MAC keyed with that hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedDb } from '../../src/lib/server/db/embedded';
import { createAttemptLimit } from '../../src/lib/server/auth/attempt-limit';
import { hashPassphrase, passphraseHash, setPassphrase, verifyPassphrase } from '../../src/lib/server/auth/passphrase';
import { openTrainerProfile, profileCookieValue, readProfileCookie, trainerCookieValid } from '../../src/lib/server/auth/trainer-gate';
import * as t from '../../src/lib/i18n';
import { DB_TIMEOUT, freshStore, probe, trainee, trainer, type TestStore } from './helpers';

let s: TestStore;
let db: EmbeddedDb;
beforeAll(async () => {
	s = await freshStore();
	db = s.db;
}, DB_TIMEOUT);
afterAll(() => db?.close());

const noDelay = { delay: async () => {} };

describe('the passphrase hash', () => {
	it('is scrypt with a fresh salt each time, and checks only the right passphrase', async () => {
		const a = await hashPassphrase('长城 correct horse');
		const b = await hashPassphrase('长城 correct horse');
		expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct');
		expect(await verifyPassphrase('长城 correct horse', a)).toBe(true);
		expect(await verifyPassphrase('长城 correct horse ', a)).toBe(false);
		expect(await verifyPassphrase('', a)).toBe(false);
		expect(await verifyPassphrase('长城 correct horse', 'plain text')).toBe(false);
	});

	it('is read by the server only: the trainer, other users and anon are refused the table', async () => {
		const me = await trainer(s.store, '赵老师');
		await setPassphrase(db, me.sub, 'a long passphrase');
		expect(await passphraseHash(db, me.sub)).toMatch(/^scrypt\$/);
		for (const who of [me, await trainee(s.store, '学员甲'), null]) {
			const r = await probe(db, who, (tx) => tx.query('select * from app.local_passphrases'));
			expect(r, JSON.stringify(who)).toMatchObject({ ok: false, code: '42501' });
			const w = await probe(db, who, (tx) => tx.query("update app.local_passphrases set hash = 'x'"));
			expect(w.ok).toBe(false);
		}
		// The database refuses anything that is not such a hash.
		await expect(db.query("insert into app.local_passphrases (profile_id, hash) values ($1, 'hunter2')", [(await trainee(s.store, '学员乙')).sub])).rejects.toThrow(/local_passphrases_hash_format/);
	});
});

describe('choosing a trainer profile', () => {
	it('needs the passphrase: none, a wrong one and one never set are refused with a message; the right one opens it', async () => {
		const me = await trainer(s.store, '钱老师');
		const limit = createAttemptLimit();
		expect(await openTrainerProfile(db, me.sub, 'whatever passphrase', { limit, ...noDelay })).toEqual({ ok: false, status: 403, error: t.profile.passphraseNotSet });
		await setPassphrase(db, me.sub, 'the right passphrase');
		expect(await openTrainerProfile(db, me.sub, '', { limit, ...noDelay })).toEqual({ ok: false, status: 400, error: t.profile.passphraseMissing });
		expect(await openTrainerProfile(db, me.sub, 'the wrong passphrase', { limit, ...noDelay })).toEqual({ ok: false, status: 400, error: t.profile.passphraseWrong });
		expect(await openTrainerProfile(db, me.sub, 'the right passphrase', { limit, ...noDelay })).toEqual({ ok: true });
	});

	it('waits after a wrong passphrase and locks the profile for a minute after five in a row', async () => {
		const me = await trainer(s.store, '孙老师');
		await setPassphrase(db, me.sub, 'the right passphrase');
		let clock = 0;
		const waits: number[] = [];
		const opts = { limit: createAttemptLimit({ now: () => clock }), delay: async (ms: number) => void waits.push(ms) };
		for (let i = 0; i < 5; i++) expect((await openTrainerProfile(db, me.sub, `wrong ${i} passphrase`, opts)).ok).toBe(false);
		expect(waits).toEqual([1000, 1000, 1000, 1000, 1000]);
		// Locked: even the right passphrase is not tried.
		expect(await openTrainerProfile(db, me.sub, 'the right passphrase', opts)).toEqual({ ok: false, status: 429, error: t.profile.tooManyTries(60) });
		clock += 60_000;
		expect(await openTrainerProfile(db, me.sub, 'the right passphrase', opts)).toEqual({ ok: true });
	});

	it('locks after five wrong tries even when twenty arrive at once', async () => {
		const me = await trainer(s.store, '周老师');
		await setPassphrase(db, me.sub, 'the right passphrase');
		const opts = { limit: createAttemptLimit(), ...noDelay };
		const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => openTrainerProfile(db, me.sub, `wrong ${i} passphrase`, opts)));
		const statuses = answers.map((a) => (a.ok ? 200 : a.status));
		expect(statuses.filter((x) => x === 400)).toHaveLength(5);
		expect(statuses.filter((x) => x === 429)).toHaveLength(15);
	});

	it("gives a trainer a cookie with a MAC that the profile id alone cannot forge, and a new passphrase voids it", async () => {
		const me = await trainer(s.store, '李老师');
		await setPassphrase(db, me.sub, 'first passphrase');
		const value = await profileCookieValue(db, me.sub, 'trainer');
		const { id, mac } = readProfileCookie(value);
		expect(id).toBe(me.sub);
		expect(await trainerCookieValid(db, me.sub, mac)).toBe(true);
		expect(await trainerCookieValid(db, me.sub, '')).toBe(false);
		expect(await trainerCookieValid(db, me.sub, mac.slice(1))).toBe(false);
		await setPassphrase(db, me.sub, 'second passphrase');
		expect(await trainerCookieValid(db, me.sub, mac)).toBe(false);
		// A trainee's cookie is just the id, as before.
		expect(await profileCookieValue(db, 'b2d5c1f0-0000-4000-8000-000000000000', 'trainee')).toBe('b2d5c1f0-0000-4000-8000-000000000000');
	});
});
