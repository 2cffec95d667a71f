// Shared by the database tests: real PGlite (in memory unless a test needs a directory), the real
// migrations, the real scenarios and analyzer rules, a small scenario of our own, and quizzes of
// our own (tests/db/fixtures/db-quiz.yaml, db-self.yaml).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompiledRules } from '../../src/lib/analyzer';
import { shippedAnalyzer } from '../../src/lib/analyzer/files';
import type { CompiledQuiz } from '../../src/lib/quiz';
import { checkQuizFile, quizFiles } from '../../src/lib/quiz/files';
import { compileScenario } from '../../src/lib/scenario/compiler';
import { startActor, choose1 } from '../../src/lib/scenario/engine';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { openEmbedded, type EmbeddedDb } from '../../src/lib/server/db/embedded';
import { authShimPath, readMigrations } from '../../src/lib/server/db/migrate';
import { createQuizStore, type QuizStore } from '../../src/lib/server/db/quiz-store';
import { becomeUser, localClaims, type Claims } from '../../src/lib/server/db/session';
import { createStore, type Store } from '../../src/lib/server/db/store';
import type { Tx } from '../../src/lib/server/db/types';

export const DB_TIMEOUT = 120_000;

let rulesCache: CompiledRules | null = null;
export function rules(): CompiledRules {
	return (rulesCache ??= shippedAnalyzer());
}

export function realScenarios(): CompiledScenario[] {
	return scenarioFiles('scenarios').map((f) => {
		const s = checkFile(f).scenario;
		if (!s) throw new Error(`${f} does not compile`);
		return s;
	});
}

/** Two decisions, one ending; the second decision can be typed. */
export const TINY_YAML = `format: 1
id: tiny
title: 小场景
summary: 测试用
class: 普通
channel: phone
difficulty: easy
minutes: 2
persona: { name: 王先生, archetype: angry }
objectives: [先安抚]
mood: { start: 50 }
nodes:
  - { id: open, type: line, text: 你们的快递又丢了, next: d1 }
  - id: d1
    type: decision
    replies:
      - { id: sorry, text: 非常抱歉给您添麻烦了，我理解您的心情, moves: { apology: 2, empathy: 1 }, mood: -10, feedback: 好, next: d2 }
      - { id: argue, text: 不可能，我们从来没丢过件, flags: [argue], mood: 20, feedback: 差, next: d2 }
  - id: d2
    type: decision
    replies:
      - { id: ask, text: 请问您的运单号是多少？, moves: [info], mood: -5, feedback: 好, next: end }
      - { id: away, text: 这个我管不了，你去找快递员吧, flags: [dismiss, informal], mood: 20, feedback: 差, next: end }
  - { id: end, type: ending, outcome: resolved, title: 结束, debrief: 总结 }
`;

export function compileYaml(yaml: string): CompiledScenario {
	const id = /^id: (\S+)$/m.exec(yaml)![1];
	const r = compileScenario(`${id}.yaml`, yaml);
	if (!r.scenario) throw new Error(JSON.stringify(r.diagnostics));
	return r.scenario;
}

export const tiny = () => compileYaml(TINY_YAML);

/** A quiz of tests/db/fixtures (db-quiz: every scored type and a 10-minute limit; db-self: likert only; db-bank: a question bank). */
export function fixtureQuiz(name: 'db-quiz' | 'db-self' | 'db-bank'): CompiledQuiz {
	const r = checkQuizFile(`tests/db/fixtures/${name}.yaml`);
	if (!r.quiz) throw new Error(JSON.stringify(r.diagnostics));
	return r.quiz;
}

/** The shipped quizzes of scenarios/quizzes that compile (none while they are being written). */
export function realQuizzes(): CompiledQuiz[] {
	return quizFiles('scenarios/quizzes')
		.map((f) => checkQuizFile(f).quiz)
		.filter((q): q is CompiledQuiz => q !== null);
}

export interface TestStore {
	db: EmbeddedDb;
	store: Store;
	/** The scenarios the store's loader knows now (tests may swap one for an edited version). */
	library: Map<string, CompiledScenario>;
	quiz: QuizStore;
	/** The quizzes the quiz store's loader knows now. */
	quizzes: Map<string, CompiledQuiz>;
}

/**
 * A new in-memory database with the shim and migrations applied. Creating one from nothing takes
 * seconds (initdb), so the first one is dumped to node_modules/.cache, keyed by the SQL and the
 * PGlite version, and later ones start from that dump.
 */
