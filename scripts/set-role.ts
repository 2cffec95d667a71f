// npm run --silent role -- <e-mail or profile id> <trainee|trainer> [--passphrase]
// The only way a person becomes a trainer: roles never come from anything people can set about
// themselves, so an operator sets them here, on the server's database (DATABASE_URL, or the
// embedded DATA_DIR, default .data/pglite; stop the app first: it holds the embedded lock).
// Local mode: a trainer profile opens on /profile only with a passphrase, set with --passphrase
// (read from stdin when it is not a terminal, else asked for twice without echo); only its scrypt
// hash is stored. Making someone a trainee again removes it.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { openEmbedded } from '../src/lib/server/db/embedded';
import { openPostgres } from '../src/lib/server/db/postgres';
import { createProfilesStore } from '../src/lib/server/db/profiles';
import { StoreError } from '../src/lib/server/db/errors';
import { clearPassphrase, passphraseHash, passphraseProblem, setPassphrase } from '../src/lib/server/auth/passphrase';
import { PROFILE_ROLES } from '../src/lib/domain';

const args = process.argv.slice(2);
const withPassphrase = args.includes('--passphrase');
const [who, role] = args.filter((a) => a !== '--passphrase');
const usage = (why = '') => {
	process.stderr.write(`${why}usage: npm run --silent role -- <e-mail or profile id> <${PROFILE_ROLES.join('|')}> [--passphrase]\n`);
	process.exit(2);
};
if (!who || !PROFILE_ROLES.includes(role as never) || args.length > 3) usage();
if (withPassphrase && role !== 'trainer') usage('--passphrase is for trainers only.\n');
if (withPassphrase && process.env.DATABASE_URL) usage('--passphrase is for local mode only: in Supabase mode trainers sign in with Supabase Auth.\n');

/** Asks on the terminal without echoing what is typed. */
async function ask(question: string): Promise<string> {
	let muted = false;
	const output = new Writable({ write: (chunk, _enc, done) => (muted || process.stderr.write(chunk), done()) });
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	process.stderr.write(question);
	muted = true;
	const answer = await new Promise<string>((r) => rl.question('', r));
	rl.close();
	process.stderr.write('\n');
	return answer;
}

async function readPassphrase(): Promise<string> {
	if (!process.stdin.isTTY) {
		let all = '';
		for await (const chunk of process.stdin) all += chunk;
		return all.replace(/\r?\n$/, '');
	}
	const first = await ask('Passphrase (口令): ');
	if ((await ask('Again (再输一次): ')) !== first) usage('The two passphrases differ (两次输入的口令不一样).\n');
	return first;
}

const passphrase = withPassphrase ? await readPassphrase() : null;
if (passphrase !== null) {
	const problem = passphraseProblem(passphrase);
	if (problem) usage(`${problem}\n`);
}

const db = process.env.DATABASE_URL ? openPostgres({ connectionString: process.env.DATABASE_URL }) : await openEmbedded({ dataDir: process.env.DATA_DIR || undefined });
try {
	// Setting a role touches profiles only: the profiles store, not the attempts (no scenarios, no analyzer).
	const store = createProfilesStore(db);
	const id = who.includes('@') ? await store.profileIdByEmail(who) : who;
	if (!id) throw new StoreError('unknown-profile', `no account with e-mail ${who}`);
	const p = await store.setRole(id, role as (typeof PROFILE_ROLES)[number]);
	if (passphrase !== null) await setPassphrase(db, p.id, passphrase);
	if (p.role === 'trainee') await clearPassphrase(db, p.id);
	process.stdout.write(`${p.displayName} (${p.id}) is now ${p.role}${passphrase !== null ? ', with a new passphrase' : ''}\n`);
	if (p.role === 'trainer' && !process.env.DATABASE_URL && !(await passphraseHash(db, p.id)))
		process.stderr.write(`Local mode: this trainer profile cannot be chosen on /profile until it has a passphrase: npm run --silent role -- ${p.id} trainer --passphrase\n`);
} catch (e) {
	process.stderr.write(`${e instanceof StoreError ? e.message : String(e)}\n`);
	process.exitCode = 1;
} finally {
	await db.close();
}
