-- Feature: a passphrase for trainer profiles in local mode (docs/security.md).
--
-- Local mode has no sign-in: anyone at the machine picks a profile on /profile. A trainer's profile
-- sees the progress of a whole cohort, so choosing it asks for a passphrase that the operator sets
-- with `npm run --silent role -- <profile> trainer --passphrase`. Only a slow salted hash is stored
-- (node:crypto scrypt; src/lib/server/auth/passphrase.ts), never the passphrase.
--
-- A table of its own rather than a column of app.profiles: people read their own profile row, and
-- trainers their members' rows, and a hash has no place in either. Only the server (service_role)
-- reaches it: row-level security on with no policy at all, and no privilege for anon or
-- authenticated. The policies of every other table are unchanged. Unused in Supabase mode, where
-- Supabase Auth signs people in.

create table app.local_passphrases (
	profile_id uuid primary key references app.profiles (id) on delete cascade,
	hash text not null constraint local_passphrases_hash_format check (hash ~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$'),
	set_at timestamptz not null default now()
);
comment on table app.local_passphrases is
	'Local mode only: the scrypt hash of the passphrase that protects a trainer profile, set by the operator with npm run role. Read and written by the server only.';

alter table app.local_passphrases enable row level security;
revoke all on app.local_passphrases from public, anon, authenticated;
grant select, insert, update, delete on app.local_passphrases to service_role;
