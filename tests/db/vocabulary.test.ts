// The schema as applied, held to the project's rules: SQL check lists are the vocabularies of
// src/lib/domain.ts, every table has row-level security and a comment, policies are sentences,
// and privileged helper functions cannot be redirected through search_path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_KINDS, ATTEMPT_MODES, ATTEMPT_STATES, EVENT_KINDS, OUTCOMES, PROFILE_ROLES } from '../../src/lib/domain';
import { QUIZ_LIMITS, quizId } from '../../src/lib/quiz/schema';
import { SCENARIO_ID } from '../../src/lib/scenario/schema';
import { MAX_DOCUMENT_BYTES } from '../../src/lib/server/db/studio-store';
import { DOCUMENT_STATES, STUDIO_KINDS } from '../../src/lib/studio/types';
import { MAX_TYPED_CHARS } from '../../src/lib/scoring/attempt';
import { answerBytes, MAX_ANSWER_BYTES } from '../../src/lib/server/db/quiz-store';
import { ASSIGNMENT_NOTE_MAX } from '../../src/lib/server/db/assignments';
import type { EmbeddedDb } from '../../src/lib/server/db/embedded';
import { DB_TIMEOUT, freshStore } from './helpers';

let db: EmbeddedDb;
beforeAll(async () => {
	db = (await freshStore()).db;
}, DB_TIMEOUT);
afterAll(() => db?.close());

async function checkList(constraint: string): Promise<string[]> {
	const r = await db.query<{ def: string }>(
		`select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_namespace n on n.oid = c.connamespace
		 where n.nspname = 'app' and c.conname = $1`,
		[constraint]
	);
	expect(r.rows, `constraint ${constraint}`).toHaveLength(1);
	return [...r.rows[0].def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]);
}

describe('vocabularies', () => {
	it.each([
		['profiles_role_check', PROFILE_ROLES],
		['attempts_kind_check', ATTEMPT_KINDS],
		['scenario_versions_kind_check', ATTEMPT_KINDS],
		['attempts_mode_check', ATTEMPT_MODES],
		['attempts_state_check', ATTEMPT_STATES],
		['attempts_outcome_check', OUTCOMES],
		['attempt_events_kind_check', EVENT_KINDS],
		['studio_documents_kind_check', STUDIO_KINDS],
		['studio_documents_state_check', DOCUMENT_STATES],
		['published_content_kind_check', ATTEMPT_KINDS],
		['assignments_kind_check', ATTEMPT_KINDS],
		['assignments_mode_check', ATTEMPT_MODES]
	] as const)('%s lists exactly the domain values', async (name, values) => {
		expect(await checkList(name)).toEqual([...values]);
	});

	/** Evaluates a check constraint of app.attempt_events on one value of its column. */
	async function passes(constraint: string, column: string, type: string, value: unknown): Promise<boolean> {
		const r = await db.query<{ def: string }>("select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1", [constraint]);
		const expr = r.rows[0].def.replace(/^CHECK /, '');
		return (await db.query<{ ok: boolean }>(`select ${expr} as ok from (select $1::${type} as ${column}) x`, [value])).rows[0].ok;
	}

	it('holds answer events to the pattern of quiz question ids', async () => {
		const samples = ['hates', 'eight-d', 'a1-b2-c3', 'x'.repeat(64), 'x'.repeat(65), 'Hates', 'a--b', '-a', 'a-', 'a_b', 'a b', '请', ''];
		for (const x of samples) expect(await passes('attempt_events_question_id_form', 'question_id', 'text', x), x).toBe(quizId.safeParse(x).success);
	});

	it('holds a stored draw to quiz question ids and QUIZ_LIMITS.questions of them', async () => {
		const samples = ['hates', 'eight-d', 'a1-b2-c3', 'x'.repeat(64), 'x'.repeat(65), 'Hates', 'a--b', '-a', 'a-', 'a_b', 'a b', '请', ''];
		for (const x of samples) {
			expect(await passes('quiz_draws_question_ids_form', 'question_ids', 'text[]', [x]), x).toBe(quizId.safeParse(x).success);
			expect(await passes('quiz_draws_question_ids_form', 'question_ids', 'text[]', ['idl-i-facts', x]), `idl-i-facts, ${x}`).toBe(quizId.safeParse(x).success);
		}
		const ids = (n: number) => Array.from({ length: n }, (_, i) => `q${i}`);
		expect(await passes('quiz_draws_question_ids_size', 'question_ids', 'text[]', ids(QUIZ_LIMITS.questions))).toBe(true);
		expect(await passes('quiz_draws_question_ids_size', 'question_ids', 'text[]', ids(QUIZ_LIMITS.questions + 1))).toBe(false);
		expect(await passes('quiz_draws_question_ids_size', 'question_ids', 'text[]', [])).toBe(false);
	});

	it('limits an answer to MAX_ANSWER_BYTES as the store measures it', async () => {
		expect(MAX_ANSWER_BYTES).toBe(16384);
		const samples: unknown[] = [
			0,
			true,
			null,
			[0, 1, 2],
			[null, 3, null],
			Array.from({ length: 20 }, (_, i) => i),
			'4%',
			'a'.repeat(16382),
			'a'.repeat(16383),
			'请'.repeat(5460),
			'请'.repeat(5461),
			'"\\\n\t\u0001'.repeat(1500),
			'"'.repeat(8191),
			'"'.repeat(8192)
		];
		for (const x of samples) {
			const text = JSON.stringify(x);
			expect((await db.query<{ n: number }>('select octet_length($1::jsonb::text) as n', [text])).rows[0].n, text.slice(0, 20)).toBe(answerBytes(x));
			expect(await passes('attempt_events_answer_form', 'answer', 'jsonb', text), text.slice(0, 20)).toBe(answerBytes(x) <= MAX_ANSWER_BYTES);
		}
		expect(await passes('attempt_events_answer_form', 'answer', 'jsonb', '{"correct": true}')).toBe(false);
	});

	it('limits typed text to MAX_TYPED_CHARS', async () => {
		const r = await db.query<{ def: string }>("select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'attempt_events_typed_text_length'");
		expect(r.rows[0].def).toContain(`char_length(typed_text) <= ${MAX_TYPED_CHARS}`);
	});

	it('limits an assignment\'s note to ASSIGNMENT_NOTE_MAX', async () => {
		const r = await db.query<{ def: string }>("select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'assignments_note_length'");
		expect(r.rows[0].def).toContain(`<= ${ASSIGNMENT_NOTE_MAX}`);
	});

	it.each(['studio_documents_body_size', 'studio_versions_body_size'])('%s is the studio\'s document limit', async (name) => {
		const r = await db.query<{ def: string }>('select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1', [name]);
		expect(r.rows[0].def).toContain(`<= ${MAX_DOCUMENT_BYTES}`);
	});

	it.each(['studio_documents_slug_form', 'published_content_slug_form', 'assignments_content_id_form'])('%s holds studio ids to the scenario id pattern', async (name) => {
		const r = await db.query<{ def: string }>('select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1', [name]);
		expect(r.rows[0].def).toContain(`'${SCENARIO_ID.source}'`);
	});
});

