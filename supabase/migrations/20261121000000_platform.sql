-- Platform plumbing shared by every feature: extension schema, the private schema for helpers
-- that must never be exposed through the Data API, and the single definition of scheduled jobs.

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;

-- Hosted Supabase grants this already; local PostgREST-compatible servers do not, and
-- security-invoker functions that call auth.uid() need it.
grant usage on schema auth to anon, authenticated, service_role;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- A cheap liveness probe for the health edge function and the local stack.
create or replace function public.health()
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object('database', 'ok', 'time', now());
$$;
grant execute on function public.health() to anon, authenticated, service_role;

-- Every scheduled job is defined once, here. pg_cron runs them where the database has it; the
-- local dev process runs the same rows on the same schedules where it does not.
create table private.scheduled_jobs (
  name text primary key check (name ~ '^[a-z][a-z0-9_.-]{2,62}$'),
  schedule text not null check (schedule ~ '^(\S+\s+){4}\S+$'),
  command text not null,
  description text not null
);
comment on table private.scheduled_jobs is
  'The one definition of each scheduled job: five-field cron schedule and the SQL it runs.';

create or replace function private.pg_cron_active()
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron');
$$;

-- Registers (or re-registers) every job with pg_cron. A no-op where pg_cron is not installed,
-- so the same migrations run on any Postgres.
create or replace function private.sync_cron_jobs()
returns integer
language plpgsql
set search_path = ''
as $$
declare
  job record;
  registered integer := 0;
begin
  if not private.pg_cron_active() then
    return 0;
  end if;
  for job in select * from private.scheduled_jobs order by name loop
    execute format('select cron.schedule(%L, %L, %L)', job.name, job.schedule, job.command);
    registered := registered + 1;
  end loop;
  return registered;
end;
$$;

-- pg_cron can only be created where it is preloaded (hosted Supabase, Debian's PostgreSQL with
-- shared_preload_libraries = pg_cron). Anywhere else the dev process schedules the jobs.
do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron')
     and current_setting('shared_preload_libraries', true) like '%pg_cron%' then
    create extension if not exists pg_cron with schema pg_catalog;
  end if;
end;
$$;
