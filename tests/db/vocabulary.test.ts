// The schema as applied, held to the project's rules: SQL check lists are the vocabularies of
// src/lib/domain.ts, every table has row-level security and a comment, policies are sentences,
// and privileged helper functions cannot be redirected through search_path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_KINDS, ATTEMPT_MODES, ATTEMPT_STATES, EVENT_KINDS, OUTCOMES, PROFILE_ROLES } from '../../src/lib/domain';
import { MAX_TYPED_CHARS } from '../../src/lib/scoring/attempt';
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
		['attempt_events_kind_check', EVENT_KINDS]
	] as const)('%s lists exactly the domain values', async (name, values) => {
		expect(await checkList(name)).toEqual([...values]);
	});

	it('limits typed text to MAX_TYPED_CHARS', async () => {
		const r = await db.query<{ def: string }>("select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'attempt_events_typed_text_length'");
		expect(r.rows[0].def).toContain(`char_length(typed_text) <= ${MAX_TYPED_CHARS}`);
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
			'attempt_events',
			'attempts',
			'cohort_members',
			'cohorts',
			'profiles',
			'scenario_versions',
			'scores'
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