describe('schema rules', () => {
	it('has row-level security and a comment on every table', async () => {
		const r = await db.query<{ name: string; rls: boolean; comment: string | null }>(
			`select c.relname as name, c.relrowsecurity as rls, obj_description(c.oid, 'pg_class') as comment
			 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'app' and c.relkind = 'r' order by 1`
		);
		expect(r.rows.map((x) => x.name)).toEqual([
			'analyzer_rules',
			'assignments',
			'attempt_events',
			'attempts',
			'cohort_members',
			'cohorts',
			'local_passphrases',
			'profiles',
			'published_content',
			'quiz_draws',
			'scenario_versions',
			'scores',
			'studio_coauthors',
			'studio_documents',
			'studio_versions'
		]);
		for (const t of r.rows) {
			expect(t.rls, t.name).toBe(true);
			expect(t.comment?.length ?? 0, t.name).toBeGreaterThan(30);
		}
	});

	it('names policies as sentences', async () => {
		const r = await db.query<{ policyname: string }>("select policyname from pg_policies where schemaname = 'app'");
		expect(r.rows.length).toBeGreaterThan(15);
		for (const { policyname } of r.rows) {
			expect(policyname).toMatch(/^[A-Z][A-Za-z' ,-]+[a-z]$/);
			expect(policyname.split(' ').length, policyname).toBeGreaterThanOrEqual(4);
		}
	});

	it('gives anon nothing in schema app', async () => {
		const r = await db.query<{ n: number }>(
			`select count(*)::int as n from information_schema.role_table_grants where table_schema = 'app' and grantee = 'anon'`
		);
		expect(r.rows[0].n).toBe(0);
		expect((await db.query<{ u: boolean }>("select has_schema_privilege('anon', 'app', 'usage') as u")).rows[0].u).toBe(false);
	});

	it('pins search_path on every security definer function', async () => {
		const r = await db.query<{ name: string; config: string[] | null }>(
			`select p.proname as name, p.proconfig as config from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			 where n.nspname = 'app' and p.prosecdef`
		);
		expect(r.rows.length).toBeGreaterThan(4);
		for (const f of r.rows) expect(f.config, f.name).toContain('search_path=""');
	});

	it('lets nobody but authenticated and the server run the helpers', async () => {
		const r = await db.query<{ name: string; anon: boolean; pub: boolean }>(
			`select p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon,
			        exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0) as pub
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'app'`
		);
		for (const f of r.rows) expect({ name: f.name, anon: f.anon, pub: f.pub }).toEqual({ name: f.name, anon: false, pub: false });
	});
});
