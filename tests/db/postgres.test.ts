// The Supabase path (node-postgres adapter, same sessions and store) on a real, multi-connection
// PostgreSQL server: a throwaway cluster on a Unix socket in a temporary directory (no TCP port),
// with the auth shim standing in for Supabase's auth schema, and the app connecting as a
// non-superuser role that may `set role` to anon, authenticated and service_role, as Supabase's
// `postgres` role does. Here, unlike in PGlite, deliveries really run at the same time.
// Skipped, by name, where no PostgreSQL server binaries are installed.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authShimPath, migrate } from '../../src/lib/server/db/migrate';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { asService, asUser, localClaims, type Claims } from '../../src/lib/server/db/session';
import { createQuizStore, type QuizStore } from '../../src/lib/server/db/quiz-store';
import { createStore, type Store } from '../../src/lib/server/db/store';
import { createStudioStore } from '../../src/lib/server/db/studio-store';
import type { Db } from '../../src/lib/server/db/types';
import { fixtureQuiz, newKey, rules, tiny } from './helpers';
import { attemptOrder, rightAnswer } from './quiz-answers';

function findBin(): string | null {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return null;
	const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : null;
}
const bin = findBin();
const root = process.getuid?.() === 0;
let canRun = !!bin;
if (bin && root) {
	try {
		execFileSync('id', ['postgres'], { stdio: 'ignore' }); // Postgres refuses to run as root: run it as its own user
	} catch {
		canRun = false;
	}
}

function pgRun(tool: string, args: string[]) {
	const cmd = join(bin!, tool);
	return root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
}

