// What a signed-in user may play: the shipped scenarios and quizzes (files, everyone's) and the
// content their trainers published in the studio (issue 11: app.published_content names the live
// version, app.scenario_versions holds its compiled form with owner_id = the trainer).
//
// Every question about team content runs as the user (asUser), so row-level security decides who
// sees what: a team's live content reaches the members of the cohorts its trainer leads and the
// trainer; a version someone played stays readable to them after it is taken down (their
// debrief). Compiled versions are immutable, so they are kept in memory by (kind, id, version)
// once read; who may see them never is: each call asks the database again.
//
// Shipped content wins: an id that is shipped is never answered with team content (the studio's
// publish refuses such ids anyway). Nobody signed in sees shipped content only, so anonymous
// pages stay the same for everyone (scripts/server/page-cache.js).
import type { AttemptKind } from '../domain';
import type { CompiledQuiz } from '../quiz';
import { SCENARIO_ID } from '../scenario/schema';
import type { CompiledScenario, ScenarioMeta } from '../scenario/types';
import { getDb } from './db';
import { contentVersion } from './db/attempt-base';
import { asUser, type Claims } from './db/session';
import type { Db, Tx } from './db/types';
import { quizById } from './quizzes';
import { allScenarios, scenarioById } from './scenarios';

/** The attempt kind a published studio document is played as ('scenario' → 'roleplay'). */
type Kind = AttemptKind;
type Compiled<K extends Kind> = K extends 'roleplay' ? CompiledScenario : CompiledQuiz;

export interface LibraryOptions {
	/** The database (the app's store's), opened when first needed. */
	db: () => Promise<Db>;
	/** The shipped scenarios and quizzes (files compiled once per process). */
	shippedScenario: (id: string) => CompiledScenario | undefined;
	shippedQuiz: (id: string) => CompiledQuiz | undefined;
}

/** Titles of team content a user may read, by id: for the progress and trainer pages. */
export interface TeamTitles {
	scenarios: Record<string, string>;
	quizzes: Record<string, string>;
}

const validId = (id: unknown): id is string => typeof id === 'string' && SCENARIO_ID.test(id);
const validVersion = (v: unknown): v is string => typeof v === 'string' && contentVersion.safeParse(v).success;

export type Library = ReturnType<typeof createLibrary>;