export async function freshDb(): Promise<EmbeddedDb> {
	const sql = [readFileSync(authShimPath(), 'utf8'), ...readMigrations().map((m) => m.version + m.sql)].join('\n');
	const pgliteVersion = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version;
	const key = createHash('sha256').update(`${pgliteVersion}\n${sql}`).digest('hex').slice(0, 16);
	const path = join('node_modules/.cache/complaint-coach', `pglite-template-${key}.tar`);
	if (existsSync(path)) return openEmbedded({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(path)]) });
	const db = await openEmbedded({ dataDir: 'memory://' });
	const dump = await db.pglite.dumpDataDir('none');
	mkdirSync(dirname(path), { recursive: true });
	const tmp = `${path}.${process.pid}.tmp`;
	writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
	renameSync(tmp, path);
	return db;
}

export async function freshStore(
	scenarios: CompiledScenario[] = [tiny()],
	clockSkewMs?: number,
	quizList: CompiledQuiz[] = [fixtureQuiz('db-quiz'), fixtureQuiz('db-self'), fixtureQuiz('db-bank')]
): Promise<TestStore> {
	const db = await freshDb();
	const library = new Map(scenarios.map((s) => [s.meta.id, s]));
	const store = createStore({ db, getScenario: (id) => library.get(id), getRules: rules, clockSkewMs });
	const quizzes = new Map(quizList.map((q) => [q.id, q]));
	const quiz = createQuizStore({ db, getQuiz: (id) => quizzes.get(id), getRules: rules, clockSkewMs });
	return { db, store, library, quiz, quizzes };
}

export async function trainee(store: Store, name: string): Promise<Claims> {
	return localClaims((await store.createProfile({ displayName: name })).id);
}
export async function trainer(store: Store, name: string): Promise<Claims> {
	return localClaims((await store.createProfile({ displayName: name, role: 'trainer' })).id);
}

let keyCounter = 0;
export const newKey = () => `key-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2, 10)}`;

/** Plays reply ids one by one as the player would, with times a second apart, from `from`. */
export async function play(store: Store, user: Claims, attemptId: string, replies: string[], from = Date.now() - 60_000) {
	const results = [];
	for (const [i, reply] of replies.entries())
		results.push(
			await store.recordEvent(user, attemptId, {
				idempotencyKey: newKey(),
				seq: i + 1,
				reply,
				ms: 800,
				clientTime: new Date(from + (i + 1) * 1000).toISOString()
			})
		);
	return results;
}

/** The replies offered after playing `choices` (empty once the conversation has ended). */
export function offered(scenario: CompiledScenario, choices: string[]): string[] {
	const actor = startActor(scenario);
	try {
		choices.forEach((c, i) => choose1(scenario, actor, c, i));
		const snap = actor.getSnapshot();
		if (snap.status === 'done') return [];
		const n = scenario.nodes[String(snap.value)];
		return n?.type === 'decision' ? n.replies.map((r) => r.id) : [];
	} finally {
		actor.stop();
	}
}

/** Row counts of every app table, read as the connection's own (super)user: what is stored. */
export async function counts(db: EmbeddedDb): Promise<Record<string, number>> {
	const tables = ['profiles', 'cohorts', 'cohort_members', 'scenario_versions', 'analyzer_rules', 'attempts', 'attempt_events', 'scores'];
	const out: Record<string, number> = {};
	for (const t of tables) out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from app.${t}`)).rows[0].n;
	return out;
}

/** Attempts' states and outcomes and their events, as stored: to show that nothing changed. */
export async function stored(db: EmbeddedDb) {
	return {
		counts: await counts(db),
		attempts: (await db.query('select id, state, outcome, finished_at from app.attempts order by id')).rows,
		events: (await db.query('select attempt_id, seq, idempotency_key, kind, reply_id, typed_text, question_id, answer from app.attempt_events order by attempt_id, seq')).rows,
		scores: (await db.query('select attempt_id, overall, report from app.scores order by attempt_id')).rows,
		profiles: (await db.query('select id, role, display_name from app.profiles order by id')).rows,
		members: (await db.query('select cohort_id, profile_id from app.cohort_members order by 1, 2')).rows
	};
}

class Rollback {
	constructor(readonly result: { rows: unknown[]; rowCount: number }) {}
}

export type Probe = { ok: true; rows: Record<string, unknown>[]; rowCount: number } | { ok: false; code: string | undefined; message: string };

/** Runs SQL as a user (null: anon) in a transaction that is always rolled back. */
export async function probe(db: EmbeddedDb, claims: Claims | null, run: (tx: Tx) => Promise<{ rows: unknown[]; rowCount: number }>): Promise<Probe> {
	try {
		await db.transaction(async (tx) => {
			await becomeUser(tx, claims);
			throw new Rollback(await run(tx));
		});
		throw new Error('unreachable');
	} catch (e) {
		if (e instanceof Rollback) return { ok: true, rows: e.result.rows as Record<string, unknown>[], rowCount: e.result.rowCount };
		const err = e as { code?: string; message: string };
		return { ok: false, code: err.code, message: err.message };
	}
}
