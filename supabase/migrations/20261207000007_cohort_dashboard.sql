-- The trainer's cohort dashboard (issue 14): the figures it aggregates over a cohort's finished role
-- plays, kept beside each stored score report so the dashboard never reads the whole reports.
--
-- A score report (src/lib/scoring/score.ts, ScoreReport) holds every turn with what was said, the
-- feedback and the analyzer's evidence: several kilobytes, stored compressed out of line. Reading a
-- field of it unpacks all of it, once per field and row; over 200 members' 20 attempts that alone
-- took seconds. `figures` is computed by the database from the report when the score is written
-- (a stored generated column: nothing in the app writes it, and it cannot disagree with the report):
-- the seven dimension figures and, per turn, the decision, the reply id, typed or not, and the mood
-- before and after. Nothing new is readable: it is a column of app.scores, under that table's
-- policies (a user's own scores; a trainer's cohorts' members'). No casts: whatever a report holds,
-- computing this never fails, so it can never stop a score from being written.

create function app.score_figures(report jsonb) returns jsonb
language sql immutable set search_path = ''
as $$
	select jsonb_build_object(
		'info', report -> 'dimensions' -> 'info' -> 'score',
		'demand', report -> 'dimensions' -> 'demand' -> 'score',
		'listen', report -> 'dimensions' -> 'listen' -> 'score',
		'propose', report -> 'dimensions' -> 'propose' -> 'score',
		'promise', report -> 'dimensions' -> 'promise' -> 'score',
		'confirm', report -> 'dimensions' -> 'confirm' -> 'score',
		'emotion', report -> 'emotion' -> 'score',
		'turns', coalesce((
			select jsonb_agg(jsonb_build_array(t -> 'decision', t -> 'reply' -> 'id', t -> 'typed', t -> 'moodBefore', t -> 'moodAfter') order by ord)
			from jsonb_array_elements(case when jsonb_typeof(report -> 'turns') = 'array' then report -> 'turns' else '[]'::jsonb end) with ordinality as x(t, ord)
		), '[]'::jsonb)
	)
$$;
revoke execute on function app.score_figures(jsonb) from public;
grant execute on function app.score_figures(jsonb) to authenticated, service_role;
comment on function app.score_figures(jsonb) is
	'What the cohort dashboard reads of a role play''s score report: the six IDL+PPC figures and emotion handling (0–100 or null), and per turn [decision, reply id, typed, mood before, mood after].';

alter table app.scores add column figures jsonb generated always as (app.score_figures(report)) stored;
comment on column app.scores.figures is
	'Computed from report when the score is written (app.score_figures): the dashboard''s figures, small enough to read for thousands of attempts at once.';
