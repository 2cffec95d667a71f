-- Feature: attempts, the events that make them up, and the scores the server computes from them.
--
-- Who writes what:
-- * a user starts their own attempts and adds events to them while they are active, through the
--   server, which first replays the events through the scenario engine (nothing here can tell an
--   offered reply from a forged one: that is the server's job, and these tables are not exposed
--   to the Data API; see the first migration);
-- * a user may abandon their own active attempt, and change nothing else about it;
-- * finishing an attempt (state, outcome, finish time) and its score are written only by the
--   server's privileged path (role service_role), in the same transaction as the last event.
-- The check lists are ATTEMPT_KINDS, ATTEMPT_MODES, ATTEMPT_STATES, OUTCOMES and EVENT_KINDS of
-- src/lib/domain.ts, and 500 is MAX_TYPED_CHARS of src/lib/scoring/attempt.ts
-- (tests/db/vocabulary.test.ts compares them with the applied schema).

-- ---------------------------------------------------------------------------------------------
-- Tables

create table app.scenario_versions (
	kind text not null constraint scenario_versions_kind_check check (kind in ('roleplay', 'quiz')),
	scenario_id text not null,
	version text not null,
	compiled jsonb not null,
	stored_at timestamptz not null default now(),
	primary key (kind, scenario_id, version)
);
comment on table app.scenario_versions is
	'The compiled form of every scenario version an attempt was played on, so that an attempt is always replayed on exactly what was played, however the scenario files change later.';

create table app.analyzer_rules (
	version text primary key,
	compiled jsonb not null,
	stored_at timestamptz not null default now()
);
comment on table app.analyzer_rules is
	'The compiled reply-analyzer rules every attempt was played with (version: a hash of them), so typed replies are routed and scored again exactly as they were, however the rules change later.';

create table app.attempts (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references app.profiles (id) on delete cascade,
	kind text not null default 'roleplay' constraint attempts_kind_check check (kind in ('roleplay', 'quiz')),
	scenario_id text not null,
	scenario_version text not null,
	rules_version text references app.analyzer_rules (version),
	mode text not null constraint attempts_mode_check check (mode in ('practice', 'assessment')),
	state text not null default 'active' constraint attempts_state_check check (state in ('active', 'finished', 'abandoned')),
	started_at timestamptz not null default now(),
	finished_at timestamptz,
	outcome text constraint attempts_outcome_check check (outcome in ('resolved', 'escalated', 'lost')),
	foreign key (kind, scenario_id, scenario_version) references app.scenario_versions (kind, scenario_id, version),
	constraint attempts_closed_when_finished check ((state = 'active') = (finished_at is null)),
	constraint attempts_outcome_when_finished check (outcome is null or state = 'finished')
);
create index attempts_user_id_started_at_idx on app.attempts (user_id, started_at);
comment on table app.attempts is
	'One play of one scenario version (or later one quiz) by one user: the unit a trainee resumes, and a trainer and the score look at.';

