-- Outcomes in from people and other systems (docs/outcomes.md):
--   * `record_outcomes`: the app's CSV upload and manual form, called from the browser;
--   * signed webhooks: `webhook_endpoints` with a signing secret each, received by the
--     `outcomes-webhook` edge function through two service-role RPCs.
-- Both write through `private.write_outcomes`, which validates every row itself (the browser is
-- not trusted), checks metric keys against the organization's metric definitions, and writes
-- set-based with per-row results, like `ingest_events`.

-- ---------------------------------------------------------------------------------------------
-- Validation helpers. The timestamp window mirrors MAX_FUTURE_MS / MAX_AGE_YEARS and
-- `humanDuration` of supabase/functions/_shared/ingest-events.ts (same limits, same reasons);
-- tests/integration/outcomes-in.test.ts checks both sides at the boundaries.

-- "6 minutes", "1 hour", "3 days": rounded down to the largest whole unit.
create or replace function private.human_duration(p_ms double precision)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select u.n || ' ' || u.word || case when u.n = 1 then '' else 's' end
  from (
    select case
      when p_ms >= 31536000000 then floor(p_ms / 31536000000)
      when p_ms >= 86400000 then floor(p_ms / 86400000)
      when p_ms >= 3600000 then floor(p_ms / 3600000)
      when p_ms >= 60000 then floor(p_ms / 60000)
      else floor(p_ms / 1000)
    end::bigint as n,
    case
      when p_ms >= 31536000000 then 'year'
      when p_ms >= 86400000 then 'day'
      when p_ms >= 3600000 then 'hour'
      when p_ms >= 60000 then 'minute'
      else 'second'
    end as word
  ) u;
$$;

-- Why `p_at` may not be an outcome's occurred_at at `p_now`, or null: at most 5 minutes ahead
-- (clock skew), at most 2 calendar years old (counted in UTC).
create or replace function private.occurred_at_problem(p_at timestamptz, p_now timestamptz)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when p_at > p_now + interval '5 minutes' then
      'occurred_at is ' || private.human_duration(extract(epoch from p_at - p_now) * 1000) || ' in the future'
    when p_at < ((p_now at time zone 'UTC') - interval '2 years') at time zone 'UTC' then
      'occurred_at is older than 2 years'
  end;
$$;

