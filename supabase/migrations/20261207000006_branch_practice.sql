-- 「从这里重来」 in practice (issue 14): a trainee goes back to a past decision of a practice role
-- play and explores another branch. The new attempt records what it branched from: the earlier
-- attempt and the turn it went back to. Only a practice role play may branch, only from a practice
-- role play of the same user and scenario; the store refuses anything else first, with a clear
-- message ('bad-branch'), and the policy below holds the same rule for anyone writing directly.

alter table app.attempts
	add column branched_from uuid references app.attempts (id) on delete set null,
	add column branched_at integer constraint attempts_branched_at_range check (branched_at between 1 and 500),
	add constraint attempts_branch_has_turn check (branched_from is null or branched_at is not null),
	add constraint attempts_branch_practice check (branched_at is null or (kind = 'roleplay' and mode = 'practice'));

comment on column app.attempts.branched_from is
	'「从这里重来」: the practice attempt of the same user and scenario this one branched from (null: not a branch, or that attempt was deleted).';
comment on column app.attempts.branched_at is
	'The turn (1-based) the trainee went back to: the turns before it were kept from the earlier attempt, this one onward is the new branch.';

grant insert (branched_from, branched_at) on app.attempts to authenticated;

create function app.may_branch_from(source uuid, kind text, scenario_id text, mode text) returns boolean
language sql stable security definer set search_path = ''
as $$
	select may_branch_from.kind = 'roleplay' and may_branch_from.mode = 'practice' and exists (
		select 1 from app.attempts b
		where b.id = source and b.user_id = (select auth.uid())
			and b.kind = 'roleplay' and b.mode = 'practice' and b.scenario_id = may_branch_from.scenario_id
	)
$$;
comment on function app.may_branch_from(uuid, text, text, text) is
	'True when the current user may start a branch of this kind, scenario and mode from that attempt: a practice role play branching from their own practice role play of the same scenario.';
revoke execute on function app.may_branch_from(uuid, text, text, text) from public;
grant execute on function app.may_branch_from(uuid, text, text, text) to authenticated, service_role;

-- The start policy again, with the branch rule (unchanged otherwise: 20261207000002_studio.sql).
drop policy "Users start their own attempts on what they may play, active and without an outcome" on app.attempts;
create policy "Users start their own attempts on what they may play, active and without an outcome, branching only from their own practice" on app.attempts
	for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and state = 'active' and outcome is null and finished_at is null
		and started_at between now() - interval '1 day' and now() + interval '5 minutes'
		and app.may_play(kind, scenario_id, scenario_version)
		and (branched_from is null or app.may_branch_from(branched_from, kind, scenario_id, mode))
	);
