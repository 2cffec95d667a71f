-- Feature: the trainer studio (issue 11). A trainer writes scenarios and quizzes in the browser,
-- publishes checked versions, and the members of the trainer's cohorts (the trainer's team) play
-- them beside the shipped ones.
--
-- - app.studio_documents: a trainer's working copy (the YAML text as typed, comments and all),
--   saved with a revision number so that two editors never overwrite each other silently.
-- - app.studio_coauthors: other trainers the owner lets edit a document (writing it together; saves
--   are still by revision, so two trainers never overwrite each other). Only the owner publishes.
-- - app.studio_versions: every published version, immutable, with its text (download, diff, restore).
-- - app.published_content: which scenario/quiz id a document owns and which of its versions the
--   team plays now; ids are reserved for good at the first publish (attempts refer to them).
-- - app.scenario_versions gains owner_id: null for shipped content (everyone may read it), the
--   trainer's id for a team's version (the team, the trainer and whoever played it may read it).
-- The compiled form of a published version goes in app.scenario_versions, where attempts already
-- find the exact version they were played on.
--
-- Kinds: studio_documents uses STUDIO_KINDS of src/lib/studio/types.ts ('scenario', 'quiz');
-- published_content uses ATTEMPT_KINDS of src/lib/domain.ts ('roleplay', 'quiz') like the
-- attempts it serves (tests/db/vocabulary.test.ts compares both with the domain).