describe.skipIf(!canRun)('PostgreSQL server (node-postgres adapter, concurrent connections)', () => {
	let dir: string;
	let admin: Db;
	let db: Db;
	let store: Store;
	let quizStore: QuizStore;
	const s = tiny();
	const quiz = fixtureQuiz('db-quiz');
	const users: Claims[] = [];

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'coach-pg-'));
		chmodSync(dir, 0o755);
		if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
		pgRun('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
		pgRun('pg_ctl', ['-D', join(dir, 'data'), '-o', `-c listen_addresses='' -k ${dir} -c fsync=off`, '-w', '-l', join(dir, 'log'), 'start']);
		admin = openPostgres({ connectionString: `postgresql://postgres@/postgres?host=${dir}`, max: 2 });
		await admin.exec(readFileSync(authShimPath(), 'utf8'));
		await migrate(admin);
		await admin.exec(`create role app_server login noinherit; grant anon, authenticated, service_role to app_server;`);
		db = openPostgres({ connectionString: `postgresql://app_server@/postgres?host=${dir}`, max: 8 });
		store = createStore({ db, getScenario: () => s, getRules: rules });
		quizStore = createQuizStore({ db, getQuiz: (id) => (id === quiz.id ? quiz : undefined), getRules: rules });
		for (const name of ['甲', '乙']) users.push(localClaims((await store.createProfile({ displayName: name })).id));
	}, 120_000);

	afterAll(async () => {
		await db?.close();
		await admin?.close();
		if (dir) {
			try {
				pgRun('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	});

	it('Postgres: connects as a non-superuser and runs users as authenticated, the server as service_role', async () => {
		const q = 'select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as super, auth.uid() as uid';
		expect((await db.query('select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as super')).rows[0]).toEqual({
			role: 'app_server',
			super: false
		});
		expect((await asUser(db, users[0], (tx) => tx.query(q))).rows[0]).toEqual({ role: 'authenticated', super: false, uid: users[0].sub });
		expect((await asService(db, (tx) => tx.query(q))).rows[0]).toEqual({ role: 'service_role', super: false, uid: null });
		// Without a session, the connecting role itself reads nothing of the app's tables.
		await expect(db.query('select * from app.attempts')).rejects.toMatchObject({ code: '42501' });
	});

	it('Postgres: of two studio saves based on one revision arriving at once, one is kept and the other is a conflict', async () => {
		const studio = createStudioStore({ db, check: () => ({ kind: 'scenario', diagnostics: [], ok: false, compiled: null, figures: null }), shippedIds: () => [] });
		const coach = localClaims((await store.createProfile({ displayName: '丙', role: 'trainer' })).id);
		for (let round = 0; round < 5; round++) {
			const doc = await studio.createDocument(coach, { kind: 'scenario', text: `id: race-${round}` });
			const saves = await Promise.allSettled(['甲的版本', '乙的版本'].map((t) => studio.saveDocument(coach, doc.id, { text: `id: race-${round}\n# ${t}`, baseRevision: 1 })));
			const kept = saves.filter((r) => r.status === 'fulfilled');
			const refused = saves.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			expect(kept).toHaveLength(1);
			expect(refused.map((r) => r.reason.code)).toEqual(['conflict']);
			const stored = await studio.getDocument(coach, doc.id);
			expect(stored.revision).toBe(2);
			expect(stored.text).toBe((kept[0] as PromiseFulfilledResult<{ document: { text: string } }>).value.document.text);
		}
	});

	it('Postgres: stores each event once when duplicates arrive on concurrent connections, and scores once', async () => {
		const [a] = users;
		const attempt = await store.startAttempt(a, { scenarioId: 'tiny', version: s.version, mode: 'practice' });
		const events = ['sorry', 'ask'].map((reply, i) => ({
			idempotencyKey: newKey(),
			seq: i + 1,
			reply,
			ms: 100,
			clientTime: new Date(attempt.startedAt.getTime() + (i + 1) * 500).toISOString()
		}));
		const first = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.recordEvent(a, attempt.id, events[i % 2])));
		for (const r of first) if (r.status === 'rejected') expect(r.reason.code).toBe('seq-gap');
		const again = await Promise.all(Array.from({ length: 8 }, (_, i) => store.recordEvent(a, attempt.id, events[i < 4 ? 0 : 1])));
		expect(again.every((r) => r.event.idempotencyKey === events[r.event.seq - 1].idempotencyKey)).toBe(true);
		const n = await admin.query<{ events: number; scores: number }>(
			`select (select count(*)::int from app.attempt_events where attempt_id = $1) as events,
			        (select count(*)::int from app.scores where attempt_id = $1) as scores`,
			[attempt.id]
		);
		expect(n.rows[0]).toEqual({ events: 2, scores: 1 });
		expect(again.at(-1)!.attempt.state).toBe('finished');
	});

	it('Postgres: stores each quiz answer once when duplicates arrive on concurrent connections, and a quiz submitted at once from several is scored once', async () => {
		const [a] = users;
		const started = await Promise.all(Array.from({ length: 3 }, () => quizStore.startQuizAttempt(a, { quizId: quiz.id, version: quiz.version, mode: 'practice' })));
		const { attempt } = started[0];
		const order = attemptOrder(quiz, attempt.id);
		const answers = order.questions.slice(0, 3).map((q, i) => ({
			idempotencyKey: newKey(),
			seq: i + 1,
			questionId: q.id,
			answer: rightAnswer(q),
			clientTime: new Date(attempt.startedAt.getTime() + (i + 1) * 500).toISOString()
		}));
		const first = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => quizStore.recordAnswer(a, attempt.id, answers[i % 3])));
		for (const r of first) if (r.status === 'rejected') expect(r.reason.code).toBe('seq-gap');
		for (const e of answers) await quizStore.recordAnswer(a, attempt.id, e);
		const subs = await Promise.all(Array.from({ length: 6 }, () => quizStore.submitQuiz(a, attempt.id)));
		expect(subs.filter((x) => !x.duplicate)).toHaveLength(1);
		const n = await admin.query<{ events: number; scores: number; versions: number }>(
			`select (select count(*)::int from app.attempt_events where attempt_id = $1) as events,
			        (select count(*)::int from app.scores where attempt_id = $1) as scores,
			        (select count(*)::int from app.scenario_versions where kind = 'quiz') as versions`,
			[attempt.id]
		);
		expect(n.rows[0]).toEqual({ events: 3, scores: 1, versions: 1 });
		expect(subs[0].result!.answered).toBe(3);
	});

	it("Postgres: keeps a user out of another's attempt", async () => {
		const [a, b] = users;
		const attempt = await store.startAttempt(a, { scenarioId: 'tiny', version: s.version, mode: 'practice' });
		expect(await store.getAttempt(b, attempt.id)).toBeNull();
		await expect(
			store.recordEvent(b, attempt.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', clientTime: new Date().toISOString() })
		).rejects.toMatchObject({ code: 'not-your-attempt' });
		await expect(asUser(db, b, (tx) => tx.query("update app.profiles set role = 'trainer' where id = auth.uid()"))).rejects.toMatchObject({ code: '42501' });
	});
});
