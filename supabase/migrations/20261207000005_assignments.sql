-- Feature: assignments (issue 14). A cohort's trainer assigns a scenario or a quiz to the whole
-- cohort, in practice or assessment mode, with a due time; the members see it on their home page
-- and the trainer sees who finished it, who is late and who has not started.
--
-- Nothing about a member's progress is stored here: whether a member finished an assignment is read
-- from app.attempts (an attempt of that content, in that mode, finished after the assignment was
-- made), so it can never disagree with the attempts themselves (src/lib/server/db/assignments.ts).
--
-- Who may do what: the cohort's trainer creates, reads, changes and deletes the assignments of the
-- cohorts they lead; the cohort's members read them; nobody else sees them. Whether the content
-- exists and is the trainer's to assign (shipped, or published live by that trainer) the server
-- checks before inserting: shipped content lives in files, not in the database.
--
-- The check lists are ATTEMPT_KINDS and ATTEMPT_MODES of src/lib/domain.ts, the content id pattern
-- is SCENARIO_ID of src/lib/scenario/ids.ts, and 200 is ASSIGNMENT_NOTE_MAX of assignments.ts
-- (tests/db/vocabulary.test.ts compares them with the applied schema).

create table app.assignments (
	id uuid primary key default gen_random_uuid(),
	cohort_id uuid not null references app.cohorts (id) on delete cascade,
	kind text not null constraint assignments_kind_check check (kind in ('roleplay', 'quiz')),
	content_id text not null constraint assignments_content_id_form check (content_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
	mode text not null constraint assignments_mode_check check (mode in ('practice', 'assessment')),
	due_at timestamptz not null,
	note text constraint assignments_note_length check (char_length(note) between 1 and 200),
	created_by uuid not null references app.profiles (id) on delete cascade,
	created_at timestamptz not null default now(),
	constraint assignments_due_after_created check (due_at > created_at)
);
create index assignments_cohort_id_due_at_idx on app.assignments (cohort_id, due_at);
comment on table app.assignments is
	'Work a trainer set for one of their cohorts: a scenario or a quiz to finish in a given mode by a due time. Whether each member finished it is read from their attempts, never stored here.';
comment on column app.assignments.kind is 'What is assigned: a role play (scenario) or a quiz, as attempts name it.';
comment on column app.assignments.content_id is 'The scenario or quiz id (shipped, or published by the trainer in the studio).';
comment on column app.assignments.mode is 'The mode a member must finish it in: only attempts in this mode count.';
comment on column app.assignments.due_at is 'When it is due: finishing later, or not at all by then, is late.';
comment on column app.assignments.note is 'An optional line from the trainer to the members (plain text).';
comment on column app.assignments.created_by is 'The trainer who set it (the cohort''s trainer at the time).';
comment on column app.assignments.created_at is 'When it was set: only attempts finished after this count towards it.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing for anon; for authenticated only what some policy below can allow. The
-- content and the cohort of an assignment never change (a different one is a new assignment).

grant select, insert (cohort_id, kind, content_id, mode, due_at, note, created_by), update (mode, due_at, note), delete
	on app.assignments to authenticated;
grant all on app.assignments to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security

alter table app.assignments enable row level security;

create policy "Trainers assign work to the cohorts they lead" on app.assignments
	for insert to authenticated with check (app.leads_cohort(cohort_id) and created_by = (select auth.uid()));
create policy "Trainers read the assignments of the cohorts they lead" on app.assignments
	for select to authenticated using (app.leads_cohort(cohort_id));
create policy "Members read the assignments of their cohorts" on app.assignments
	for select to authenticated using (app.is_member_of(cohort_id));
create policy "Trainers change the assignments of the cohorts they lead" on app.assignments
	for update to authenticated using (app.leads_cohort(cohort_id)) with check (app.leads_cohort(cohort_id));
create policy "Trainers delete the assignments of the cohorts they lead" on app.assignments
	for delete to authenticated using (app.leads_cohort(cohort_id));