-- ISO 8601 with seconds and a time zone (the ingest contract's format), or null.
create or replace function private.try_iso_timestamp(p_text text)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_text is null
     or p_text !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$' then
    return null;
  end if;
  return p_text::timestamptz;
exception when others then
  -- 2026-02-30T00:00:00Z and the like: well formed, not a date.
  return null;
end;
$$;

-- Why a JSON value is not an acceptable identifier (1..p_max characters, no surrounding
-- whitespace), or null. Reasons as the ingest contract words them.
create or replace function private.identifier_problem(p_value jsonb, p_max integer, p_required boolean)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when p_value is null then case when p_required then 'is required' end
    when jsonb_typeof(p_value) <> 'string' then 'must be a string'
    when p_value #>> '{}' = '' then 'must not be empty'
    when char_length(p_value #>> '{}') > p_max then 'must be at most ' || p_max || ' characters'
    when p_value #>> '{}' !~ '^\S' or p_value #>> '{}' !~ '\S$' then 'must not start or end with whitespace'
  end;
$$;

revoke all on function private.human_duration(double precision) from public;
revoke all on function private.occurred_at_problem(timestamptz, timestamptz) from public;
revoke all on function private.try_iso_timestamp(text) from public;
revoke all on function private.identifier_problem(jsonb, integer, boolean) from public;

-- ---------------------------------------------------------------------------------------------
-- The writer behind record_outcomes and the webhook.
--
-- p_rows: [{ idempotency_key, metric_key, value, occurred_at, run_id?, run_external_id?,
--            conversation_id?, end_user_id?, account?, metadata? }, ...]  (null = left out)
-- Returns [{ index, status: accepted | duplicate, id } | { index, status: rejected,
--            errors: [{ field, reason }] }] in p_rows' order ("field" "" is the row itself).
--
-- Idempotency as in ingest_events: the first row of each key is inserted (in key order, so
-- concurrent calls sharing keys lock in the same order, with `on conflict do nothing`); a new
-- statement then reads what is stored, so a row whose key a concurrent call committed first is a
-- `duplicate` when it is the same outcome (same event_hash) and `rejected` when it is not.
create or replace function private.write_outcomes(p_org uuid, p_source text, p_rows jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  allowed constant text[] := array['idempotency_key', 'metric_key', 'value', 'occurred_at', 'run_id',
    'run_external_id', 'conversation_id', 'end_user_id', 'account', 'metadata'];
  checked jsonb;
  inserted jsonb;
  results jsonb;
begin
  -- 1. Validate every row (one statement), keeping what the insert and the results need.
  with input as (
    select (e.ordinality - 1)::integer as idx, e.value as raw
    from jsonb_array_elements(p_rows) with ordinality e
  ),
  objects as (
    select i.idx, i.raw,
      case when jsonb_typeof(i.raw) = 'object' then
        coalesce((select jsonb_object_agg(k.key, k.value) from jsonb_each(i.raw) k
                  where jsonb_typeof(k.value) <> 'null'), '{}')
      end as r
    from input i
  ),
  fields as (
    select rw.*, private.try_iso_timestamp(rw.r ->> 'occurred_at') as at, md.key as defined_key,
      md.archived_at as metric_archived_at
    from objects rw
    left join public.metric_definitions md
      on md.organization_id = p_org and md.key = rw.r ->> 'metric_key'
  ),
  problems as (
    select f.idx, f.r, f.at,
      case when f.r is null then '[{"field": "", "reason": "must be an object"}]'::jsonb
      else (
        select coalesce(jsonb_agg(jsonb_build_object('field', p.field, 'reason', p.reason) order by p.n), '[]')
        from (
          select v.n, v.field, v.reason from (values
            (1, 'idempotency_key', private.identifier_problem(f.r -> 'idempotency_key', 200, true)),
            (2, 'metric_key', case
              when f.r -> 'metric_key' is null then 'is required'
              when jsonb_typeof(f.r -> 'metric_key') <> 'string'
                   or f.r ->> 'metric_key' !~ '^[a-z][a-z0-9_]{1,62}$' then
                'must be 2 to 63 lowercase letters, digits or ''_'', starting with a letter (a metric key, not its name)'
              when f.defined_key is null then
                'is not a metric of this organization: "' || (f.r ->> 'metric_key') || '" (define it under Taxonomy, Metrics first)'
              when f.metric_archived_at is not null then
                '"' || (f.r ->> 'metric_key') || '" is archived; restore it under Taxonomy to record outcomes for it'
            end),
            (3, 'value', case
              when f.r -> 'value' is null then 'is required'
              when jsonb_typeof(f.r -> 'value') <> 'number' then 'must be a number'
            end),
            (4, 'occurred_at', case
              when f.r -> 'occurred_at' is null then 'is required'
              when f.at is null then 'must be an ISO 8601 timestamp with a timezone, like 2026-01-31T09:30:00Z'
              else private.occurred_at_problem(f.at, now())
            end),
            (5, 'run_id', case
              when f.r -> 'run_id' is not null and (jsonb_typeof(f.r -> 'run_id') <> 'string'
                or f.r ->> 'run_id' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
              then 'must be a UUID'
            end),
            (6, 'run_external_id', private.identifier_problem(f.r -> 'run_external_id', 256, false)),
            (7, 'conversation_id', private.identifier_problem(f.r -> 'conversation_id', 256, false)),
            (8, 'end_user_id', private.identifier_problem(f.r -> 'end_user_id', 256, false)),
            (9, 'account', private.identifier_problem(f.r -> 'account', 256, false)),
            (10, 'metadata', case
              when f.r -> 'metadata' is null then null
              when jsonb_typeof(f.r -> 'metadata') <> 'object' then 'must be an object'
              when octet_length((f.r -> 'metadata')::text) > 16384 then 'must be at most 16384 bytes as JSON'
            end),
            (11, '', case
              when not (f.r ?| array['run_id', 'run_external_id', 'conversation_id', 'end_user_id', 'account']) then
                'must be linked to a run_id, run_external_id, conversation_id, end_user_id or account'
            end)
          ) v (n, field, reason)
          where v.reason is not null
          union all
          select 100, k, 'is not a known field'
          from jsonb_object_keys(f.r) k
          where not (k = any (allowed))
        ) p
      ) end as errors
    from fields f
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'idx', pr.idx, 'r', pr.r, 'at', pr.at, 'errors', pr.errors,
      'key', pr.r ->> 'idempotency_key',
      -- What "the same outcome" means for a retry: the row as sent, without its key.
      'hash', md5((pr.r - 'idempotency_key')::text)::uuid) order by pr.idx), '[]')
  into checked
  from problems pr;

  -- 2. Insert the first valid row of each key.
  with valid as (
    select (c ->> 'idx')::integer as idx, c -> 'r' as r, (c ->> 'at')::timestamptz as at,
           c ->> 'key' as key, (c ->> 'hash')::uuid as hash
    from jsonb_array_elements(checked) c
    where c -> 'errors' = '[]'::jsonb
  ),
  firsts as (
    select distinct on (v.key) v.* from valid v order by v.key, v.idx
  ),
  written as (
    insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value,
      occurred_at, run_id, run_external_id, conversation_id, end_user_id, account, source, metadata)
    select p_org, f.key, f.hash, f.r ->> 'metric_key', (f.r ->> 'value')::numeric, f.at,
      coalesce((f.r ->> 'run_id')::uuid, (select x.id from public.llm_runs x
                                          where x.organization_id = p_org
                                            and x.external_id = f.r ->> 'run_external_id'
                                          order by x.occurred_at limit 1)),
      f.r ->> 'run_external_id', f.r ->> 'conversation_id', f.r ->> 'end_user_id', f.r ->> 'account',
      p_source, f.r -> 'metadata'
    from firsts f
    order by f.key
    on conflict do nothing
    returning idempotency_key, id
  )
  select coalesce(jsonb_object_agg(w.idempotency_key, w.id), '{}') into inserted from written w;

  -- 3. A result per row. A new statement: it sees what concurrent calls committed meanwhile.
  with all_rows as (
    select (c ->> 'idx')::integer as idx, c -> 'errors' as errors, c ->> 'key' as key,
           (c ->> 'hash')::uuid as hash,
           row_number() over (partition by c ->> 'key', c -> 'errors' = '[]'::jsonb
                              order by (c ->> 'idx')::integer) as nth
    from jsonb_array_elements(checked) c
  )
  select coalesce(jsonb_agg(
    case
      when a.errors <> '[]'::jsonb then
        jsonb_build_object('index', a.idx, 'status', 'rejected', 'errors', a.errors)
      when a.nth = 1 and inserted ? a.key then
        jsonb_build_object('index', a.idx, 'status', 'accepted', 'id', inserted ->> a.key)
      when o.id is not null and o.event_hash = a.hash then
        jsonb_build_object('index', a.idx, 'status', 'duplicate', 'id', o.id)
      else
        jsonb_build_object('index', a.idx, 'status', 'rejected', 'errors', jsonb_build_array(
          jsonb_build_object('field', 'idempotency_key', 'reason', 'was already used for a different outcome')))
    end order by a.idx), '[]')
  into results
  from all_rows a
  left join public.outcomes o on o.organization_id = p_org and o.idempotency_key = a.key;

  return results;
end;
$$;
revoke all on function private.write_outcomes(uuid, text, jsonb) from public;

-- ---------------------------------------------------------------------------------------------
-- From the app: CSV upload and the manual form.

-- Product managers, operations, engineers and admins record outcomes (docs/permissions.md).
-- p_source: 'csv' or 'manual'. At most 1,000 rows per call: the CSV upload sends chunks.
-- Returns { "results": [...] } as described at private.write_outcomes.
create or replace function public.record_outcomes(p_organization_id uuid, p_source text, p_rows jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  batch jsonb := private.jsonb_arg(p_rows);
begin
  if not private.has_role(p_organization_id, '{product_manager,operations,engineer,admin}') then
    raise exception 'Only product managers, operations, engineers and admins can record outcomes'
      using errcode = '42501';
  end if;
  if p_source is null or p_source not in ('csv', 'manual') then
    raise exception 'The source must be csv or manual' using errcode = '22023';
  end if;
  if jsonb_typeof(batch) is distinct from 'array' then
    raise exception 'The rows must be a JSON array' using errcode = '22023';
  end if;
  if jsonb_array_length(batch) > 1000 then
    raise exception 'At most 1000 outcomes per call; this one has %. Send them in chunks.',
      jsonb_array_length(batch) using errcode = '54000';
  end if;
  return jsonb_build_object('results', private.write_outcomes(p_organization_id, p_source, batch));
end;
$$;
revoke all on function public.record_outcomes(uuid, text, jsonb) from public, anon;
grant execute on function public.record_outcomes(uuid, text, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Signed webhooks. An endpoint is /functions/v1/outcomes-webhook/<id> with its own signing
-- secret. An HMAC needs the secret itself, so it cannot be stored hashed like an API key: it is
-- generated here, returned once, and kept in private.webhook_secrets, which no browser role can
-- read (the private schema is not exposed; nothing is granted on the table). Only the
-- service-role RPC `webhook_endpoint_secrets` hands it to the edge function.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 2 and 60),
  -- The last four characters of the current secret, to recognise it.
  secret_hint text not null,
  secret_rotated_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  disabled_by uuid references auth.users (id) on delete set null,
  -- The last accepted delivery (bookkeeping: the audit log ignores it).
  last_used_at timestamptz
);
create index webhook_endpoints_organization_idx on public.webhook_endpoints (organization_id);
create index webhook_endpoints_created_by_idx on public.webhook_endpoints (created_by);
create index webhook_endpoints_disabled_by_idx on public.webhook_endpoints (disabled_by);

create table private.webhook_secrets (
  id bigint generated always as identity primary key,
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  secret text not null,
  created_at timestamptz not null default now(),
  -- Null for the current secret; a rotated-out secret keeps verifying until then, so senders
  -- can switch without dropping deliveries.
  expires_at timestamptz
);
create index webhook_secrets_endpoint_idx on private.webhook_secrets (endpoint_id);

-- Signatures already accepted (t and v1 of the header), kept until the timestamp tolerance
-- would refuse them anyway; purged by the webhooks.purge-expired job.
create table private.webhook_replays (
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  replay_key text not null check (char_length(replay_key) <= 200),
  expires_at timestamptz not null,
  primary key (endpoint_id, replay_key)
);
create index webhook_replays_expires_idx on private.webhook_replays (expires_at);

alter table public.webhook_endpoints enable row level security;
alter table private.webhook_secrets enable row level security;
alter table private.webhook_replays enable row level security;

create policy "engineers and admins can read their organization's webhook endpoints"
  on public.webhook_endpoints for select to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')));

revoke all on public.webhook_endpoints from anon, authenticated;
grant select on public.webhook_endpoints to authenticated;
grant all on public.webhook_endpoints to service_role;
revoke all on private.webhook_secrets, private.webhook_replays from public, anon, authenticated, service_role;

create trigger webhook_endpoints_audit after insert or update or delete on public.webhook_endpoints
  for each row execute function private.audit_row_change('id');

-- `whsec_` and 43 URL-safe base64 characters (32 random bytes).
create or replace function private.new_webhook_secret()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'whsec_' || translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
$$;
revoke all on function private.new_webhook_secret() from public;

-- The endpoint of a webhook RPC's argument, if the caller may manage it; 42501 otherwise.
create or replace function private.managed_webhook_endpoint(p_endpoint_id uuid)
returns public.webhook_endpoints
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found public.webhook_endpoints;
begin
  select * into found from public.webhook_endpoints e where e.id = p_endpoint_id;
  if found.id is null or not private.has_role(found.organization_id, '{engineer,admin}') then
    raise exception 'Webhook endpoint not found, or you may not manage it' using errcode = '42501';
  end if;
  return found;
end;
$$;
revoke all on function private.managed_webhook_endpoint(uuid) from public;

-- Returns the signing secret exactly once.
create or replace function public.create_webhook_endpoint(p_organization_id uuid, p_name text)
returns table (id uuid, name text, secret text, secret_hint text, created_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  new_secret text := private.new_webhook_secret();
  created public.webhook_endpoints;
begin
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can create webhook endpoints' using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 2 and 60 then
    raise exception 'The endpoint name must be 2 to 60 characters' using errcode = '22023';
  end if;
  insert into public.webhook_endpoints (organization_id, name, secret_hint, created_by)
  values (p_organization_id, btrim(p_name), right(new_secret, 4), (select auth.uid()))
  returning * into created;
  insert into private.webhook_secrets (endpoint_id, secret) values (created.id, new_secret);
  return query select created.id, created.name, new_secret, created.secret_hint, created.created_at;
end;
$$;

-- A new secret, returned once. The previous one keeps verifying for 24 hours.
create or replace function public.rotate_webhook_secret(p_endpoint_id uuid)
returns table (id uuid, secret text, secret_hint text, previous_secret_expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  endpoint public.webhook_endpoints := private.managed_webhook_endpoint(p_endpoint_id);
  new_secret text := private.new_webhook_secret();
  grace_until timestamptz := now() + interval '24 hours';
begin
  -- Only the secret being replaced gets the grace period; older ones stop now.
  delete from private.webhook_secrets s
  where s.endpoint_id = endpoint.id and s.expires_at is not null;
  update private.webhook_secrets s set expires_at = grace_until
  where s.endpoint_id = endpoint.id and s.expires_at is null;
  insert into private.webhook_secrets (endpoint_id, secret) values (endpoint.id, new_secret);
  update public.webhook_endpoints e
  set secret_hint = right(new_secret, 4), secret_rotated_at = now()
  where e.id = endpoint.id;
  return query select endpoint.id, new_secret, right(new_secret, 4), grace_until;
end;
$$;

-- Disabled endpoints refuse every delivery (403) until enabled again.
create or replace function public.set_webhook_endpoint_enabled(p_endpoint_id uuid, p_enabled boolean)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  endpoint public.webhook_endpoints := private.managed_webhook_endpoint(p_endpoint_id);
begin
  if p_enabled is null then
    raise exception 'p_enabled must be true or false' using errcode = '22023';
  end if;
  update public.webhook_endpoints e
  set disabled_at = case when p_enabled then null else now() end,
      disabled_by = case when p_enabled then null else (select auth.uid()) end
  where e.id = endpoint.id and (e.disabled_at is null) = not p_enabled;
end;
$$;

revoke all on function public.create_webhook_endpoint(uuid, text) from public, anon;
revoke all on function public.rotate_webhook_secret(uuid) from public, anon;
revoke all on function public.set_webhook_endpoint_enabled(uuid, boolean) from public, anon;
grant execute on function public.create_webhook_endpoint(uuid, text) to authenticated;
grant execute on function public.rotate_webhook_secret(uuid) to authenticated;
grant execute on function public.set_webhook_endpoint_enabled(uuid, boolean) to authenticated;

-- For the outcomes-webhook function (service role only): the secrets that may have signed a
-- delivery to the endpoint. {"status": "ok", "secrets": [...]} | {"status": "unknown" | "disabled"}.
create or replace function public.webhook_endpoint_secrets(p_endpoint_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when e.id is null then '{"status": "unknown"}'::jsonb
    when e.disabled_at is not null then '{"status": "disabled"}'::jsonb
    else jsonb_build_object('status', 'ok', 'secrets', (
      select coalesce(jsonb_agg(s.secret order by s.created_at desc), '[]')
      from private.webhook_secrets s
      where s.endpoint_id = e.id and (s.expires_at is null or s.expires_at > now())))
  end
  from (select 1) one
  left join public.webhook_endpoints e on e.id = p_endpoint_id;
$$;

-- For the outcomes-webhook function (service role only), after it verified the signature: records
-- the delivery's replay key and writes its outcomes in one transaction, so a delivery whose
-- outcomes could not be written may be sent again. {"status": "ok", "results": [...]} |
-- {"status": "replayed" | "unknown" | "disabled"}.
create or replace function public.receive_webhook_outcomes(
  p_endpoint_id uuid, p_replay_key text, p_replay_expires_at timestamptz, p_rows jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  endpoint public.webhook_endpoints;
  batch jsonb := private.jsonb_arg(p_rows);
  fresh boolean;
begin
  select * into endpoint from public.webhook_endpoints e where e.id = p_endpoint_id;
  if endpoint.id is null then
    return '{"status": "unknown"}'::jsonb;
  elsif endpoint.disabled_at is not null then
    return '{"status": "disabled"}'::jsonb;
  end if;
  if jsonb_typeof(batch) is distinct from 'array' then
    raise exception 'p_rows must be a JSON array' using errcode = '22023';
  end if;

  -- A concurrent copy of the same delivery waits here for the first to commit, then finds its key.
  insert into private.webhook_replays (endpoint_id, replay_key, expires_at)
  values (endpoint.id, p_replay_key, p_replay_expires_at)
  on conflict do nothing;
  get diagnostics fresh = row_count;
  if not fresh then
    return '{"status": "replayed"}'::jsonb;
  end if;

  update public.webhook_endpoints e set last_used_at = now() where e.id = endpoint.id;
  return jsonb_build_object('status', 'ok',
    'results', private.write_outcomes(endpoint.organization_id, 'webhook', batch));
end;
$$;

revoke all on function public.webhook_endpoint_secrets(uuid) from public, anon, authenticated;
revoke all on function public.receive_webhook_outcomes(uuid, text, timestamptz, jsonb) from public, anon, authenticated;
grant execute on function public.webhook_endpoint_secrets(uuid) to service_role;
grant execute on function public.receive_webhook_outcomes(uuid, text, timestamptz, jsonb) to service_role;

insert into private.scheduled_jobs (name, schedule, command, description) values
  ('webhooks.purge-expired', '*/10 * * * *',
   $$with replays as (delete from private.webhook_replays where expires_at < now())
     delete from private.webhook_secrets where expires_at < now()$$,
   'Forgets webhook signatures past their timestamp tolerance and rotated-out secrets past their grace period.');
select private.sync_cron_jobs();
