-- Events: LLM runs, agent lifecycle events, business outcomes and feedback, written only by the
-- `ingest_events` RPC (service role, behind the `ingest` edge function, with an org API key).
-- Contract: docs/ingest-api.md. Members read them; nobody writes them from the browser; the raw
-- question/response text is not granted to browser roles at all and is read through `run_text`,
-- which enablement may not call.
--
-- Idempotency: every row keeps the client's idempotency key, unique per organization and table,
-- and `event_hash`, the md5 of the validated event as sent, so the same key sent again with the
-- same event is a duplicate and with another event is rejected.

-- ---------------------------------------------------------------------------------------------
-- The organization's text setting: what happens to question/response text on ingest.

alter table public.organization_settings
  add column run_text_policy text not null default 'store'
    check (run_text_policy in ('store', 'redact', 'drop'));
grant update (run_text_policy) on public.organization_settings to authenticated;

-- Emails become [email] and phone numbers [phone]. Emails first, so the digits of an address are
-- never mistaken for a phone number. A phone number is an optional +country code, then 2-4, 3-4
-- and 3-4 digits separated by at most one space, dot or dash (area code in parentheses allowed):
-- +1 (415) 555-0100, 415.555.0100, 0612345678, +44 20 7946 0958. Dates (2026-06-01) are not.
create or replace function private.redact_text(p_text text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select regexp_replace(
    regexp_replace(p_text, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', '[email]', 'g'),
    '(\+\d{1,3}[ .-]?)?(\(\d{2,4}\)|\d{2,4})[ .-]?\d{3,4}[ .-]?\d{3,4}', '[phone]', 'g');
$$;
revoke all on function private.redact_text(text) from public;
grant execute on function private.redact_text(text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Tables

create table public.llm_runs (
  -- Client-supplied (so outcomes and feedback can point at it first) or generated.
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  event_hash uuid not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  external_id text check (char_length(external_id) between 1 and 256),
  conversation_id text check (char_length(conversation_id) between 1 and 256),
  account text check (char_length(account) between 1 and 256),
  end_user_id text check (char_length(end_user_id) between 1 and 256),
  capability text,
  action text,
  intent text,
  experiment_id uuid,
  variant_id uuid,
  version_id uuid,
  provider text,
  model text,
  latency_ms numeric check (latency_ms >= 0),
  ttft_ms numeric check (ttft_ms >= 0),
  tokens_in integer check (tokens_in >= 0),
  tokens_out integer check (tokens_out >= 0),
  tokens_cached integer check (tokens_cached >= 0),
  -- As sent; null when not sent (the per-model price table that fills it is a later piece).
  cost_usd numeric check (cost_usd >= 0),
  status text not null default 'ok' check (status in ('ok', 'error', 'timeout', 'cancelled')),
  error_type text,
  error_message text,
  is_manual boolean,
  tool_calls jsonb check (tool_calls is null or jsonb_typeof(tool_calls) = 'array'),
  -- Not granted to browser roles: read through run_text().
  question text,
  response text,
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  unique (organization_id, idempotency_key)
);
create index llm_runs_occurred_idx on public.llm_runs (organization_id, occurred_at desc);
create index llm_runs_external_id_idx on public.llm_runs (organization_id, external_id)
  where external_id is not null;
create index llm_runs_conversation_idx on public.llm_runs (organization_id, conversation_id)
  where conversation_id is not null;

create table public.run_lifecycle_events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  event_hash uuid not null,
  type text not null check (type in ('run_completed', 'run_failed')),
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  -- As sent, or filled in when a run with run_external_id arrives.
  run_id uuid,
  run_external_id text check (char_length(run_external_id) between 1 and 256),
  duration_ms numeric check (duration_ms >= 0),
  error_type text,
  error_message text,
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  check (run_id is not null or run_external_id is not null),
  check (type = 'run_completed' or (error_type is not null and error_message is not null)),
  unique (organization_id, idempotency_key)
);
create index run_lifecycle_events_occurred_idx on public.run_lifecycle_events (organization_id, occurred_at desc);
create index run_lifecycle_events_run_idx on public.run_lifecycle_events (run_id);
create index run_lifecycle_events_unlinked_idx on public.run_lifecycle_events (organization_id, run_external_id)
  where run_id is null;

create table public.outcomes (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  event_hash uuid not null,
  metric_key text not null check (metric_key ~ '^[a-z][a-z0-9_]{1,62}$'),
  value numeric not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  run_id uuid,
  run_external_id text check (char_length(run_external_id) between 1 and 256),
  conversation_id text check (char_length(conversation_id) between 1 and 256),
  end_user_id text check (char_length(end_user_id) between 1 and 256),
  account text check (char_length(account) between 1 and 256),
  source text not null default 'api' check (source in ('api', 'csv', 'manual', 'webhook', 'hubspot')),
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  check (num_nonnulls(run_id, run_external_id, conversation_id, end_user_id, account) > 0),
  unique (organization_id, idempotency_key)
);
create index outcomes_occurred_idx on public.outcomes (organization_id, occurred_at desc);
create index outcomes_run_idx on public.outcomes (run_id);
create index outcomes_unlinked_idx on public.outcomes (organization_id, run_external_id)
  where run_id is null;
create index outcomes_conversation_idx on public.outcomes (organization_id, conversation_id)
  where conversation_id is not null;

create table public.feedback (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  event_hash uuid not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  run_id uuid,
  run_external_id text check (char_length(run_external_id) between 1 and 256),
  thumbs text check (thumbs in ('up', 'down')),
  rating smallint check (rating between 1 and 5),
  comment text check (char_length(comment) between 1 and 5000),
  end_user_id text check (char_length(end_user_id) between 1 and 256),
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  check (run_id is not null or run_external_id is not null),
  check (num_nonnulls(thumbs, rating, comment) > 0),
  unique (organization_id, idempotency_key)
);
create index feedback_occurred_idx on public.feedback (organization_id, occurred_at desc);
create index feedback_run_idx on public.feedback (run_id);
create index feedback_unlinked_idx on public.feedback (organization_id, run_external_id)
  where run_id is null;

-- ---------------------------------------------------------------------------------------------
-- Linking: lifecycle events, outcomes and feedback that name a run only by run_external_id get
-- its run_id when the run arrives (those that arrive after it get it on insert). Set-based: one
-- statement per table for all the runs of an insert.

create or replace function private.link_arrived_runs()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outcomes o set run_id = r.id
  from new_runs r
  where r.external_id is not null and o.organization_id = r.organization_id
    and o.run_id is null and o.run_external_id = r.external_id;
  update public.feedback f set run_id = r.id
  from new_runs r
  where r.external_id is not null and f.organization_id = r.organization_id
    and f.run_id is null and f.run_external_id = r.external_id;
  update public.run_lifecycle_events e set run_id = r.id
  from new_runs r
  where r.external_id is not null and e.organization_id = r.organization_id
    and e.run_id is null and e.run_external_id = r.external_id;
  return null;
end;
$$;
revoke all on function private.link_arrived_runs() from public;

create trigger llm_runs_link after insert on public.llm_runs
  referencing new table as new_runs
  for each statement execute function private.link_arrived_runs();

-- ---------------------------------------------------------------------------------------------
-- Access: members read; nobody writes from the browser; question/response are not granted.

alter table public.llm_runs enable row level security;
alter table public.run_lifecycle_events enable row level security;
alter table public.outcomes enable row level security;
alter table public.feedback enable row level security;

create policy "members can read their organization's runs" on public.llm_runs
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's run lifecycle events" on public.run_lifecycle_events
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's outcomes" on public.outcomes
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's feedback" on public.feedback
  for select to authenticated using ((select private.is_member(organization_id)));

revoke all on public.llm_runs, public.run_lifecycle_events, public.outcomes, public.feedback
  from anon, authenticated;
grant select (id, organization_id, idempotency_key, occurred_at, received_at, external_id,
  conversation_id, account, end_user_id, capability, action, intent, experiment_id, variant_id,
  version_id, provider, model, latency_ms, ttft_ms, tokens_in, tokens_out, tokens_cached, cost_usd,
  status, error_type, error_message, is_manual, tool_calls, metadata)
  on public.llm_runs to authenticated;
grant select on public.run_lifecycle_events, public.outcomes, public.feedback to authenticated;
grant all on public.llm_runs, public.run_lifecycle_events, public.outcomes, public.feedback
  to service_role;

-- A run's question and response, for every member but enablement (docs/permissions.md). Refuses
-- (42501) when the run does not exist, is another organization's, or the caller may not see it.
create or replace function public.run_text(p_run_id uuid)
returns table (question text, response text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found public.llm_runs;
begin
  select r.* into found from public.llm_runs r where r.id = p_run_id;
  if found.id is null or not private.has_role(found.organization_id,
      '{product_manager,prompt_engineer,operations,engineer,admin}') then
    raise exception 'Run not found, or you may not read its text' using errcode = '42501';
  end if;
  return query select found.question, found.response;
end;
$$;
revoke all on function public.run_text(uuid) from public, anon;
grant execute on function public.run_text(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Ingestion, in one round trip (service role only; the `ingest` edge function calls it with
-- the events that passed its validation, `validateBatch` in _shared/ingest-events.ts).
--
-- p_events: [{ "index": <position in the request>, "event": <the validated event> }, ...]
-- Returns {"status": "ok", "results": [{ "index", "status": "accepted" | "duplicate", "id" } |
-- { "index", "status": "rejected", "errors": [{ "field", "reason" }] }]} in p_events' order, or
-- {"status": "invalid_api_key" | "revoked_api_key" | "missing_scope", "message"}.
--
-- All events are written with one insert per table (insert ... select ... on conflict do
-- nothing); what was not inserted is then looked up by idempotency key in a new statement, which
-- sees rows committed meanwhile by concurrent retries of the same batch: those get `duplicate`
-- with the first copy's id. Within a batch, the first event with a key wins. Rows are inserted
-- in key order, so concurrent batches sharing keys take their locks in the same order.
create or replace function public.ingest_events(p_api_key text, p_events jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  key_status text;
  org uuid;
  text_policy text;
  inserted jsonb;
  results jsonb;
  -- PostgREST (and the local stand-in) may pass a JSON argument as a string of JSON.
  batch jsonb := private.jsonb_arg(p_events);
begin
  select a.status, a.organization_id into key_status, org
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'ingest') a;
  if key_status = 'unknown_key' then
    return jsonb_build_object('status', 'invalid_api_key', 'message', 'The API key is not valid.');
  elsif key_status = 'revoked' then
    return jsonb_build_object('status', 'revoked_api_key', 'message', 'The API key has been revoked.');
  elsif key_status = 'missing_scope' then
    return jsonb_build_object('status', 'missing_scope',
      'message', 'The API key does not have the ingest scope.');
  end if;
  if jsonb_typeof(batch) is distinct from 'array' then
    raise exception 'p_events must be a JSON array' using errcode = '22023';
  end if;

  select s.run_text_policy into text_policy from public.organization_settings s where s.organization_id = org;
  text_policy := coalesce(text_policy, 'store');

  -- 1. Insert the first event of each idempotency key, unless that key is taken in another table.
  with events as (
    select (e.value ->> 'index')::integer as idx, e.value -> 'event' as ev,
           e.value -> 'event' ->> 'type' as type, e.value -> 'event' ->> 'idempotency_key' as key,
           md5((e.value -> 'event')::text)::uuid as hash, e.ordinality
    from jsonb_array_elements(batch) with ordinality e
  ),
  firsts as (
    select distinct on (ev.key) ev.*
    from events ev
    where not exists (
      select 1 from public.llm_runs t where t.organization_id = org and t.idempotency_key = ev.key and ev.type <> 'run'
      union all
      select 1 from public.outcomes t where t.organization_id = org and t.idempotency_key = ev.key and ev.type <> 'outcome'
      union all
      select 1 from public.feedback t where t.organization_id = org and t.idempotency_key = ev.key and ev.type <> 'feedback'
      union all
      select 1 from public.run_lifecycle_events t where t.organization_id = org and t.idempotency_key = ev.key
        and ev.type not in ('run_completed', 'run_failed'))
    order by ev.key, ev.ordinality
  ),
  runs as (
    insert into public.llm_runs (id, organization_id, idempotency_key, event_hash, occurred_at,
      external_id, conversation_id, account, end_user_id, capability, action, intent,
      experiment_id, variant_id, version_id, provider, model, latency_ms, ttft_ms,
      tokens_in, tokens_out, tokens_cached, cost_usd, status, error_type, error_message, is_manual,
      tool_calls, question, response, metadata)
    select coalesce(r.id, gen_random_uuid()), org, f.key, f.hash, (f.ev ->> 'occurred_at')::timestamptz,
      r.external_id, r.conversation_id, r.account, r.end_user_id, r.capability, r.action, r.intent,
      r.experiment_id, r.variant_id, r.version_id, r.provider, r.model, r.latency_ms,
      r.time_to_first_token_ms, r.tokens_in, r.tokens_out, r.tokens_cached, r.cost_usd,
      coalesce(r.status, 'ok'), r.error_type, r.error_message, r.is_manual, r.tool_calls,
      case text_policy when 'drop' then null when 'redact' then private.redact_text(r.question) else r.question end,
      case text_policy when 'drop' then null when 'redact' then private.redact_text(r.response) else r.response end,
      r.metadata
    from firsts f
    cross join lateral jsonb_to_record(f.ev -> 'run') as r (
      id uuid, external_id text, conversation_id text, account text, end_user_id text,
      capability text, action text, intent text, experiment_id uuid, variant_id uuid,
      version_id uuid, provider text, model text, latency_ms numeric, time_to_first_token_ms numeric,
      tokens_in integer, tokens_out integer, tokens_cached integer, cost_usd numeric, status text,
      error_type text, error_message text, is_manual boolean, tool_calls jsonb, question text,
      response text, metadata jsonb)
    where f.type = 'run'
    order by f.key
    on conflict do nothing
    returning idempotency_key, id
  ),
  lifecycle as (
    insert into public.run_lifecycle_events (organization_id, idempotency_key, event_hash, type,
      occurred_at, run_id, run_external_id, duration_ms, error_type, error_message, metadata)
    select org, f.key, f.hash, f.type, (f.ev ->> 'occurred_at')::timestamptz,
      coalesce(l.run_id, (select x.id from public.llm_runs x
                          where x.organization_id = org and x.external_id = l.run_external_id
                          order by x.occurred_at limit 1)),
      l.run_external_id, l.duration_ms, l.error_type, l.error_message, l.metadata
    from firsts f
    cross join lateral jsonb_to_record(f.ev -> f.type) as l (
      run_id uuid, run_external_id text, duration_ms numeric, error_type text,
      error_message text, metadata jsonb)
    where f.type in ('run_completed', 'run_failed')
    order by f.key
    on conflict do nothing
    returning idempotency_key, id
  ),
  outcome_rows as (
    insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value,
      occurred_at, run_id, run_external_id, conversation_id, end_user_id, account, source, metadata)
    select org, f.key, f.hash, o.metric_key, o.value, (f.ev ->> 'occurred_at')::timestamptz,
      coalesce(o.run_id, (select x.id from public.llm_runs x
                          where x.organization_id = org and x.external_id = o.run_external_id
                          order by x.occurred_at limit 1)),
      o.run_external_id, o.conversation_id, o.end_user_id, o.account, coalesce(o.source, 'api'),
      o.metadata
    from firsts f
    cross join lateral jsonb_to_record(f.ev -> 'outcome') as o (
      metric_key text, value numeric, run_id uuid, run_external_id text, conversation_id text,
      end_user_id text, account text, source text, metadata jsonb)
    where f.type = 'outcome'
    order by f.key
    on conflict do nothing
    returning idempotency_key, id
  ),
  feedback_rows as (
    insert into public.feedback (organization_id, idempotency_key, event_hash, occurred_at, run_id,
      run_external_id, thumbs, rating, comment, end_user_id, metadata)
    select org, f.key, f.hash, (f.ev ->> 'occurred_at')::timestamptz,
      coalesce(b.run_id, (select x.id from public.llm_runs x
                          where x.organization_id = org and x.external_id = b.run_external_id
                          order by x.occurred_at limit 1)),
      b.run_external_id, b.thumbs, b.rating, b.comment, b.end_user_id, b.metadata
    from firsts f
    cross join lateral jsonb_to_record(f.ev -> 'feedback') as b (
      run_id uuid, run_external_id text, thumbs text, rating smallint, comment text,
      end_user_id text, metadata jsonb)
    where f.type = 'feedback'
    order by f.key
    on conflict do nothing
    returning idempotency_key, id
  )
  select coalesce(jsonb_object_agg(i.idempotency_key, i.id), '{}') into inserted
  from (select * from runs union all select * from lifecycle
        union all select * from outcome_rows union all select * from feedback_rows) i;

  -- 2. A result per event. A new statement: it sees what concurrent retries committed meanwhile.
  with events as (
    select (e.value ->> 'index')::integer as idx, e.value -> 'event' ->> 'type' as type,
           e.value -> 'event' ->> 'idempotency_key' as key,
           md5((e.value -> 'event')::text)::uuid as hash, e.ordinality,
           row_number() over (partition by e.value -> 'event' ->> 'idempotency_key' order by e.ordinality) as nth
    from jsonb_array_elements(batch) with ordinality e
  ),
  stored as (
    select t.idempotency_key as key, 'run' as type, t.id, t.event_hash from public.llm_runs t
    where t.organization_id = org and t.idempotency_key in (select key from events)
    union all
    select t.idempotency_key, 'outcome', t.id, t.event_hash from public.outcomes t
    where t.organization_id = org and t.idempotency_key in (select key from events)
    union all
    select t.idempotency_key, 'feedback', t.id, t.event_hash from public.feedback t
    where t.organization_id = org and t.idempotency_key in (select key from events)
    union all
    select t.idempotency_key, t.type, t.id, t.event_hash from public.run_lifecycle_events t
    where t.organization_id = org and t.idempotency_key in (select key from events)
  )
  select coalesce(jsonb_agg(
    case
      when ev.nth = 1 and inserted ? ev.key then
        jsonb_build_object('index', ev.idx, 'status', 'accepted', 'id', inserted ->> ev.key)
      when s.id is not null and s.type = ev.type and s.event_hash = ev.hash then
        jsonb_build_object('index', ev.idx, 'status', 'duplicate', 'id', s.id)
      when s.id is not null or ev.type <> 'run' then
        jsonb_build_object('index', ev.idx, 'status', 'rejected', 'errors', jsonb_build_array(
          jsonb_build_object('field', 'idempotency_key', 'reason', 'was already used for a different event')))
      else
        jsonb_build_object('index', ev.idx, 'status', 'rejected', 'errors', jsonb_build_array(
          jsonb_build_object('field', 'run.id', 'reason', 'is already the id of another run')))
    end order by ev.ordinality), '[]') into results
  from events ev
  left join lateral (select * from stored st where st.key = ev.key limit 1) s on true;

  return jsonb_build_object('status', 'ok', 'results', results);
end;
$$;
revoke all on function public.ingest_events(text, jsonb) from public, anon, authenticated;
grant execute on function public.ingest_events(text, jsonb) to service_role;
