-- Phone pressure on a live call (issue 12): 不要让我等 and 迂回暂缓.
-- A reply given with the call's response timer running records that its response time was silence
-- on the line (the caller's prompts are replayed from it); a reply may follow a hold, recorded with
-- whether the trainee asked first and how long the caller waited. The server replays both: the mood
-- and the score never come from the client.

alter table app.attempt_events
	add column timed boolean not null default false,
	add column hold_asked boolean,
	add column hold_ms integer constraint attempt_events_hold_ms_range check (hold_ms between 0 and 3600000),
	add constraint attempt_events_hold_complete check ((hold_asked is null) = (hold_ms is null)),
	add constraint attempt_events_timed_has_time check (not timed or response_ms is not null),
	add constraint attempt_events_pressure_on_replies check (kind <> 'answer' or (not timed and hold_ms is null));

comment on column app.attempt_events.timed is
	'True when the reply was given on a live call with the response timer running: response_ms was silence on the line, and the caller spoke up once per response time passed.';
comment on column app.attempt_events.hold_asked is
	'Before this reply the trainee put the caller on hold: whether they asked first (null: no hold).';
comment on column app.attempt_events.hold_ms is
	'How long that hold lasted, in milliseconds (null: no hold).';

grant insert (timed, hold_asked, hold_ms) on app.attempt_events to authenticated;
