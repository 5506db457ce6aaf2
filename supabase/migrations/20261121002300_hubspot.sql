-- HubSpot sync: an organization connects its HubSpot portal with a private-app token, maps deal
-- stages and deal/contact properties to its outcome metrics, and the `hubspot-sync` edge function
-- turns matching CRM records into outcomes (source 'hubspot'), incrementally by last-modified
-- time. Setup and behaviour: docs/hubspot.md.
--
-- Engineers and admins connect, map, sync and disconnect; every member reads the connection's
-- status, the mappings and the sync history. The token is stored AES-GCM encrypted by the edge
-- function (PROVIDER_KEYS_SECRET) and its ciphertext is not granted to any browser role.
--
-- Also here, because the sync is the first job that must call an edge function: a generic way
-- for a scheduled job to invoke one (private.invoke_edge_function).

-- ---------------------------------------------------------------------------------------------
-- Tables

create table public.hubspot_connections (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  -- `<key id>:<iv>:<ciphertext>` from _shared/crypto.ts, bound to the organization (AAD).
  ciphertext text not null,
  token_last_four text not null check (char_length(token_last_four) <= 4),
  portal_id text not null check (portal_id ~ '^[0-9]{1,20}$'),
  status text not null default 'connected'
    check (status in ('connected', 'error', 'invalid_token')),
  last_error text check (char_length(last_error) <= 2000),
  last_synced_at timestamptz,
  -- Per object, the last record seen: {"deals": {"modified_at": "...", "id": "..."}, "contacts": ...}.
  cursor jsonb not null default '{}' check (jsonb_typeof(cursor) = 'object'),
  -- Set from HubSpot's Retry-After when a sync had to stop: no sync starts before it.
  next_sync_after timestamptz,
  -- Held by the sync in progress, so a scheduled sync and "Sync now" never run at once. Expires,
  -- so a sync that died does not block the next one for long.
  sync_lease_until timestamptz,
  connected_by uuid references auth.users (id) on delete set null,
  connected_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index hubspot_connections_connected_by_idx on public.hubspot_connections (connected_by);

create table public.hubspot_mappings (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  object text not null check (object in ('deals', 'contacts')),
  -- 'one': the record's `property` equals `equals` (a deal reaching a stage) → value 1, once per
  -- record; 'property_number': the numeric value of `property` (a deal's amount), once per record.
  transform text not null check (transform in ('one', 'property_number')),
  property text not null check (property ~ '^[A-Za-z0-9_]{1,100}$'),
  equals text check (char_length(equals) between 1 and 200),
  -- property_number on deals only: count the value only once the deal is in this stage.
  only_when_stage text check (char_length(only_when_stage) between 1 and 200),
  metric_key text not null,
  -- Which property of the record names the outcome's account / end user; without one the
  -- account is the HubSpot record itself ("hubspot:deal:<id>").
  account_property text check (account_property ~ '^[A-Za-z0-9_]{1,100}$'),
  end_user_property text check (end_user_property ~ '^[A-Za-z0-9_]{1,100}$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (organization_id, metric_key)
    references public.metric_definitions (organization_id, key),
  check ((transform = 'one') = (equals is not null)),
  check (only_when_stage is null or (object = 'deals' and transform = 'property_number')),
  unique nulls not distinct (organization_id, object, transform, property, equals, only_when_stage, metric_key)
);
create index hubspot_mappings_organization_idx on public.hubspot_mappings (organization_id);
create index hubspot_mappings_created_by_idx on public.hubspot_mappings (created_by);

create table public.hubspot_sync_runs (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  trigger text not null check (trigger in ('manual', 'scheduled')),
  requested_by uuid references auth.users (id) on delete set null,
  -- A full sync reads every record from the beginning (after a mapping was added); outcomes
  -- already recorded are not written again.
  full_sync boolean not null default false,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- incomplete: stopped at the time budget, the next sync continues from the cursor.
  status text not null default 'running'
    check (status in ('running', 'succeeded', 'incomplete', 'rate_limited', 'failed')),
  pages integer not null default 0 check (pages >= 0),
  records integer not null default 0 check (records >= 0),
  outcomes_written integer not null default 0 check (outcomes_written >= 0),
  error text check (char_length(error) <= 2000),
  retry_after timestamptz,
  check ((status = 'running') = (finished_at is null))
);
create index hubspot_sync_runs_organization_idx on public.hubspot_sync_runs (organization_id, started_at desc);
create index hubspot_sync_runs_requested_by_idx on public.hubspot_sync_runs (requested_by);

create trigger hubspot_connections_touch before update on public.hubspot_connections
  for each row execute function private.touch_updated_at();
create trigger hubspot_mappings_touch before update on public.hubspot_mappings
  for each row execute function private.touch_updated_at();
create trigger hubspot_mappings_created_by before insert on public.hubspot_mappings
  for each row execute function private.stamp_created_by();
-- Outcomes keep the id of the mapping that produced them in their idempotency key: what a
-- mapping means never changes (delete it and add another instead); only the linking may.
create trigger hubspot_mappings_frozen before update on public.hubspot_mappings
  for each row execute function private.freeze_columns(
    'organization_id', 'object', 'transform', 'property', 'equals', 'only_when_stage', 'metric_key',
    'created_by', 'created_at');

-- Connecting, replacing the token and disconnecting are audited; the sync's own bookkeeping
-- (cursor, lease, status after each page) is not, or every page would add an audit row.
create trigger hubspot_connections_audit
  after insert or update of ciphertext, portal_id, connected_by or delete on public.hubspot_connections
  for each row execute function private.audit_row_change('organization_id');
create trigger hubspot_mappings_audit after insert or update or delete on public.hubspot_mappings
  for each row execute function private.audit_row_change('id');

-- ---------------------------------------------------------------------------------------------
-- Access

alter table public.hubspot_connections enable row level security;
alter table public.hubspot_mappings enable row level security;
alter table public.hubspot_sync_runs enable row level security;

create policy "members can read their organization's HubSpot connection" on public.hubspot_connections
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "engineers and admins can disconnect HubSpot" on public.hubspot_connections
  for delete to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')));

create policy "members can read their organization's HubSpot mappings" on public.hubspot_mappings
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "engineers and admins can add HubSpot mappings" on public.hubspot_mappings
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{engineer,admin}')));
create policy "engineers and admins can change HubSpot mappings" on public.hubspot_mappings
  for update to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')))
  with check ((select private.has_role(organization_id, '{engineer,admin}')));
create policy "engineers and admins can remove HubSpot mappings" on public.hubspot_mappings
  for delete to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')));

create policy "members can read their organization's HubSpot sync runs" on public.hubspot_sync_runs
  for select to authenticated using ((select private.is_member(organization_id)));

revoke all on public.hubspot_connections, public.hubspot_mappings, public.hubspot_sync_runs
  from anon, authenticated;
-- Connecting goes through the edge function (it validates and encrypts the token): browser roles
-- read the status and may delete (disconnect), nothing else; never the ciphertext or the lease.
grant select (organization_id, token_last_four, portal_id, status, last_error, last_synced_at,
  cursor, next_sync_after, connected_by, connected_at, updated_at)
  on public.hubspot_connections to authenticated;
grant delete on public.hubspot_connections to authenticated;
grant select on public.hubspot_mappings to authenticated;
grant insert (organization_id, object, transform, property, equals, only_when_stage, metric_key,
  account_property, end_user_property) on public.hubspot_mappings to authenticated;
grant update (account_property, end_user_property) on public.hubspot_mappings to authenticated;
grant delete on public.hubspot_mappings to authenticated;
grant select on public.hubspot_sync_runs to authenticated;
grant all on public.hubspot_connections, public.hubspot_mappings, public.hubspot_sync_runs
  to service_role;

-- ---------------------------------------------------------------------------------------------
-- RPCs

-- For the edge function, called with the user's session: the caller's id when they may manage
-- the organization's HubSpot connection (engineers and admins), else 42501.
create or replace function public.authorize_hubspot_manager(p_organization_id uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can manage the HubSpot connection'
      using errcode = '42501';
  end if;
  return (select auth.uid());
end;
$$;
revoke all on function public.authorize_hubspot_manager(uuid) from public, anon;
grant execute on function public.authorize_hubspot_manager(uuid) to authenticated;

-- Starts a sync (service role): takes the connection's lease and opens a run. Returns
-- {"status": "started", "run_id", "ciphertext", "cursor", "portal_id"} or, without starting,
-- {"status": "not_connected" | "busy" | "rate_limited" | "invalid_token", "retry_after"?}.
-- A full sync starts from an empty cursor. Runs left 'running' by a sync that died are closed.
create or replace function public.hubspot_begin_sync(
  p_organization_id uuid, p_trigger text, p_requested_by uuid default null, p_full boolean default false)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  conn public.hubspot_connections;
  run_id uuid;
begin
  select * into conn from public.hubspot_connections c
  where c.organization_id = p_organization_id
  for update;
  if conn.organization_id is null then
    return jsonb_build_object('status', 'not_connected');
  end if;
  if conn.status = 'invalid_token' and p_trigger = 'scheduled' then
    return jsonb_build_object('status', 'invalid_token');
  end if;
  if conn.sync_lease_until > now() then
    return jsonb_build_object('status', 'busy');
  end if;
  if conn.next_sync_after > now() then
    return jsonb_build_object('status', 'rate_limited', 'retry_after', conn.next_sync_after);
  end if;

  update public.hubspot_sync_runs r
  set status = 'failed', finished_at = now(), error = 'The sync stopped unexpectedly; the next one continues from its last page.'
  where r.organization_id = p_organization_id and r.status = 'running';
  update public.hubspot_connections c
  set sync_lease_until = now() + interval '10 minutes'
  where c.organization_id = p_organization_id;
  insert into public.hubspot_sync_runs (organization_id, trigger, requested_by, full_sync)
  values (p_organization_id, p_trigger, p_requested_by, coalesce(p_full, false))
  returning id into run_id;
  return jsonb_build_object('status', 'started', 'run_id', run_id, 'ciphertext', conn.ciphertext,
    'portal_id', conn.portal_id,
    'cursor', case when p_full then '{}'::jsonb else conn.cursor end);
end;
$$;
revoke all on function public.hubspot_begin_sync(uuid, text, uuid, boolean) from public, anon, authenticated;
grant execute on function public.hubspot_begin_sync(uuid, text, uuid, boolean) to service_role;

-- One page of a sync, in one round trip: writes its outcomes (a key seen before is skipped, so a
-- re-read page writes nothing), advances the cursor for `p_object` and counts the page on the
-- run, all in one transaction. Returns the number of outcomes written.
-- p_outcomes: [{ idempotency_key, metric_key, value, occurred_at, account?, end_user_id?, metadata }]
create or replace function public.hubspot_record_page(
  p_run_id uuid, p_object text, p_cursor jsonb, p_records integer, p_outcomes jsonb)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  org uuid;
  written integer;
  outcomes jsonb := private.jsonb_arg(p_outcomes);
  page_cursor jsonb := private.jsonb_arg(p_cursor);
begin
  select r.organization_id into org from public.hubspot_sync_runs r
  where r.id = p_run_id and r.status = 'running';
  if org is null then
    raise exception 'Sync run % is not running', p_run_id using errcode = '55000';
  end if;
  if p_object not in ('deals', 'contacts') then
    raise exception 'Unknown HubSpot object %', p_object using errcode = '22023';
  end if;
  if jsonb_typeof(outcomes) is distinct from 'array' then
    raise exception 'p_outcomes must be a JSON array' using errcode = '22023';
  end if;

  with written_rows as (
    insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value,
      occurred_at, end_user_id, account, source, metadata)
    select org, o.idempotency_key, md5(e.value::text)::uuid, o.metric_key, o.value, o.occurred_at,
      o.end_user_id, o.account, 'hubspot', o.metadata
    from jsonb_array_elements(outcomes) e
    cross join lateral jsonb_to_record(e.value) as o (
      idempotency_key text, metric_key text, value numeric, occurred_at timestamptz,
      end_user_id text, account text, metadata jsonb)
    order by o.idempotency_key
    on conflict (organization_id, idempotency_key) do nothing
    returning 1
  )
  select count(*) into written from written_rows;

  update public.hubspot_sync_runs r
  set pages = r.pages + 1, records = r.records + greatest(p_records, 0),
      outcomes_written = r.outcomes_written + written
  where r.id = p_run_id;
  if page_cursor is not null and jsonb_typeof(page_cursor) = 'object' then
    update public.hubspot_connections c
    set cursor = c.cursor || jsonb_build_object(p_object, page_cursor),
        sync_lease_until = now() + interval '10 minutes'
    where c.organization_id = org;
  end if;
  return written;
end;
$$;
revoke all on function public.hubspot_record_page(uuid, text, jsonb, integer, jsonb) from public, anon, authenticated;
grant execute on function public.hubspot_record_page(uuid, text, jsonb, integer, jsonb) to service_role;

-- Ends a sync: closes the run, records the outcome on the connection and releases the lease.
-- p_token_rejected: HubSpot refused the token (revoked or rotated); scheduled syncs stop until
-- someone connects again.
create or replace function public.hubspot_finish_sync(
  p_run_id uuid, p_status text, p_error text default null, p_retry_after timestamptz default null,
  p_token_rejected boolean default false)
returns public.hubspot_sync_runs
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  run public.hubspot_sync_runs;
begin
  update public.hubspot_sync_runs r
  set status = p_status, finished_at = now(), error = left(p_error, 2000), retry_after = p_retry_after
  where r.id = p_run_id and r.status = 'running'
  returning * into run;
  if run.id is null then
    raise exception 'Sync run % is not running', p_run_id using errcode = '55000';
  end if;
  update public.hubspot_connections c
  set sync_lease_until = null,
      next_sync_after = p_retry_after,
      last_error = case when p_status in ('succeeded', 'incomplete') then null else left(p_error, 2000) end,
      status = case p_status
        when 'failed' then case when p_token_rejected then 'invalid_token' else 'error' end
        else 'connected' end,
      last_synced_at = case when p_status in ('succeeded', 'incomplete') then run.finished_at else c.last_synced_at end
  where c.organization_id = run.organization_id;
  return run;
end;
$$;
revoke all on function public.hubspot_finish_sync(uuid, text, text, timestamptz, boolean) from public, anon, authenticated;
grant execute on function public.hubspot_finish_sync(uuid, text, text, timestamptz, boolean) to service_role;

-- Organizations whose scheduled sync is due: connected, no sync running, not told to wait.
create or replace function public.hubspot_due_connections()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.organization_id from public.hubspot_connections c
  where c.status <> 'invalid_token'
    and (c.sync_lease_until is null or c.sync_lease_until < now())
    and (c.next_sync_after is null or c.next_sync_after <= now())
    and exists (select 1 from public.hubspot_mappings m where m.organization_id = c.organization_id)
  order by c.last_synced_at nulls first;
$$;
revoke all on function public.hubspot_due_connections() from public, anon, authenticated;
grant execute on function public.hubspot_due_connections() to service_role;

-- ---------------------------------------------------------------------------------------------
-- Scheduled jobs that call an edge function. Where pg_net and Vault hold the project URL and the
-- service key (hosted Supabase: `select vault.create_secret('https://<ref>.supabase.co',
-- 'project_url'); select vault.create_secret('<service key>', 'service_role_key');`), the call is
-- made from the database. Anywhere else it is queued in private.edge_function_calls, which the
-- local dev process (scripts/lib/scheduler.ts) sends with the service key.

create table private.edge_function_calls (
  id bigint generated always as identity primary key,
  function_name text not null check (function_name ~ '^[a-z][a-z0-9_-]{1,62}$'),
  body jsonb not null default '{}',
  created_at timestamptz not null default now()
);
comment on table private.edge_function_calls is
  'Edge function calls made by scheduled jobs where the database cannot make HTTP requests itself.';

create or replace function private.invoke_edge_function(p_function text, p_body jsonb default '{}')
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  project_url text;
  service_key text;
begin
  if exists (select 1 from pg_catalog.pg_extension where extname = 'pg_net')
     and exists (select 1 from pg_catalog.pg_namespace where nspname = 'vault') then
    -- Dynamic, so the function compiles where neither extension exists; built with format() so
    -- plpgsql_check (supabase db lint) does not resolve a schema only hosted projects have.
    execute format($q$select max(decrypted_secret) filter (where name = 'project_url'),
                             max(decrypted_secret) filter (where name = 'service_role_key')
                      from %I.decrypted_secrets$q$, 'vault')
      into project_url, service_key;
    if project_url is not null and service_key is not null then
      execute format('select %I.http_post(url := $1, body := $2, headers := $3, timeout_milliseconds := 5000)', 'net')
        using rtrim(project_url, '/') || '/functions/v1/' || p_function, p_body,
              jsonb_build_object('Content-Type', 'application/json',
                                 'Authorization', 'Bearer ' || service_key);
      return;
    end if;
  end if;
  insert into private.edge_function_calls (function_name, body) values (p_function, p_body);
end;
$$;
revoke all on function private.invoke_edge_function(text, jsonb) from public;

insert into private.scheduled_jobs (name, schedule, command, description) values
  ('hubspot.sync', '*/15 * * * *',
   $$select private.invoke_edge_function('hubspot-sync', '{"action": "sync-due"}')$$,
   'Runs the incremental HubSpot sync of every connected organization (hubspot-sync edge function).');
select private.sync_cron_jobs();
