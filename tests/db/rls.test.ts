// The row-level-security matrix on real Postgres (PGlite), as the roles the app uses: identities
// anon, trainee A, trainee B in A's cohort, trainee C in another cohort, the trainer of A's cohort
// (T1) and another trainer (T2), against every table, for select, insert, update and delete.
// Each identity's attempts include role plays and quiz attempts (with their answer events), and
// question-bank attempts with the draw the server stored (A's active dA, C's submitted dC).
// The studio's tables (issue 11): T1 published a scenario to A's cohort (live), another one taken
// down, and has a document with a version not yet under an id; T2 has a draft.
// Assignments (issue 14): T1 set X1 for A's cohort, T2 set X2 for C's.
// Every cell runs in a transaction that is rolled back, so cells cannot affect one another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, type Claims } from '../../src/lib/server/db/session';
import type { Tx } from '../../src/lib/server/db/types';
import { DB_TIMEOUT, freshStore, play, probe, trainee, trainer, type TestStore } from './helpers';
import { publish, teamScenario, unpublish } from './publish-fixture';
import { sendAnswers } from './quiz-answers';

const IDENTITIES = ['anon', 'A', 'B', 'C', 'T1', 'T2'] as const;
type Identity = (typeof IDENTITIES)[number];
const DESCRIBE: Record<Identity, string> = {
	anon: 'anonymous',
	A: 'trainee A',
	B: "trainee B (in A's cohort)",
	C: 'trainee C (in another cohort)',
	T1: "T1 (trainer of A's cohort)",
	T2: 'T2 (another trainer)'
};
const TABLES = [
	'profiles',
	'cohorts',
	'cohort_members',
	'scenario_versions',
	'analyzer_rules',
	'attempts',
	'attempt_events',
	'scores',
	'studio_documents',
	'studio_coauthors',
	'studio_versions',
	'published_content',
	'quiz_draws',
	'assignments'
] as const;
type Table = (typeof TABLES)[number];
type Action = 'select' | 'insert' | 'update' | 'delete';

let t: TestStore;
const claims = {} as Record<Identity, Claims | null>;
/** Ids by label (A, K1, aF…) and labels by id. */
const id: Record<string, string> = {};
const label = new Map<string, string>();
const name = (x: string) => label.get(x) ?? x;