create table app.studio_documents (
	id uuid primary key default gen_random_uuid(),
	owner_id uuid not null references app.profiles (id) on delete cascade,
	kind text not null constraint studio_documents_kind_check check (kind in ('scenario', 'quiz')),
	slug text not null constraint studio_documents_slug_form check (slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
	title text not null constraint studio_documents_title_length check (char_length(title) between 1 and 200),
	body text not null constraint studio_documents_body_size check (octet_length(body) <= 2097152),
	revision integer not null default 1 constraint studio_documents_revision_positive check (revision >= 1),
	state text not null default 'draft' constraint studio_documents_state_check check (state in ('draft', 'published', 'unpublished', 'archived')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	updated_by uuid not null references app.profiles (id) on delete cascade
);
create index studio_documents_owner_id_idx on app.studio_documents (owner_id);
comment on table app.studio_documents is
	'A trainer''s working copy of a scenario or quiz, as typed (YAML with comments). Each save bumps revision; a save based on an older revision is refused as a conflict, never applied.';

create table app.studio_coauthors (
	document_id uuid not null references app.studio_documents (id) on delete cascade,
	profile_id uuid not null references app.profiles (id) on delete cascade,
	added_at timestamptz not null default now(),
	primary key (document_id, profile_id)
);
create index studio_coauthors_profile_id_idx on app.studio_coauthors (profile_id);
comment on table app.studio_coauthors is
	'Other trainers a document''s owner lets edit it, to write it together. They save like the owner (by revision: a stale save is a conflict); only the owner publishes, to the owner''s cohorts.';

create table app.studio_versions (
	document_id uuid not null references app.studio_documents (id) on delete cascade,
	number integer not null constraint studio_versions_number_positive check (number >= 1),
	body text not null constraint studio_versions_body_size check (octet_length(body) <= 2097152),
	content_version text not null,
	published_at timestamptz not null default now(),
	published_by uuid not null references app.profiles (id) on delete cascade,
	primary key (document_id, number)
);
comment on table app.studio_versions is
	'Every published version of a studio document, numbered from 1 and never changed: the history a trainer diffs, downloads and restores. content_version is the compiled form''s hash that attempts record.';

create table app.published_content (
	kind text not null constraint published_content_kind_check check (kind in ('roleplay', 'quiz')),
	slug text not null constraint published_content_slug_form check (slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
	document_id uuid not null unique references app.studio_documents (id) on delete cascade,
	owner_id uuid not null references app.profiles (id) on delete cascade,
	live_number integer not null,
	content_version text not null,
	live boolean not null default true,
	updated_at timestamptz not null default now(),
	primary key (kind, slug),
	foreign key (document_id, live_number) references app.studio_versions (document_id, number)
);
create index published_content_owner_id_idx on app.published_content (owner_id);
comment on table app.published_content is
	'The id a published document owns (for good: attempts refer to it) and the version its team plays now; live is false while it is unpublished or archived.';

alter table app.scenario_versions add column owner_id uuid references app.profiles (id);
comment on column app.scenario_versions.owner_id is
	'Null for shipped content; for a version published in the studio, the trainer whose team plays it.';

-- ---------------------------------------------------------------------------------------------
-- Helpers for the policies (security definer: they read tables the caller's policies hide).

create function app.trains_under(trainer uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.cohort_members m join app.cohorts c on c.id = m.cohort_id
		where c.trainer_id = trainer and m.profile_id = (select auth.uid())
	)
$$;
comment on function app.trains_under(uuid) is 'True when the current user is a member of a cohort this trainer leads (the trainer''s team).';

create function app.may_read_version(kind text, scenario_id text, version text, owner uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select owner is null
		or owner = (select auth.uid())
		or (
			app.trains_under(owner)
			and exists (
				select 1 from app.published_content p
				where p.kind = may_read_version.kind and p.slug = may_read_version.scenario_id and p.owner_id = owner and p.live
			)
		)
		or exists (
			select 1 from app.attempts a
			where a.user_id = (select auth.uid()) and a.kind = may_read_version.kind
				and a.scenario_id = may_read_version.scenario_id and a.scenario_version = may_read_version.version
		)
$$;
comment on function app.may_read_version(text, text, text, uuid) is
	'True when the current user may read this stored version: shipped, their own as its trainer, a version of content published live to their team, or one they played.';

create function app.may_play(kind text, scenario_id text, version text) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.scenario_versions v
		where v.kind = may_play.kind and v.scenario_id = may_play.scenario_id and v.version = may_play.version
			and (
				v.owner_id is null
				or v.owner_id = (select auth.uid())
				or exists (
					select 1 from app.published_content p
					where p.kind = v.kind and p.slug = v.scenario_id and p.owner_id = v.owner_id and p.live
						and app.trains_under(p.owner_id)
				)
			)
	)
$$;
comment on function app.may_play(text, text, text) is
	'True when the current user may start an attempt on this version: shipped, their own, or published live to their team.';

-- Security definer: the delete policy of studio_documents cannot read studio_versions through
-- that table's own policy, which reads studio_documents again (infinite recursion).
create function app.was_published(document uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.studio_versions v where v.document_id = document)
$$;
comment on function app.was_published(uuid) is 'True when some version of this studio document was published (attempts may refer to it: it is archived, never deleted).';

create function app.owns_document(document uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.studio_documents d where d.id = document and d.owner_id = (select auth.uid()))
$$;
comment on function app.owns_document(uuid) is 'True when the current user owns this studio document.';

create function app.edits_document(document uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select app.is_trainer() and exists (
		select 1 from app.studio_documents d
		where d.id = document
			and (d.owner_id = (select auth.uid())
				or exists (select 1 from app.studio_coauthors c where c.document_id = d.id and c.profile_id = (select auth.uid())))
	)
$$;
comment on function app.edits_document(uuid) is 'True when the current user is a trainer who owns this studio document or was made its co-author.';

create function app.is_trainer_profile(profile uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.profiles p where p.id = profile and p.role = 'trainer')
$$;
comment on function app.is_trainer_profile(uuid) is 'True when this profile is a trainer''s (only trainers can be co-authors).';

create function app.coeditor_name(profile uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select p.display_name from app.profiles p
	where p.id = profile and (
		profile = (select auth.uid())
		or exists (
			select 1 from app.studio_documents d
			where app.edits_document(d.id)
				and (d.owner_id = profile or exists (select 1 from app.studio_coauthors c where c.document_id = d.id and c.profile_id = profile))
		)
	)
$$;
comment on function app.coeditor_name(uuid) is 'The name of a trainer who owns or co-authors a document the current user edits (who saved, who published), else null.';

revoke execute on function app.trains_under(uuid), app.may_read_version(text, text, text, uuid), app.may_play(text, text, text), app.was_published(uuid),
	app.owns_document(uuid), app.edits_document(uuid), app.is_trainer_profile(uuid), app.coeditor_name(uuid) from public;
grant execute on function app.trains_under(uuid), app.may_read_version(text, text, text, uuid), app.may_play(text, text, text), app.was_published(uuid),
	app.owns_document(uuid), app.edits_document(uuid), app.is_trainer_profile(uuid), app.coeditor_name(uuid)
	to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges: a trainer reads and writes their own documents; versions are only ever inserted;
-- what the team sees is read through published_content.

grant select, insert (id, owner_id, kind, slug, title, body, updated_by), update (slug, title, body, revision, state, updated_at, updated_by), delete
	on app.studio_documents to authenticated;
grant select, insert (document_id, number, body, content_version, published_by) on app.studio_versions to authenticated;
grant select, insert (document_id, profile_id), delete on app.studio_coauthors to authenticated;
grant select, insert (kind, slug, document_id, owner_id, live_number, content_version, live), update (live_number, content_version, live, updated_at)
	on app.published_content to authenticated;
grant all on app.studio_documents, app.studio_coauthors, app.studio_versions, app.published_content to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security

alter table app.studio_documents enable row level security;
alter table app.studio_coauthors enable row level security;
alter table app.studio_versions enable row level security;
alter table app.published_content enable row level security;

create policy "Trainers read the studio documents they own or co-author" on app.studio_documents
	for select to authenticated using (owner_id = (select auth.uid()) or app.edits_document(id));
create policy "Trainers create studio documents of their own" on app.studio_documents
	for insert to authenticated with check (owner_id = (select auth.uid()) and updated_by = (select auth.uid()) and app.is_trainer());
create policy "Trainers change the studio documents they own or co-author" on app.studio_documents
	for update to authenticated
	using (app.edits_document(id))
	with check (updated_by = (select auth.uid()) and app.edits_document(id));
create policy "Trainers delete their own studio documents that were never published" on app.studio_documents
	for delete to authenticated
	using (owner_id = (select auth.uid()) and not app.was_published(id));

create policy "Trainers read the versions of the documents they own or co-author" on app.studio_versions
	for select to authenticated using (app.edits_document(document_id));
create policy "Trainers publish versions of their own documents" on app.studio_versions
	for insert to authenticated
	with check (
		published_by = (select auth.uid()) and app.is_trainer()
		and exists (select 1 from app.studio_documents d where d.id = document_id and d.owner_id = (select auth.uid()))
	);

create policy "Owners and co-authors read who co-authors a document" on app.studio_coauthors
	for select to authenticated using (app.edits_document(document_id));
create policy "Owners add trainers as co-authors of their documents" on app.studio_coauthors
	for insert to authenticated
	with check (app.owns_document(document_id) and app.is_trainer() and app.is_trainer_profile(profile_id) and profile_id <> (select auth.uid()));
create policy "Owners remove co-authors, and co-authors leave" on app.studio_coauthors
	for delete to authenticated using (app.owns_document(document_id) or profile_id = (select auth.uid()));

create policy "Trainers read what they published" on app.published_content
	for select to authenticated using (owner_id = (select auth.uid()));
create policy "Team members read what their trainers publish live" on app.published_content
	for select to authenticated using (live and app.trains_under(owner_id));
create policy "Trainers publish their own documents under an id" on app.published_content
	for insert to authenticated
	with check (
		owner_id = (select auth.uid()) and app.is_trainer()
		and exists (select 1 from app.studio_documents d where d.id = document_id and d.owner_id = (select auth.uid()))
	);
create policy "Trainers change which version of their own content is live" on app.published_content
	for update to authenticated using (owner_id = (select auth.uid()) and app.is_trainer()) with check (owner_id = (select auth.uid()));

-- Stored versions: the shipped ones for everyone signed in, a team's only for that team.
drop policy "Signed-in users read stored scenario versions" on app.scenario_versions;
create policy "Signed-in users read shipped versions, their team's and the ones they played" on app.scenario_versions
	for select to authenticated using (app.may_read_version(kind, scenario_id, version, owner_id));

-- Attempts start only on versions the user may play (a team's content is not for other teams).
drop policy "Users start their own attempts, active and without an outcome" on app.attempts;
create policy "Users start their own attempts on what they may play, active and without an outcome" on app.attempts
	for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and state = 'active' and outcome is null and finished_at is null
		and started_at between now() - interval '1 day' and now() + interval '5 minutes'
		and app.may_play(kind, scenario_id, scenario_version)
	);
