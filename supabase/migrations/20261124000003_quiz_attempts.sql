-- Feature: quiz attempts (docs/quiz-format.md). A quiz attempt is an app.attempts row of kind
-- 'quiz' on a stored quiz version (app.scenario_versions, kind 'quiz'), exactly like a role play;
-- what is new are its events: each answer to a question, stored exactly once per idempotency key
-- like a reply, with the player's clock and the server's. A later answer to the same question
-- replaces the earlier one when the server grades the attempt (the participant may go back and
-- forth); the score is written by the server (service_role) when the attempt is submitted.
--
-- What the database enforces here, whoever writes: an answer event names a question (a quiz
-- question id) and holds an answer of bounded size, and nothing of a reply; a reply event holds no
-- answer; answers only join quiz attempts, replies only role plays. What it cannot know (whether
-- the question is in that quiz version, whether the indexes are in range, the time limit) the
-- server checks against the attempt's stored quiz version before inserting, as it replays replies.
--
-- No column for the deadline: it is the attempt's start plus the stored quiz version's time limit
-- (plus a stated grace, src/lib/server/db/quiz-store.ts), two facts that never change once the
-- attempt exists (started_at is not in the column grant of authenticated; a stored version is
-- never rewritten), so a column would only repeat them.
--
-- The kind list is EVENT_KINDS of src/lib/domain.ts; the id pattern is the quiz question id of
-- src/lib/quiz/schema.ts; 16384 is MAX_ANSWER_BYTES of src/lib/server/db/quiz-store.ts
-- (tests/db/vocabulary.test.ts compares them with the applied schema).

alter table app.attempt_events
	drop constraint attempt_events_kind_check,
	add constraint attempt_events_kind_check check (kind in ('choice', 'typed', 'answer')),
	add column question_id text
		constraint attempt_events_question_id_form check (question_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(question_id) <= 64),
	add column answer jsonb
		constraint attempt_events_answer_form check (
			jsonb_typeof(answer) in ('number', 'boolean', 'string', 'array', 'null') and octet_length(answer::text) <= 16384
		),
	-- A choice always names its reply (typed words may too: the reply the server routed them to);
	-- the same meaning as before for choices and typed replies, now leaving answers out.
	drop constraint attempt_events_choice_has_reply,
	add constraint attempt_events_choice_has_reply check (kind <> 'choice' or reply_id is not null),
	add constraint attempt_events_answer_has_question check ((kind = 'answer') = (question_id is not null)),
	add constraint attempt_events_answer_has_answer check ((kind = 'answer') = (answer is not null)),
	add constraint attempt_events_answer_has_no_reply check (kind <> 'answer' or (reply_id is null and typed_text is null));

comment on table app.attempt_events is
	'Each reply of a role play, picked or typed, and each answer of a quiz, exactly once however often the player sends it (idempotency key), with the player''s clock and the server''s: the record every score is recomputed from.';
comment on table app.attempts is
	'One play of one scenario version, or one take of one quiz version, by one user: the unit a trainee resumes, and a trainer and the score look at.';
comment on column app.attempt_events.kind is
	'What the event is: a reply picked (choice) or typed (typed) in a role play, or an answer to one question of a quiz (answer).';
comment on column app.attempt_events.question_id is
	'Answer events: the id of the question answered (stable in the quiz file); null for replies.';
comment on column app.attempt_events.answer is
	'Answer events: what was answered, as the player sent it (indexes into the attempt''s shuffled view, true/false, a text, or JSON null for an answer taken back); checked by the server against the attempt''s quiz version; null for replies.';

grant insert (question_id, answer) on app.attempt_events to authenticated;

-- Events only join active attempts (as before), and now only of their own kind: answers join
-- quiz attempts, replies join role plays.
create or replace function app.guard_event_insert() returns trigger
language plpgsql set search_path = ''
as $$
declare
	attempt_kind text;
begin
	select a.kind into attempt_kind from app.attempts a where a.id = new.attempt_id and a.state = 'active';
	if attempt_kind is null then
		raise exception 'attempt % is not active', new.attempt_id using errcode = '55000';
	end if;
	if (attempt_kind = 'quiz') <> (new.kind = 'answer') then
		raise exception 'a % event cannot join a % attempt', new.kind, attempt_kind using errcode = '23514';
	end if;
	return new;
end
$$;
revoke execute on function app.guard_event_insert() from public;
