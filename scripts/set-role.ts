// npm run --silent role -- <e-mail or profile id> <trainee|trainer>
// The only way a person becomes a trainer in Supabase mode: roles never come from anything people
// can set about themselves, so an operator sets them here, on the server's database (DATABASE_URL,
// or the embedded DATA_DIR, default .data/pglite; stop the app first: it holds the embedded lock).
import { openEmbedded } from '../src/lib/server/db/embedded';
import { openPostgres } from '../src/lib/server/db/postgres';
import { createStore } from '../src/lib/server/db/store';
import { StoreError } from '../src/lib/server/db/errors';
import { PROFILE_ROLES } from '../src/lib/domain';

const [who, role] = process.argv.slice(2);
if (!who || !PROFILE_ROLES.includes(role as never)) {
	process.stderr.write(`usage: npm run --silent role -- <e-mail or profile id> <${PROFILE_ROLES.join('|')}>\n`);
	process.exit(2);
}
const db = process.env.DATABASE_URL ? openPostgres({ connectionString: process.env.DATABASE_URL }) : await openEmbedded({ dataDir: process.env.DATA_DIR || undefined });
try {
	// Setting a role touches no scenario and no analyzer rule.
	const store = createStore({ db, getScenario: () => undefined, getRules: () => {
		throw new Error('setting a role needs no analyzer rules');
	} });
	const id = who.includes('@') ? await store.profileIdByEmail(who) : who;
	if (!id) throw new StoreError('unknown-profile', `no account with e-mail ${who}`);
	const p = await store.setRole(id, role as (typeof PROFILE_ROLES)[number]);
	process.stdout.write(`${p.displayName} (${p.id}) is now ${p.role}\n`);
} catch (e) {
	process.stderr.write(`${e instanceof StoreError ? e.message : String(e)}\n`);
	process.exitCode = 1;
} finally {
	await db.close();
}
