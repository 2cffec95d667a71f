-- Feature: who people are (trainee or trainer) and which trainer's cohort they train in.
--
-- The tables live in schema `app`, not `public`: Supabase's Data API (PostgREST) serves only the
-- schemas it is told to expose, so a browser holding a user's JWT cannot reach these tables
-- directly. Only the app's server reads and writes them, over SQL, as role `authenticated` with the
-- user's JWT claims set per transaction (src/lib/server/db/session.ts), so the policies below
-- still apply to every query it makes for a user. The check lists are PROFILE_ROLES etc. of
-- src/lib/domain.ts (tests/db/vocabulary.test.ts compares them with the applied schema).

create schema if not exists app;
comment on schema app is 'Complaint Coach progress: profiles, cohorts, attempts, events and scores.';
grant usage on schema app to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Tables

create table app.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	display_name text not null constraint profiles_display_name_length check (char_length(display_name) between 1 and 60),
	role text not null default 'trainee' constraint profiles_role_check check (role in ('trainee', 'trainer')),
	created_at timestamptz not null default now()
);
comment on table app.profiles is
	'One per person: the name shown to their trainer and whether they train others. The role is set by the server only, never from anything people can set about themselves.';

create table app.cohorts (
	id uuid primary key default gen_random_uuid(),
	name text not null constraint cohorts_name_length check (char_length(name) between 1 and 80),
	trainer_id uuid not null references app.profiles (id) on delete cascade,
	created_at timestamptz not null default now()
);
create index cohorts_trainer_id_idx on app.cohorts (trainer_id);
comment on table app.cohorts is
	'A group of trainees led by one trainer: the trainer sees the progress of the group''s members and of nobody else.';

create table app.cohort_members (
	cohort_id uuid not null references app.cohorts (id) on delete cascade,
	profile_id uuid not null references app.profiles (id) on delete cascade,
	added_at timestamptz not null default now(),
	primary key (cohort_id, profile_id)
);
create index cohort_members_profile_id_idx on app.cohort_members (profile_id);
comment on table app.cohort_members is
	'Who trains in which cohort. Only the cohort''s trainer adds or removes members, so nobody can put themselves under a trainer''s eyes, or into a cohort to see others.';

-- ---------------------------------------------------------------------------------------------
-- Helpers for the policies. Security definer so that a policy on one table can look at another
-- without that table's own policies (which would recurse); search_path is empty so that nothing
-- a caller creates can stand in for the tables named here.

create function app.is_trainer() returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.profiles p where p.id = (select auth.uid()) and p.role = 'trainer')
$$;
comment on function app.is_trainer() is 'True when the current user''s profile is a trainer''s.';

create function app.leads_cohort(cohort uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.cohorts c join app.profiles p on p.id = c.trainer_id
		where c.id = cohort and c.trainer_id = (select auth.uid()) and p.role = 'trainer'
	)
$$;
comment on function app.leads_cohort(uuid) is 'True when the current user is a trainer and leads this cohort.';

create function app.is_member_of(cohort uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.cohort_members m where m.cohort_id = cohort and m.profile_id = (select auth.uid()))
$$;
comment on function app.is_member_of(uuid) is 'True when the current user is a member of this cohort.';

create function app.is_trainer_of(profile uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1
		from app.cohort_members m
		join app.cohorts c on c.id = m.cohort_id
		join app.profiles t on t.id = c.trainer_id
		where m.profile_id = profile and c.trainer_id = (select auth.uid()) and t.role = 'trainer'
	)
$$;
comment on function app.is_trainer_of(uuid) is 'True when the current user is a trainer leading a cohort this profile is a member of.';

revoke execute on all functions in schema app from public;
grant execute on function app.is_trainer(), app.leads_cohort(uuid), app.is_member_of(uuid), app.is_trainer_of(uuid)
	to authenticated, service_role;

-- A profile for every new user, always as a trainee: the role is never read from user metadata,
-- which people can set themselves. Supabase Auth inserts into auth.users on sign-up; the embedded
-- mode does the same when a local profile is created.
create function app.create_profile_for_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	insert into app.profiles (id, display_name, role)
	values (
		new.id,
		left(coalesce(
			nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''),
			nullif(split_part(coalesce(new.email, ''), '@', 1), ''),
			'学员'
		), 60),
		'trainee'
	);
	return new;
end
$$;
revoke execute on function app.create_profile_for_new_user() from public;
create trigger create_profile_for_new_user
	after insert on auth.users
	for each row execute function app.create_profile_for_new_user();

-- Belt and braces beside the column grants below: signed-in users cannot change a role, even
-- their own, whatever grants a later migration adds.
create function app.keep_role_server_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.role is distinct from old.role and current_user in ('anon', 'authenticated') then
		raise exception 'a profile''s role is set by the server only' using errcode = '42501';
	end if;
	return new;
end
$$;
revoke execute on function app.keep_role_server_only() from public;
create trigger keep_role_server_only
	before update on app.profiles
	for each row execute function app.keep_role_server_only();

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing for anon; for authenticated only what some policy below can allow.

grant select, update (display_name) on app.profiles to authenticated;
grant select, insert, update (name), delete on app.cohorts to authenticated;
grant select, insert (cohort_id, profile_id), delete on app.cohort_members to authenticated;
grant all on app.profiles, app.cohorts, app.cohort_members to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security

alter table app.profiles enable row level security;
alter table app.cohorts enable row level security;
alter table app.cohort_members enable row level security;

create policy "People read their own profile" on app.profiles
	for select to authenticated using (id = (select auth.uid()));
create policy "Trainers read the profiles of their cohorts' members" on app.profiles
	for select to authenticated using (app.is_trainer_of(id));
create policy "People change their own display name" on app.profiles
	for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "Trainers create cohorts they lead" on app.cohorts
	for insert to authenticated with check (trainer_id = (select auth.uid()) and app.is_trainer());
create policy "Trainers read the cohorts they lead" on app.cohorts
	for select to authenticated using (trainer_id = (select auth.uid()));
create policy "Members read the cohorts they belong to" on app.cohorts
	for select to authenticated using (app.is_member_of(id));
create policy "Trainers rename the cohorts they lead" on app.cohorts
	for update to authenticated using (app.leads_cohort(id)) with check (trainer_id = (select auth.uid()));
create policy "Trainers delete the cohorts they lead" on app.cohorts
	for delete to authenticated using (app.leads_cohort(id));

create policy "Trainers add members to the cohorts they lead" on app.cohort_members
	for insert to authenticated with check (app.leads_cohort(cohort_id));
create policy "Trainers read the members of the cohorts they lead" on app.cohort_members
	for select to authenticated using (app.leads_cohort(cohort_id));
create policy "Members read their own memberships" on app.cohort_members
	for select to authenticated using (profile_id = (select auth.uid()));
create policy "Trainers remove members from the cohorts they lead" on app.cohort_members
	for delete to authenticated using (app.leads_cohort(cohort_id));