create table app.attempt_events (
	id bigint generated always as identity primary key,
	attempt_id uuid not null references app.attempts (id) on delete cascade,
	seq integer not null constraint attempt_events_seq_positive check (seq >= 1),
	idempotency_key text not null constraint attempt_events_key_length check (char_length(idempotency_key) between 8 and 100),
	kind text not null constraint attempt_events_kind_check check (kind in ('choice', 'typed')),
	reply_id text constraint attempt_events_reply_id_form check (reply_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
	typed_text text constraint attempt_events_typed_text_length check (char_length(typed_text) between 1 and 500),
	response_ms integer constraint attempt_events_response_ms_range check (response_ms between 0 and 3600000),
	client_time timestamptz not null,
	received_at timestamptz not null default now(),
	constraint attempt_events_seq_unique unique (attempt_id, seq),
	constraint attempt_events_key_unique unique (attempt_id, idempotency_key),
	constraint attempt_events_typed_has_text check ((kind = 'typed') = (typed_text is not null)),
	constraint attempt_events_choice_has_reply check (kind = 'typed' or reply_id is not null)
);
comment on table app.attempt_events is
	'Each reply of an attempt, picked or typed, exactly once however often the player sends it (idempotency key), with the player''s clock and the server''s: the record every score is recomputed from.';

create table app.scores (
	attempt_id uuid primary key references app.attempts (id) on delete cascade,
	overall integer not null constraint scores_overall_range check (overall between 0 and 100),
	best_possible integer not null constraint scores_best_possible_range check (best_possible between 0 and 100),
	report jsonb not null,
	computed_at timestamptz not null default now()
);
comment on table app.scores is
	'The score of a finished attempt, computed by the server by replaying its events (best_possible: the best score that scenario version allows). Never written from a client.';

-- ---------------------------------------------------------------------------------------------
-- Helpers and guards

create function app.owns_active_attempt(attempt uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.attempts a where a.id = attempt and a.user_id = (select auth.uid()) and a.state = 'active')
$$;
comment on function app.owns_active_attempt(uuid) is 'True when this attempt is the current user''s and still active.';

create function app.attempt_owner(attempt uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select a.user_id from app.attempts a where a.id = attempt
$$;
comment on function app.attempt_owner(uuid) is 'Whose attempt this is (for the policies on events and scores).';

revoke execute on function app.owns_active_attempt(uuid), app.attempt_owner(uuid) from public;
grant execute on function app.owns_active_attempt(uuid), app.attempt_owner(uuid) to authenticated, service_role;

-- A closed attempt never changes, for anyone; abandoning stamps the time it was closed.
create function app.guard_attempt_update() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if old.state <> 'active' then
		raise exception 'attempt % is % and can no longer change', old.id, old.state using errcode = '55000';
	end if;
	if new.state = 'abandoned' then
		new.finished_at := now();
	end if;
	return new;
end
$$;
revoke execute on function app.guard_attempt_update() from public;
create trigger guard_attempt_update
	before update on app.attempts
	for each row execute function app.guard_attempt_update();

-- Events only join active attempts and scores only finished ones, whoever writes them.
create function app.guard_event_insert() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if not exists (select 1 from app.attempts a where a.id = new.attempt_id and a.state = 'active') then
		raise exception 'attempt % is not active', new.attempt_id using errcode = '55000';
	end if;
	return new;
end
$$;
revoke execute on function app.guard_event_insert() from public;
create trigger guard_event_insert
	before insert on app.attempt_events
	for each row execute function app.guard_event_insert();

create function app.guard_score_write() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if not exists (select 1 from app.attempts a where a.id = new.attempt_id and a.state = 'finished') then
		raise exception 'attempt % is not finished', new.attempt_id using errcode = '55000';
	end if;
	return new;
end
$$;
revoke execute on function app.guard_score_write() from public;
create trigger guard_score_write
	before insert or update on app.scores
	for each row execute function app.guard_score_write();

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing for anon; for authenticated only what some policy below can allow. The
-- columns a user may insert leave state, outcome and finish time to their defaults; scores get
-- no write privilege at all.

grant select on app.scenario_versions, app.analyzer_rules to authenticated;
grant select, insert (id, user_id, kind, scenario_id, scenario_version, rules_version, mode, started_at), update (state)
	on app.attempts to authenticated;
grant select, insert (attempt_id, seq, idempotency_key, kind, reply_id, typed_text, response_ms, client_time)
	on app.attempt_events to authenticated;
grant select on app.scores to authenticated;
grant all on app.scenario_versions, app.analyzer_rules, app.attempts, app.attempt_events, app.scores to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security

alter table app.scenario_versions enable row level security;
alter table app.analyzer_rules enable row level security;
alter table app.attempts enable row level security;
alter table app.attempt_events enable row level security;
alter table app.scores enable row level security;

create policy "Signed-in users read stored scenario versions" on app.scenario_versions
	for select to authenticated using (true);
create policy "Signed-in users read stored analyzer rules" on app.analyzer_rules
	for select to authenticated using (true);

create policy "Users read their own attempts" on app.attempts
	for select to authenticated using (user_id = (select auth.uid()));
create policy "Trainers read the attempts of their cohorts' members" on app.attempts
	for select to authenticated using (app.is_trainer_of(user_id));
create policy "Users start their own attempts, active and without an outcome" on app.attempts
	for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and state = 'active' and outcome is null and finished_at is null
		and started_at between now() - interval '1 day' and now() + interval '5 minutes'
	);
create policy "Users abandon their own active attempts" on app.attempts
	for update to authenticated
	using (user_id = (select auth.uid()) and state = 'active')
	with check (user_id = (select auth.uid()) and state = 'abandoned');

create policy "Users read the events of their own attempts" on app.attempt_events
	for select to authenticated using (app.attempt_owner(attempt_id) = (select auth.uid()));
create policy "Trainers read the events of their cohorts' members' attempts" on app.attempt_events
	for select to authenticated using (app.is_trainer_of(app.attempt_owner(attempt_id)));
create policy "Users add events to their own active attempts" on app.attempt_events
	for insert to authenticated with check (app.owns_active_attempt(attempt_id));

create policy "Users read the scores of their own attempts" on app.scores
	for select to authenticated using (app.attempt_owner(attempt_id) = (select auth.uid()));
create policy "Trainers read the scores of their cohorts' members' attempts" on app.scores
	for select to authenticated using (app.is_trainer_of(app.attempt_owner(attempt_id)));