beforeAll(async () => {
	t = await freshStore();
	const { store } = t;
	const v = t.library.get('tiny')!.version;
	claims.anon = null;
	claims.A = await trainee(store, 'A');
	claims.B = await trainee(store, 'B');
	claims.C = await trainee(store, 'C');
	claims.T1 = await trainer(store, 'T1');
	claims.T2 = await trainer(store, 'T2');
	for (const who of ['A', 'B', 'C', 'T1', 'T2'] as const) id[who] = claims[who]!.sub;
	const k1 = await store.createCohort(claims.T1, 'K1');
	const k2 = await store.createCohort(claims.T2, 'K2');
	id.K1 = k1.id;
	id.K2 = k2.id;
	await store.addMember(claims.T1, k1.id, id.A);
	await store.addMember(claims.T1, k1.id, id.B);
	await store.addMember(claims.T2, k2.id, id.C);

	const start = (who: Identity) => store.startAttempt(claims[who], { scenarioId: 'tiny', version: v, mode: 'practice' });
	id.aA = (await start('A')).id; // active
	await play(store, claims.A!, id.aA, ['sorry']);
	id.aF = (await start('A')).id; // finished and scored
	await play(store, claims.A!, id.aF, ['sorry', 'ask']);
	id.bF = (await start('B')).id;
	await play(store, claims.B!, id.bF, ['argue', 'away']);
	id.cF = (await start('C')).id;
	await play(store, claims.C!, id.cF, ['sorry', 'away']);
	// Finished without a score (only the server could make one): the target of forged score inserts.
	id.aG = (await start('A')).id;
	await asService(t.db, (tx) => tx.query("update app.attempts set state = 'finished', outcome = 'lost', finished_at = now() where id = $1", [id.aG]));

	// Quiz attempts, each with one answer: A's active (qA), and submitted ones of A, B and C.
	const quizVersion = t.quizzes.get('db-quiz')!.version;
	const quiz = async (who: Identity, submit: boolean) => {
		const a = (await t.quiz.startQuizAttempt(claims[who], { quizId: 'db-quiz', version: quizVersion, mode: 'assessment' })).attempt;
		await sendAnswers(t.quiz, claims[who]!, a.id, [['hates', [0]]], a.startedAt.getTime());
		if (submit) await t.quiz.submitQuiz(claims[who], a.id);
		return a.id;
	};
	id.qA = await quiz('A', false);
	id.qF = await quiz('A', true);
	id.qB = await quiz('B', true);
	id.qC = await quiz('C', true);
	id.qG = (await t.quiz.startQuizAttempt(claims.A, { quizId: 'db-quiz', version: quizVersion, mode: 'practice' })).attempt.id;
	await asService(t.db, (tx) => tx.query("update app.attempts set state = 'finished', finished_at = now() where id = $1", [id.qG]));
	id.quiz = 'db-quiz';
	// Question banks: A's active attempt and C's submitted one, each with its stored draw.
	const bankVersion = t.quizzes.get('db-bank')!.version;
	id.dA = (await t.quiz.startQuizAttempt(claims.A, { quizId: 'db-bank', version: bankVersion, mode: 'practice' })).attempt.id;
	id.dC = (await t.quiz.startQuizAttempt(claims.C, { quizId: 'db-bank', version: bankVersion, mode: 'assessment' })).attempt.id;
	await t.quiz.submitQuiz(claims.C, id.dC);
	id.bank = 'db-bank';
	id.bankVersion = bankVersion;
	id.rules = (await t.db.query<{ version: string }>('select version from app.analyzer_rules')).rows[0].version;
	id.tiny = 'tiny';

	// The studio: T1's live team scenario (D1), one taken down (Doff), a document with a version
	// under no id yet (Dnew); T2's draft (D2).
	const live = await publish(t.db, claims.T1!, { scenario: teamScenario('team-tiny') });
	const off = await publish(t.db, claims.T1!, { scenario: teamScenario('team-off') });
	await unpublish(t.db, off);
	id.D1 = live.documentId;
	id.Doff = off.documentId;
	id.team = 'team-tiny';
	id.off = 'team-off';
	id.teamVersion = live.version;
	id.offVersion = off.version;
	await asService(t.db, async (tx) => {
		id.Dnew = (
			await tx.query<{ id: string }>(
				"insert into app.studio_documents (owner_id, kind, slug, title, body, updated_by) values ($1, 'scenario', 'team-new', '新', 'x', $1) returning id",
				[id.T1]
			)
		).rows[0].id;
		await tx.query("insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, 1, 'x', 'newversion', $2)", [id.Dnew, id.T1]);
		id.D2 = (
			await tx.query<{ id: string }>(
				"insert into app.studio_documents (owner_id, kind, slug, title, body, updated_by) values ($1, 'quiz', 'draft-two', '草稿', 'y', $1) returning id",
				[id.T2]
			)
		).rows[0].id;
		// T2 lets T1 co-author the draft.
		await tx.query('insert into app.studio_coauthors (document_id, profile_id) values ($1, $2)', [id.D2, id.T1]);
	});
	await asService(t.db, async (tx) => {
		const assign = `insert into app.assignments (cohort_id, kind, content_id, mode, due_at, created_by)
		                values ($1, 'roleplay', 'tiny', 'practice', now() + interval '2 days', $2) returning id`;
		id.X1 = (await tx.query<{ id: string }>(assign, [id.K1, id.T1])).rows[0].id;
		id.X2 = (await tx.query<{ id: string }>(assign, [id.K2, id.T2])).rows[0].id;
	});
	for (const [k, x] of Object.entries(id)) label.set(x, k);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

// ---------------------------------------------------------------------------------------------
// select: which rows each identity sees ('denied': the query itself is refused)

const KEY: Record<Table, string> = {
	profiles: 'id::text',
	cohorts: 'id::text',
	cohort_members: "cohort_id || ':' || profile_id",
	scenario_versions: 'scenario_id',
	analyzer_rules: 'version',
	attempts: 'id::text',
	attempt_events: "attempt_id || '#' || seq",
	scores: 'attempt_id::text',
	studio_documents: 'id::text',
	studio_coauthors: "document_id || ':' || profile_id",
	studio_versions: "document_id || '#' || number",
	published_content: 'slug',
	quiz_draws: 'attempt_id::text',
	assignments: 'id::text'
};
const labelKey = (k: string) =>
	k.includes(':') ? k.split(':').map(name).join(':') : k.includes('#') ? `${name(k.split('#')[0])}#${k.split('#')[1]}` : name(k);

/** How many events each attempt holds: replies of role plays, answers of quiz attempts. */
const EVENTS: Record<string, number> = { aA: 1, aF: 2, aG: 0, bF: 2, cF: 2, qA: 1, qF: 1, qG: 0, qB: 1, qC: 1, dA: 0, dC: 0 };
const eventsOf = (...attempts: string[]) => attempts.flatMap((a) => Array.from({ length: EVENTS[a] }, (_, i) => `${a}#${i + 1}`));
const A_ATTEMPTS = ['aA', 'aF', 'aG', 'qA', 'qF', 'qG', 'dA'];

const VISIBLE: Record<Table, Record<Identity, string[] | 'denied'>> = {
	profiles: { anon: 'denied', A: ['A'], B: ['B'], C: ['C'], T1: ['A', 'B', 'T1'], T2: ['C', 'T2'] },
	cohorts: { anon: 'denied', A: ['K1'], B: ['K1'], C: ['K2'], T1: ['K1'], T2: ['K2'] },
	cohort_members: { anon: 'denied', A: ['K1:A'], B: ['K1:B'], C: ['K2:C'], T1: ['K1:A', 'K1:B'], T2: ['K2:C'] },
	// Shipped versions for everyone signed in; T1's live ones for T1 and T1's cohort, taken-down
	// ones for T1 and whoever played them (nobody here).
	scenario_versions: {
		anon: 'denied',
		A: ['tiny', 'quiz', 'bank', 'team'],
		B: ['tiny', 'quiz', 'bank', 'team'],
		C: ['tiny', 'quiz', 'bank'],
		T1: ['tiny', 'quiz', 'bank', 'team', 'off'],
		T2: ['tiny', 'quiz', 'bank']
	},
	analyzer_rules: { anon: 'denied', A: ['rules'], B: ['rules'], C: ['rules'], T1: ['rules'], T2: ['rules'] },
	attempts: { anon: 'denied', A: A_ATTEMPTS, B: ['bF', 'qB'], C: ['cF', 'qC', 'dC'], T1: [...A_ATTEMPTS, 'bF', 'qB'], T2: ['cF', 'qC', 'dC'] },
	attempt_events: {
		anon: 'denied',
		A: eventsOf(...A_ATTEMPTS),
		B: eventsOf('bF', 'qB'),
		C: eventsOf('cF', 'qC', 'dC'),
		T1: eventsOf(...A_ATTEMPTS, 'bF', 'qB'),
		T2: eventsOf('cF', 'qC', 'dC')
	},
	scores: { anon: 'denied', A: ['aF', 'qF'], B: ['bF', 'qB'], C: ['cF', 'qC', 'dC'], T1: ['aF', 'qF', 'bF', 'qB'], T2: ['cF', 'qC', 'dC'] },
	// Drafts and their history: their trainer's and co-authors' alone (T1 co-authors T2's draft D2);
	// the team sees what is live, through published_content.
	studio_documents: { anon: 'denied', A: [], B: [], C: [], T1: ['D1', 'Doff', 'Dnew', 'D2'], T2: ['D2'] },
	studio_coauthors: { anon: 'denied', A: [], B: [], C: [], T1: ['D2:T1'], T2: ['D2:T1'] },
	studio_versions: { anon: 'denied', A: [], B: [], C: [], T1: ['D1#1', 'Doff#1', 'Dnew#1'], T2: [] },
	published_content: { anon: 'denied', A: ['team'], B: ['team'], C: [], T1: ['team', 'off'], T2: [] },
	// A draw is read as its attempt is: by its taker and the taker's trainer.
	quiz_draws: { anon: 'denied', A: ['dA'], B: [], C: ['dC'], T1: ['dA'], T2: ['dC'] },
	// An assignment is read by its cohort's members and trainer.
	assignments: { anon: 'denied', A: ['X1'], B: ['X1'], C: ['X2'], T1: ['X1'], T2: ['X2'] }
};

// ---------------------------------------------------------------------------------------------
// writes: each case names who may do it; everyone else must be refused (an error, or no row)

interface WriteCase {
	table: Table;
	action: Exclude<Action, 'select'>;
	what: string;
	allowed: Identity[];
	run: (tx: Tx) => Promise<{ rows: unknown[]; rowCount: number }>;
}
const ALL: Identity[] = ['A', 'B', 'C', 'T1', 'T2'];
const answerEvent = (attempt: string, seq: number) =>
	`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, client_time)
	 values ('${id[attempt]}', ${seq}, 'matrix-key-${seq}', 'answer', 'hates', '[0, 1]', now())`;
const event = (attempt: string, seq: number) =>
	`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, client_time)
	 values ('${id[attempt]}', ${seq}, 'matrix-key-${seq}', 'choice', 'ask', now())`;

const WRITES: WriteCase[] = [
	// profiles
	{ table: 'profiles', action: 'insert', what: 'a profile for a new auth user', allowed: [], run: (tx) =>
		tx.query("insert into app.profiles (id, display_name) values (gen_random_uuid(), 'x')") },
	{ table: 'profiles', action: 'update', what: "A's display name", allowed: ['A'], run: (tx) =>
		tx.query("update app.profiles set display_name = 'renamed' where id = $1", [id.A]) },
	{ table: 'profiles', action: 'update', what: 'their own role to trainer', allowed: [], run: (tx) =>
		tx.query("update app.profiles set role = 'trainer' where id = auth.uid()") },
	{ table: 'profiles', action: 'update', what: "T1's role to trainee", allowed: [], run: (tx) =>
		tx.query("update app.profiles set role = 'trainee' where id = $1", [id.T1]) },
	{ table: 'profiles', action: 'delete', what: "A's profile", allowed: [], run: (tx) => tx.query('delete from app.profiles where id = $1', [id.A]) },
	// cohorts
	{ table: 'cohorts', action: 'insert', what: 'a cohort they lead', allowed: ['T1', 'T2'], run: (tx) =>
		tx.query("insert into app.cohorts (name, trainer_id) values ('new', auth.uid())") },
	{ table: 'cohorts', action: 'insert', what: 'a cohort led by T1', allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.cohorts (name, trainer_id) values ('new', $1)", [id.T1]) },
	{ table: 'cohorts', action: 'update', what: "the name of A's cohort", allowed: ['T1'], run: (tx) =>
		tx.query("update app.cohorts set name = 'renamed' where id = $1", [id.K1]) },
	{ table: 'cohorts', action: 'update', what: "the trainer of A's cohort to themselves", allowed: [], run: (tx) =>
		tx.query('update app.cohorts set trainer_id = auth.uid() where id = $1', [id.K1]) },
	{ table: 'cohorts', action: 'delete', what: "A's cohort", allowed: ['T1'], run: (tx) => tx.query('delete from app.cohorts where id = $1', [id.K1]) },
	// cohort_members
	{ table: 'cohort_members', action: 'insert', what: "C into A's cohort", allowed: ['T1'], run: (tx) =>
		tx.query('insert into app.cohort_members (cohort_id, profile_id) values ($1, $2)', [id.K1, id.C]) },
	{ table: 'cohort_members', action: 'insert', what: "themselves into the other trainer's cohort K2", allowed: ['T2'], run: (tx) =>
		tx.query('insert into app.cohort_members (cohort_id, profile_id) values ($1, auth.uid())', [id.K2]) },
	{ table: 'cohort_members', action: 'update', what: "A's membership (moving it to K2)", allowed: [], run: (tx) =>
		tx.query('update app.cohort_members set cohort_id = $2 where cohort_id = $1 and profile_id = $3', [id.K1, id.K2, id.A]) },
	{ table: 'cohort_members', action: 'delete', what: "A's membership", allowed: ['T1'], run: (tx) =>
		tx.query('delete from app.cohort_members where cohort_id = $1 and profile_id = $2', [id.K1, id.A]) },
	// scenario_versions and analyzer_rules: only the server stores them
	{ table: 'scenario_versions', action: 'insert', what: 'a scenario version', allowed: [], run: (tx) =>
		tx.query("insert into app.scenario_versions (kind, scenario_id, version, compiled) values ('roleplay', 'tiny', 'forged', '{}')") },
	{ table: 'scenario_versions', action: 'update', what: 'a stored scenario version', allowed: [], run: (tx) =>
		tx.query("update app.scenario_versions set compiled = '{}' where scenario_id = 'tiny'") },
	{ table: 'scenario_versions', action: 'delete', what: 'a stored scenario version', allowed: [], run: (tx) =>
		tx.query("delete from app.scenario_versions where scenario_id = 'tiny'") },
	{ table: 'analyzer_rules', action: 'insert', what: 'analyzer rules', allowed: [], run: (tx) =>
		tx.query("insert into app.analyzer_rules (version, compiled) values ('forged', '{}')") },
	{ table: 'analyzer_rules', action: 'update', what: 'stored analyzer rules', allowed: [], run: (tx) =>
		tx.query("update app.analyzer_rules set compiled = '{}'") },
	{ table: 'analyzer_rules', action: 'delete', what: 'stored analyzer rules', allowed: [], run: (tx) => tx.query('delete from app.analyzer_rules') },
	// attempts
	{ table: 'attempts', action: 'insert', what: 'an attempt of their own', allowed: ALL, run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, rules_version, mode) select auth.uid(), scenario_id, version, $1, 'practice' from app.scenario_versions where kind = 'roleplay' and owner_id is null", [id.rules]) },
	{ table: 'attempts', action: 'insert', what: 'a quiz attempt of their own', allowed: ALL, run: (tx) =>
		tx.query("insert into app.attempts (user_id, kind, scenario_id, scenario_version, rules_version, mode) select auth.uid(), kind, scenario_id, version, $1, 'assessment' from app.scenario_versions where kind = 'quiz'", [id.rules]) },
	{ table: 'attempts', action: 'insert', what: 'a quiz attempt of their own, already finished', allowed: [], run: (tx) =>
		tx.query("insert into app.attempts (user_id, kind, scenario_id, scenario_version, mode, state, finished_at) select auth.uid(), kind, scenario_id, version, 'assessment', 'finished', now() from app.scenario_versions where kind = 'quiz'") },
	{ table: 'attempts', action: 'insert', what: 'an attempt in A\'s name', allowed: ['A'], run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, mode) select $1, scenario_id, version, 'practice' from app.scenario_versions where kind = 'roleplay' and owner_id is null", [id.A]) },
	{ table: 'attempts', action: 'insert', what: 'an attempt of their own, already finished and resolved', allowed: [], run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, mode, state, outcome, finished_at) select auth.uid(), scenario_id, version, 'practice', 'finished', 'resolved', now() from app.scenario_versions where kind = 'roleplay' and owner_id is null") },
	{ table: 'attempts', action: 'insert', what: 'an attempt of their own started a week ago', allowed: [], run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, mode, started_at) select auth.uid(), scenario_id, version, 'practice', now() - interval '7 days' from app.scenario_versions where kind = 'roleplay' and owner_id is null") },
	{ table: 'attempts', action: 'insert', what: "an attempt of their own on T1's live team scenario", allowed: ['A', 'B', 'T1'], run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, rules_version, mode) values (auth.uid(), 'team-tiny', $1, $2, 'practice')", [id.teamVersion, id.rules]) },
	{ table: 'attempts', action: 'insert', what: "an attempt of their own on T1's taken-down team scenario", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.attempts (user_id, scenario_id, scenario_version, rules_version, mode) values (auth.uid(), 'team-off', $1, $2, 'practice')", [id.offVersion, id.rules]) },
	{ table: 'attempts', action: 'update', what: "abandoning A's active attempt", allowed: ['A'], run: (tx) =>
		tx.query("update app.attempts set state = 'abandoned' where id = $1", [id.aA]) },
	{ table: 'attempts', action: 'update', what: "finishing A's active attempt", allowed: [], run: (tx) =>
		tx.query("update app.attempts set state = 'finished' where id = $1", [id.aA]) },
	{ table: 'attempts', action: 'update', what: "the outcome of A's finished attempt", allowed: [], run: (tx) =>
		tx.query("update app.attempts set outcome = 'resolved' where id = $1", [id.aF]) },
	{ table: 'attempts', action: 'update', what: "reopening A's finished attempt", allowed: [], run: (tx) =>
		tx.query("update app.attempts set state = 'active' where id = $1", [id.aF]) },
	{ table: 'attempts', action: 'update', what: "abandoning A's active quiz attempt", allowed: ['A'], run: (tx) =>
		tx.query("update app.attempts set state = 'abandoned' where id = $1", [id.qA]) },
	{ table: 'attempts', action: 'update', what: "submitting A's active quiz attempt (finishing it)", allowed: [], run: (tx) =>
		tx.query("update app.attempts set state = 'finished', finished_at = now() where id = $1", [id.qA]) },
	{ table: 'attempts', action: 'update', what: "moving the start of A's active quiz attempt (its deadline) later", allowed: [], run: (tx) =>
		tx.query('update app.attempts set started_at = now() + interval \'1 hour\' where id = $1', [id.qA]) },
	{ table: 'attempts', action: 'delete', what: "A's finished attempt", allowed: [], run: (tx) => tx.query('delete from app.attempts where id = $1', [id.aF]) },
	{ table: 'attempts', action: 'delete', what: "A's submitted quiz attempt", allowed: [], run: (tx) => tx.query('delete from app.attempts where id = $1', [id.qF]) },
	// attempt_events
	{ table: 'attempt_events', action: 'insert', what: "an event in A's active attempt", allowed: ['A'], run: (tx) => tx.query(event('aA', 2)) },
	{ table: 'attempt_events', action: 'insert', what: "an event in A's finished attempt", allowed: [], run: (tx) => tx.query(event('aF', 3)) },
	{ table: 'attempt_events', action: 'insert', what: "an event in A's active attempt with a forged receipt time", allowed: [], run: (tx) =>
		tx.query(`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, reply_id, client_time, received_at)
		          values ($1, 2, 'matrix-key-x', 'choice', 'ask', now(), now() - interval '1 hour')`, [id.aA]) },
	{ table: 'attempt_events', action: 'insert', what: "an answer in A's active quiz attempt", allowed: ['A'], run: (tx) => tx.query(answerEvent('qA', 2)) },
	{ table: 'attempt_events', action: 'insert', what: "an answer in A's submitted quiz attempt", allowed: [], run: (tx) => tx.query(answerEvent('qF', 2)) },
	{ table: 'attempt_events', action: 'insert', what: "an answer in A's active role play", allowed: [], run: (tx) => tx.query(answerEvent('aA', 2)) },
	{ table: 'attempt_events', action: 'insert', what: "a reply in A's active quiz attempt", allowed: [], run: (tx) => tx.query(event('qA', 2)) },
	{ table: 'attempt_events', action: 'update', what: "A's stored answer", allowed: [], run: (tx) =>
		tx.query("update app.attempt_events set answer = '[0, 1, 3]' where attempt_id = $1", [id.qA]) },
	{ table: 'attempt_events', action: 'delete', what: "A's answers", allowed: [], run: (tx) => tx.query('delete from app.attempt_events where attempt_id = $1', [id.qA]) },
	{ table: 'attempt_events', action: 'update', what: "the reply of A's first event", allowed: [], run: (tx) =>
		tx.query("update app.attempt_events set reply_id = 'argue' where attempt_id = $1", [id.aA]) },
	{ table: 'attempt_events', action: 'delete', what: "A's events", allowed: [], run: (tx) => tx.query('delete from app.attempt_events where attempt_id = $1', [id.aF]) },
	// scores: nobody but the server
	{ table: 'scores', action: 'insert', what: "a score for A's finished, unscored attempt", allowed: [], run: (tx) =>
		tx.query("insert into app.scores (attempt_id, overall, best_possible, report) values ($1, 100, 100, '{}')", [id.aG]) },
	{ table: 'scores', action: 'update', what: "A's score", allowed: [], run: (tx) => tx.query('update app.scores set overall = 100 where attempt_id = $1', [id.aF]) },
	{ table: 'scores', action: 'delete', what: "A's score", allowed: [], run: (tx) => tx.query('delete from app.scores where attempt_id = $1', [id.aF]) },
	{ table: 'scores', action: 'insert', what: "a score for A's finished, unscored quiz attempt", allowed: [], run: (tx) =>
		tx.query("insert into app.scores (attempt_id, overall, best_possible, report) values ($1, 100, 100, '{}')", [id.qG]) },
	{ table: 'scores', action: 'update', what: "A's quiz score", allowed: [], run: (tx) => tx.query('update app.scores set overall = 100 where attempt_id = $1', [id.qF]) },
	{ table: 'scores', action: 'delete', what: "A's quiz score", allowed: [], run: (tx) => tx.query('delete from app.scores where attempt_id = $1', [id.qF]) },
	// studio_documents: trainers write their own
	{ table: 'studio_documents', action: 'insert', what: 'a document of their own', allowed: ['T1', 'T2'], run: (tx) =>
		tx.query("insert into app.studio_documents (owner_id, kind, slug, title, body, updated_by) values (auth.uid(), 'scenario', 'mine', '我的', 'x', auth.uid())") },
	{ table: 'studio_documents', action: 'insert', what: "a document in T1's name", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.studio_documents (owner_id, kind, slug, title, body, updated_by) values ($1, 'scenario', 'theirs', '他的', 'x', $1)", [id.T1]) },
	{ table: 'studio_documents', action: 'update', what: "saving T1's published document", allowed: ['T1'], run: (tx) =>
		tx.query('update app.studio_documents set body = $2, revision = revision + 1, updated_by = auth.uid(), updated_at = now() where id = $1', [id.D1, 'edited']) },
	{ table: 'studio_documents', action: 'update', what: "saving T2's draft (T1 co-authors it)", allowed: ['T1', 'T2'], run: (tx) =>
		tx.query('update app.studio_documents set body = $2, revision = revision + 1, updated_by = auth.uid() where id = $1', [id.D2, 'edited']) },
	{ table: 'studio_documents', action: 'update', what: "taking over T2's draft (its owner)", allowed: [], run: (tx) =>
		tx.query('update app.studio_documents set owner_id = auth.uid() where id = $1', [id.D2]) },
	{ table: 'studio_documents', action: 'delete', what: "T1's published document", allowed: [], run: (tx) => tx.query('delete from app.studio_documents where id = $1', [id.D1]) },
	{ table: 'studio_documents', action: 'delete', what: "T2's draft that was never published", allowed: ['T2'], run: (tx) => tx.query('delete from app.studio_documents where id = $1', [id.D2]) },
	// studio_coauthors: the owner chooses trainers; a co-author may leave
	{ table: 'studio_coauthors', action: 'insert', what: "T2 as co-author of T1's document", allowed: ['T1'], run: (tx) =>
		tx.query('insert into app.studio_coauthors (document_id, profile_id) values ($1, $2)', [id.Dnew, id.T2]) },
	{ table: 'studio_coauthors', action: 'insert', what: "trainee A as co-author of T1's document", allowed: [], run: (tx) =>
		tx.query('insert into app.studio_coauthors (document_id, profile_id) values ($1, $2)', [id.Dnew, id.A]) },
	{ table: 'studio_coauthors', action: 'update', what: "moving T1's co-authorship to another document", allowed: [], run: (tx) =>
		tx.query('update app.studio_coauthors set document_id = $2 where document_id = $1', [id.D2, id.Dnew]) },
	{ table: 'studio_coauthors', action: 'delete', what: "T1's co-authorship of T2's draft", allowed: ['T1', 'T2'], run: (tx) =>
		tx.query('delete from app.studio_coauthors where document_id = $1', [id.D2]) },
	// studio_versions: published by the document's trainer, never changed
	{ table: 'studio_versions', action: 'insert', what: "version 2 of T1's document", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, 2, 'v2', 'v2', auth.uid())", [id.D1]) },
	{ table: 'studio_versions', action: 'insert', what: "version 1 of T2's draft", allowed: ['T2'], run: (tx) =>
		tx.query("insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, 1, 'v1', 'v1', auth.uid())", [id.D2]) },
	{ table: 'studio_versions', action: 'insert', what: "version 2 of T1's document in T1's name", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, 2, 'v2', 'v2', $2)", [id.D1, id.T1]) },
	{ table: 'studio_versions', action: 'update', what: "the text of T1's published version 1", allowed: [], run: (tx) =>
		tx.query("update app.studio_versions set body = 'rewritten' where document_id = $1", [id.D1]) },
	{ table: 'studio_versions', action: 'delete', what: "T1's published version 1", allowed: [], run: (tx) => tx.query('delete from app.studio_versions where document_id = $1', [id.D1]) },
	// published_content: the id a document owns and which version is live, the document's trainer's to set
	{ table: 'published_content', action: 'insert', what: "T1's new document under an id of its own", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.published_content (kind, slug, document_id, owner_id, live_number, content_version) values ('roleplay', 'team-new', $1, auth.uid(), 1, 'newversion')", [id.Dnew]) },
	{ table: 'published_content', action: 'insert', what: "T1's new document in T1's name", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.published_content (kind, slug, document_id, owner_id, live_number, content_version) values ('roleplay', 'team-new', $1, $2, 1, 'newversion')", [id.Dnew, id.T1]) },
	{ table: 'published_content', action: 'update', what: "taking T1's live scenario down", allowed: ['T1'], run: (tx) =>
		tx.query("update app.published_content set live = false, updated_at = now() where slug = 'team-tiny'") },
	{ table: 'published_content', action: 'update', what: "putting T1's taken-down scenario live again", allowed: ['T1'], run: (tx) =>
		tx.query("update app.published_content set live = true where slug = 'team-off'") },
	{ table: 'published_content', action: 'update', what: "taking over T1's id (its owner)", allowed: [], run: (tx) =>
		tx.query("update app.published_content set owner_id = auth.uid() where slug = 'team-tiny'") },
	{ table: 'published_content', action: 'delete', what: "T1's id", allowed: [], run: (tx) => tx.query("delete from app.published_content where slug = 'team-tiny'") },
	// quiz_draws: only the server draws; nobody changes or removes a draw
	{ table: 'quiz_draws', action: 'insert', what: "a draw for A's active quiz attempt", allowed: [], run: (tx) =>
		tx.query("insert into app.quiz_draws (attempt_id, question_ids) values ($1, '{hates}')", [id.qA]) },
	{ table: 'quiz_draws', action: 'insert', what: "a draw for a new bank attempt of their own", allowed: [], run: async (tx) => {
		const a = await tx.query<{ id: string }>("insert into app.attempts (user_id, kind, scenario_id, scenario_version, mode) values (auth.uid(), 'quiz', 'db-bank', $1, 'practice') returning id", [id.bankVersion]);
		return tx.query("insert into app.quiz_draws (attempt_id, question_ids) values ($1, '{bank-i,bank-d,bank-8a}')", [a.rows[0].id]);
	} },
	{ table: 'quiz_draws', action: 'update', what: "A's draw", allowed: [], run: (tx) =>
		tx.query("update app.quiz_draws set question_ids = '{bank-i,bank-d,bank-8a}' where attempt_id = $1", [id.dA]) },
	{ table: 'quiz_draws', action: 'delete', what: "A's draw", allowed: [], run: (tx) => tx.query('delete from app.quiz_draws where attempt_id = $1', [id.dA]) },
	// assignments: the cohort's trainer sets, changes and deletes them, in their own name
	{ table: 'assignments', action: 'insert', what: "an assignment for A's cohort", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.assignments (cohort_id, kind, content_id, mode, due_at, created_by) values ($1, 'roleplay', 'tiny', 'assessment', now() + interval '1 day', auth.uid())", [id.K1]) },
	{ table: 'assignments', action: 'insert', what: "an assignment for A's cohort in T1's name", allowed: ['T1'], run: (tx) =>
		tx.query("insert into app.assignments (cohort_id, kind, content_id, mode, due_at, created_by) values ($1, 'quiz', 'db-quiz', 'practice', now() + interval '1 day', $2)", [id.K1, id.T1]) },
	{ table: 'assignments', action: 'insert', what: "an assignment for C's cohort in T1's name", allowed: [], run: (tx) =>
		tx.query("insert into app.assignments (cohort_id, kind, content_id, mode, due_at, created_by) values ($1, 'roleplay', 'tiny', 'practice', now() + interval '1 day', $2)", [id.K2, id.T1]) },
	{ table: 'assignments', action: 'update', what: "the due time of A's cohort's assignment", allowed: ['T1'], run: (tx) =>
		tx.query("update app.assignments set due_at = due_at + interval '1 day', mode = 'assessment' where id = $1", [id.X1]) },
	{ table: 'assignments', action: 'update', what: "moving A's cohort's assignment to C's cohort", allowed: [], run: (tx) =>
		tx.query('update app.assignments set cohort_id = $2 where id = $1', [id.X1, id.K2]) },
	{ table: 'assignments', action: 'update', what: "the content of A's cohort's assignment", allowed: [], run: (tx) =>
		tx.query("update app.assignments set content_id = 'other' where id = $1", [id.X1]) },
	{ table: 'assignments', action: 'delete', what: "A's cohort's assignment", allowed: ['T1'], run: (tx) => tx.query('delete from app.assignments where id = $1', [id.X1]) },
	{ table: 'assignments', action: 'delete', what: "C's cohort's assignment", allowed: ['T2'], run: (tx) => tx.query('delete from app.assignments where id = $1', [id.X2]) }
];

describe('row-level security matrix', () => {
	it('covers every table with every action', () => {
		for (const table of TABLES)
			for (const action of ['insert', 'update', 'delete'] as const)
				expect(WRITES.some((w) => w.table === table && w.action === action), `${table} ${action}`).toBe(true);
	});

	for (const who of IDENTITIES)
		describe(DESCRIBE[who], () => {
			for (const table of TABLES) {
				it(`${table} · select sees ${JSON.stringify(VISIBLE[table][who])}`, async () => {
					const r = await probe(t.db, claims[who], (tx) => tx.query<{ k: string }>(`select ${KEY[table]} as k from app.${table}`));
					const seen = r.ok ? r.rows.map((x) => labelKey(String(x.k))).sort() : 'denied';
					expect(seen).toEqual(VISIBLE[table][who] === 'denied' ? 'denied' : [...(VISIBLE[table][who] as string[])].sort());
				});
				for (const action of ['insert', 'update', 'delete'] as const) {
					const cases = WRITES.filter((w) => w.table === table && w.action === action);
					const summary = cases.map((c) => `${c.what}: ${c.allowed.includes(who) ? 'allowed' : 'refused'}`).join('; ');
					it(`${table} · ${action}: ${summary}`, async () => {
						const got: string[] = [];
						const want: string[] = [];
						for (const c of cases) {
							const r = await probe(t.db, claims[who], (tx) => c.run(tx));
							got.push(`${c.what}: ${r.ok && r.rowCount > 0 ? 'allowed' : 'refused'}`);
							want.push(`${c.what}: ${c.allowed.includes(who) ? 'allowed' : 'refused'}`);
						}
						expect(got).toEqual(want);
					});
				}
			}
		});
});
