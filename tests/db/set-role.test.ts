// `npm run role`: the operator's way to make someone a trainer (roles never come from users).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openEmbedded } from '../../src/lib/server/db/embedded';
import { localClaims } from '../../src/lib/server/db/session';
import { createStore } from '../../src/lib/server/db/store';
import { passphraseHash, verifyPassphrase } from '../../src/lib/server/auth/passphrase';
import { DB_TIMEOUT, rules } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'coach-role-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storeOn = (db: Awaited<ReturnType<typeof openEmbedded>>) => createStore({ db, getScenario: () => undefined, getRules: rules });
const cli = (...args: string[]) => cliWith('', ...args);
/** The CLI with `input` on its stdin (a pipe, so no prompt). */
const cliWith = (input: string, ...args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', 'scripts/set-role.ts', ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8', input });

it(
	'makes the account with that e-mail a trainer and back, and says what it did; refuses unknown people and roles',
	async () => {
		let db = await openEmbedded({ dataDir: dir });
		const p = await storeOn(db).createProfile({ displayName: '王老师', email: 'wang@example.com' });
		expect(p.role).toBe('trainee');
		await db.close();

		const made = cli('WANG@example.com', 'trainer');
		expect(made.status, made.stderr).toBe(0);
		expect(made.stdout).toContain('王老师');
		db = await openEmbedded({ dataDir: dir });
		expect((await storeOn(db).getProfile(localClaims(p.id)))?.role).toBe('trainer');
		await db.close();

		expect(cli(p.id, 'trainee').status).toBe(0);
		const unknown = cli('nobody@example.com', 'trainer');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain('nobody@example.com');
		const badRole = cli('wang@example.com', 'admin');
		expect(badRole.status).toBe(2);
		expect(badRole.stderr).toContain('trainee|trainer');

		db = await openEmbedded({ dataDir: dir });
		expect((await storeOn(db).getProfile(localClaims(p.id)))?.role).toBe('trainee');
		await db.close();
	},
	DB_TIMEOUT
);

it(
	'local mode: --passphrase reads it from stdin and stores only its scrypt hash; a trainer without one is warned about; a trainee again loses it',
	async () => {
		let db = await openEmbedded({ dataDir: dir });
		const p = await storeOn(db).createProfile({ displayName: '周老师' });
		await db.close();

		const bare = cli(p.id, 'trainer');
		expect(bare.status, bare.stderr).toBe(0);
		expect(bare.stderr).toContain('--passphrase');

		const set = cliWith('我的口令 long enough\n', p.id, 'trainer', '--passphrase');
		expect(set.status, set.stderr).toBe(0);
		expect(set.stdout).toContain('with a new passphrase');
		expect(set.stdout + set.stderr).not.toContain('我的口令');
		db = await openEmbedded({ dataDir: dir });
		const hash = (await passphraseHash(db, p.id))!;
		expect(hash).toMatch(/^scrypt\$/);
		// The trailing newline of the piped input is not part of it.
		expect(await verifyPassphrase('我的口令 long enough', hash)).toBe(true);
		expect(await verifyPassphrase('我的口令 long enough\n', hash)).toBe(false);
		await db.close();

		const short = cliWith('short\n', p.id, 'trainer', '--passphrase');
		expect(short.status).toBe(2);
		expect(short.stderr).toContain('口令至少要 8 个字符');
		expect(cliWith('long enough passphrase', p.id, 'trainee', '--passphrase').status).toBe(2);

		expect(cli(p.id, 'trainee').status).toBe(0);
		db = await openEmbedded({ dataDir: dir });
		expect(await passphraseHash(db, p.id)).toBeNull();
		expect((await storeOn(db).getProfile(localClaims(p.id)))?.role).toBe('trainee');
		await db.close();
	},
	DB_TIMEOUT
);
