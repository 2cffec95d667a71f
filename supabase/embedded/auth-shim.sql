-- The part of Supabase that the migrations rely on, for the embedded database (PGlite) only.
-- Never pushed to a Supabase project, which has all of this already. Safe to run on every start.
--
-- What it copies from Supabase:
-- * roles anon, authenticated (NOLOGIN NOINHERIT) and service_role (NOLOGIN NOINHERIT BYPASSRLS);
-- * schema auth with a minimal auth.users (id, email, raw_user_meta_data, created_at);
-- * auth.uid(), auth.role(), auth.jwt() and auth.email(), which read the request's JWT claims from
--   the setting request.jwt.claims (set per transaction, as PostgREST does; see
--   src/lib/server/db/session.ts);
-- * Supabase's default grants on schema public.

do $$
begin
	if not exists (select 1 from pg_roles where rolname = 'anon') then
		create role anon nologin noinherit;
	end if;
	if not exists (select 1 from pg_roles where rolname = 'authenticated') then
		create role authenticated nologin noinherit;
	end if;
	if not exists (select 1 from pg_roles where rolname = 'service_role') then
		create role service_role nologin noinherit bypassrls;
	end if;
end
$$;

create schema if not exists auth;

create table if not exists auth.users (
	id uuid primary key default gen_random_uuid(),
	email text unique,
	raw_user_meta_data jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now()
);
comment on table auth.users is
	'Stand-in for Supabase Auth''s users table in the embedded database: one row per person who has a profile.';

create or replace function auth.uid() returns uuid
language sql stable
as $$
	select nullif(
		coalesce(
			current_setting('request.jwt.claim.sub', true),
			(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
		),
		''
	)::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select nullif(
		coalesce(
			current_setting('request.jwt.claim.role', true),
			(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
		),
		''
	)::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
	select nullif(
		coalesce(
			current_setting('request.jwt.claim.email', true),
			(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
		),
		''
	)::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role;
grant all on auth.users to service_role;

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
