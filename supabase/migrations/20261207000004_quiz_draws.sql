-- Question banks (issue 13, "fair quizzes"): a quiz with draw: gives each attempt some questions of
-- each topic's pool (docs/quiz-format.md, "Question banks"). The server draws them when the attempt
-- starts, with a random generator of its own, and stores the drawn question ids here; it shows,
-- resumes and grades that attempt on exactly these questions of the attempt's stored quiz version.
-- Nothing of the draw comes from the client.
--
-- What the database enforces, whoever writes: one draw per attempt, only for a quiz attempt that is
-- still active when it is drawn, of 1–500 question ids in the quiz question id form, and a draw never
-- changes or goes away while its attempt exists (deleting the attempt takes it along). Whether the
-- ids are questions of that version and fit its draw the server checks (src/lib/quiz/draw.ts) before
-- inserting and again whenever it reads the draw.
--
-- Users and trainers read draws as they read attempts (their own; their cohorts' members'); only the
-- server (service_role) writes them. 500 is QUIZ_LIMITS.questions of src/lib/quiz/schema.ts; the id
-- pattern is the quiz question id of the same file (tests/db/vocabulary.test.ts compares them).

-- Each element a quiz question id (the pattern and length of attempt_events.question_id).
create function app.are_quiz_question_ids(ids text[]) returns boolean
language sql immutable set search_path = ''
as $$
	select coalesce(bool_and(x ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(x) <= 64), true) from unnest(ids) as x
$$;
revoke execute on function app.are_quiz_question_ids(text[]) from public;
grant execute on function app.are_quiz_question_ids(text[]) to authenticated, service_role;
comment on function app.are_quiz_question_ids(text[]) is 'True when every element is a quiz question id (lowercase letters and digits joined by "-", at most 64 characters).';

create table app.quiz_draws (
	attempt_id uuid primary key references app.attempts (id) on delete cascade,
	question_ids text[] not null
		constraint quiz_draws_question_ids_size check (cardinality(question_ids) between 1 and 500)
		constraint quiz_draws_question_ids_form check (app.are_quiz_question_ids(question_ids)),
	drawn_at timestamptz not null default now()
);
comment on table app.quiz_draws is
	'The questions a quiz attempt of a question bank drew (one row per attempt, made by the server when the attempt starts): the only questions that attempt shows, resumes and is graded on.';
comment on column app.quiz_draws.question_ids is
	'The drawn question ids, in the quiz version''s written order (the attempt''s shown order comes from its seed).';
comment on column app.quiz_draws.drawn_at is 'When the server drew them.';

-- A draw joins a quiz attempt while it is active, and never changes afterwards.
create function app.guard_quiz_draw() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		if not exists (select 1 from app.attempts a where a.id = new.attempt_id and a.kind = 'quiz' and a.state = 'active') then
			raise exception 'attempt % is not an active quiz attempt', new.attempt_id using errcode = '55000';
		end if;
		return new;
	end if;
	-- An attempt being deleted takes its draw along (the cascade); nothing else changes a draw.
	if tg_op = 'DELETE' and not exists (select 1 from app.attempts a where a.id = old.attempt_id) then
		return old;
	end if;
	raise exception 'the draw of attempt % never changes', old.attempt_id using errcode = '55000';
end
$$;
revoke execute on function app.guard_quiz_draw() from public;
create trigger guard_quiz_draw
	before insert or update or delete on app.quiz_draws
	for each row execute function app.guard_quiz_draw();

grant select on app.quiz_draws to authenticated;
grant all on app.quiz_draws to service_role;

alter table app.quiz_draws enable row level security;

create policy "Users read the draws of their own quiz attempts" on app.quiz_draws
	for select to authenticated using (app.attempt_owner(attempt_id) = (select auth.uid()));
create policy "Trainers read the draws of their cohorts' members' quiz attempts" on app.quiz_draws
	for select to authenticated using (app.is_trainer_of(app.attempt_owner(attempt_id)));
-- No insert, update or delete for authenticated: only the server (service_role) draws.