export function createLibrary(options: LibraryOptions) {
	/** Compiled versions by `kind:id@version`: immutable, so kept once read (never who may read them). */
	const compiled = new Map<string, CompiledScenario | CompiledQuiz>();
	const key = (kind: Kind, id: string, version: string) => `${kind}:${id}@${version}`;
	const shipped = (kind: Kind, id: string) => (kind === 'roleplay' ? options.shippedScenario(id) : options.shippedQuiz(id));

	/**
	 * The compiled forms of these (id, version) pairs that the user may read, in the order asked.
	 * Versions already in memory are only checked for access (no compiled text is read again).
	 */
	async function readable<K extends Kind>(tx: Tx, kind: K, wanted: { id: string; version: string }[]): Promise<Compiled<K>[]> {
		if (wanted.length === 0) return [];
		const ids = wanted.map((w) => w.id);
		const versions = wanted.map((w) => w.version);
		const missing = wanted.filter((w) => !compiled.has(key(kind, w.id, w.version)));
		const r = await tx.query<{ scenario_id: string; version: string; compiled: Compiled<K> | null }>(
			`select v.scenario_id, v.version, case when w.want then v.compiled end as compiled
			 from unnest($2::text[], $3::text[], $4::bool[]) as w (id, version, want)
			 join app.scenario_versions v on v.kind = $1 and v.scenario_id = w.id and v.version = w.version`,
			[kind, ids, versions, wanted.map((w) => missing.includes(w))]
		);
		const seen = new Set<string>();
		for (const row of r.rows) {
			const k = key(kind, row.scenario_id, row.version);
			if (row.compiled && !compiled.has(k)) compiled.set(k, row.compiled);
			seen.add(k);
		}
		return wanted.filter((w) => seen.has(key(kind, w.id, w.version))).map((w) => compiled.get(key(kind, w.id, w.version)) as Compiled<K>);
	}

	/** The live team versions of this kind the user may play (optionally only one id), never a shipped id. */
	async function live<K extends Kind>(claims: Claims, kind: K, only?: string): Promise<Compiled<K>[]> {
		const db = await options.db();
		const found = await asUser(db, claims, async (tx) => {
			// Row-level security shows a member the live content of their trainers and a trainer their own.
			const r = await tx.query<{ slug: string; content_version: string }>(
				`select slug, content_version from app.published_content
				 where kind = $1 and live and ($2::text is null or slug = $2) and (owner_id = auth.uid() or app.trains_under(owner_id))
				 order by slug`,
				[kind, only ?? null]
			);
			const wanted = r.rows.filter((x) => !shipped(kind, x.slug)).map((x) => ({ id: x.slug, version: x.content_version }));
			return readable(tx, kind, wanted);
		});
		return found;
	}

	/** The team's published scenarios the user may play now (their trainers' live ones, or a trainer's own). */
	async function teamScenarios(claims: Claims | null): Promise<CompiledScenario[]> {
		return claims ? live(claims, 'roleplay') : [];
	}

	/** The team's published quizzes the user may take now. */
	async function teamQuizzes(claims: Claims | null): Promise<CompiledQuiz[]> {
		return claims ? live(claims, 'quiz') : [];
	}

	/** A scenario to play: the shipped one, else the live team version the user may play, else undefined. */
	async function scenarioFor(claims: Claims | null, id: string): Promise<CompiledScenario | undefined> {
		if (!validId(id)) return undefined;
		const s = options.shippedScenario(id);
		if (s || !claims) return s;
		return (await live(claims, 'roleplay', id))[0];
	}

	/** A quiz to take: the shipped one, else the live team version the user may take, else undefined. */
	async function quizFor(claims: Claims | null, id: string): Promise<CompiledQuiz | undefined> {
		if (!validId(id)) return undefined;
		const q = options.shippedQuiz(id);
		if (q || !claims) return q;
		return (await live(claims, 'quiz', id))[0];
	}

	/** Whether this id is shipped content (shipped data files, public pages) rather than a team's. */
	const isShipped = (kind: Kind, id: string) => validId(id) && !!shipped(kind, id);

	/**
	 * One stored version the user may read (shipped; their team's or their own; or one they played,
	 * even after it was taken down): for pages that show a past attempt. The shipped file's current
	 * version needs no database.
	 */
	async function storedVersion<K extends Kind>(claims: Claims | null, kind: K, id: string, version: string): Promise<Compiled<K> | undefined> {
		if (!validId(id) || !validVersion(version)) return undefined;
		const current = shipped(kind, id);
		if (current?.version === version) return current as Compiled<K>;
		if (!claims) return undefined;
		const db = await options.db();
		return (await asUser(db, claims, (tx) => readable(tx, kind, [{ id, version }])))[0];
	}

	const storedScenarioVersion = (claims: Claims | null, id: string, version: string) => storedVersion(claims, 'roleplay', id, version);
	const storedQuizVersion = (claims: Claims | null, id: string, version: string) => storedVersion(claims, 'quiz', id, version);

	/**
	 * Titles of the team content the user may read (their team's, their own, and what they played),
	 * newest stored version first: the progress and trainer pages name attempts with them.
	 */
	async function teamTitles(claims: Claims | null): Promise<TeamTitles> {
		const out: TeamTitles = { scenarios: {}, quizzes: {} };
		if (!claims) return out;
		const db = await options.db();
		const rows = await asUser(db, claims, async (tx) =>
			(
				await tx.query<{ kind: Kind; scenario_id: string; title: string | null }>(
					`select distinct on (kind, scenario_id) kind, scenario_id,
					        case when kind = 'roleplay' then compiled -> 'meta' ->> 'title' else compiled ->> 'title' end as title
					 from app.scenario_versions where owner_id is not null
					 order by kind, scenario_id, stored_at desc`
				)
			).rows
		);
		for (const r of rows) {
			if (!r.title || shipped(r.kind, r.scenario_id)) continue;
			(r.kind === 'roleplay' ? out.scenarios : out.quizzes)[r.scenario_id] = r.title;
		}
		return out;
	}

	return { teamScenarios, teamQuizzes, scenarioFor, quizFor, isShipped, storedScenarioVersion, storedQuizVersion, teamTitles };
}

// ---------------------------------------------------------------------------------------------
// The app's library: the shipped files and the app's database.

let app: Library | null = null;
const library = () =>
	(app ??= createLibrary({
		db: getDb,
		shippedScenario: scenarioById,
		shippedQuiz: quizById
	}));

/** The team's published scenarios the user may play now (none for nobody signed in). */
export const teamScenarios = (claims: Claims | null) => library().teamScenarios(claims);
/** The team's published quizzes the user may take now. */
export const teamQuizzes = (claims: Claims | null) => library().teamQuizzes(claims);
/** Shipped first, else the live team version the user may play, else undefined. */
export const scenarioFor = (claims: Claims | null, id: string) => library().scenarioFor(claims, id);
/** Shipped first, else the live team version the user may take, else undefined. */
export const quizFor = (claims: Claims | null, id: string) => library().quizFor(claims, id);
/** A stored scenario version the user may read (a past attempt's), or undefined. */
export const storedScenarioVersion = (claims: Claims | null, id: string, version: string) => library().storedScenarioVersion(claims, id, version);
/** A stored quiz version the user may read, or undefined. */
export const storedQuizVersion = (claims: Claims | null, id: string, version: string) => library().storedQuizVersion(claims, id, version);
/** Titles of the team content the user may read, by id. */
export const teamTitles = (claims: Claims | null) => library().teamTitles(claims);
/** Whether a scenario id is shipped (its page and data files are the same for everyone). */
export const isShippedScenario = (id: string) => library().isShipped('roleplay', id);

/** The scenario metas of the library page: shipped ones, and the team's marked as such. */
export async function libraryScenarios(claims: Claims | null): Promise<{ shipped: ScenarioMeta[]; team: ScenarioMeta[] }> {
	return { shipped: allScenarios().map((s) => s.meta), team: (await teamScenarios(claims)).map((s) => s.meta) };
}
