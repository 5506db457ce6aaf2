-- A rate limit on llm-proxy: a token bucket per `proxy` API key, in calls, so a leaked key or a
-- runaway loop cannot spend the organization's provider budget at machine speed. It is the same
-- bucket as ingest's, now two helpers both use (private.rate_limit_wait, private.spend_rate_tokens)
-- over one table of every key's bucket (renamed from ingest_rate_buckets); a proxy key's limits
-- are its own. Set
-- per organization by the operator (not from the app: no column grant). The check comes before
-- serving, so a refused call records no exposure.

alter table public.organization_settings
  add column proxy_rate_limit_per_second integer not null default 50
    check (proxy_rate_limit_per_second between 1 and 100000),
  add column proxy_rate_limit_burst integer not null default 200
    check (proxy_rate_limit_burst between 1 and 1000000);

alter table private.ingest_rate_buckets rename to api_key_rate_buckets;

-- Seconds until the key's bucket (p_rate tokens a second, up to p_burst) holds p_cost tokens; 0
-- when it does now. With p_hold the bucket row is created if missing and locked until the
-- transaction ends, so concurrent calls of one key take turns and no token is counted twice: for
-- short transactions (the gateway). ingest does not hold it: a batch takes long, and holding the
-- row would serialize a key's concurrent batches; its burst may overshoot by the batches in flight.
create function private.rate_limit_wait(
  p_api_key_id uuid, p_rate integer, p_burst integer, p_cost double precision, p_hold boolean
)
returns double precision
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  available double precision;
begin
  if p_hold then
    insert into private.api_key_rate_buckets (api_key_id, tokens, refreshed_at)
    values (p_api_key_id, p_burst, clock_timestamp())
    on conflict (api_key_id) do nothing;
    perform 1 from private.api_key_rate_buckets b where b.api_key_id = p_api_key_id for update;
  end if;
  select least(p_burst, b.tokens + extract(epoch from (clock_timestamp() - b.refreshed_at)) * p_rate)
  into available from private.api_key_rate_buckets b where b.api_key_id = p_api_key_id;
  available := coalesce(available, p_burst);
  return greatest(0, (p_cost - available) / p_rate);
end;
$$;
revoke all on function private.rate_limit_wait(uuid, integer, integer, double precision, boolean) from public;

-- Takes p_cost tokens from the key's bucket; it may go negative (down to -p_burst), which makes
-- the next calls wait longer.
create function private.spend_rate_tokens(
  p_api_key_id uuid, p_rate integer, p_burst integer, p_cost double precision
)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into private.api_key_rate_buckets as b (api_key_id, tokens, refreshed_at)
  values (p_api_key_id, p_burst - p_cost, clock_timestamp())
  on conflict (api_key_id) do update
  set tokens = greatest(-p_burst, least(p_burst, b.tokens + extract(epoch from (clock_timestamp() - b.refreshed_at)) * p_rate) - p_cost),
      refreshed_at = clock_timestamp();
$$;
revoke all on function private.spend_rate_tokens(uuid, integer, integer, double precision) from public;

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
  key_id uuid;
  batch jsonb := private.jsonb_arg(p_events);
  rate integer;
  burst integer;
  cost double precision;
  wait double precision;
  answer jsonb;
begin
  select a.status, a.organization_id, a.api_key_id into key_status, org, key_id
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'ingest') a;
  if key_status <> 'ok' then
    return private.api_key_refusal(key_status, 'ingest');
  end if;

  select s.ingest_rate_limit_per_second, s.ingest_rate_limit_burst into rate, burst
  from public.organization_settings s where s.organization_id = org;
  rate := coalesce(rate, 10000);
  burst := coalesce(burst, 20000);
  -- A batch larger than the burst passes on a full bucket rather than never.
  cost := least(greatest(coalesce(jsonb_array_length(case when jsonb_typeof(batch) = 'array' then batch end), 0), 1), burst);
  wait := private.rate_limit_wait(key_id, rate, burst, cost, false);
  if wait > 0 then
    return jsonb_build_object('status', 'rate_limited',
      'message', format('This API key may send %s events per second, in bursts of up to %s; this batch of %s would exceed that. Retry after the Retry-After delay.',
                        rate, burst, cost::integer),
      'limit', jsonb_build_object('events_per_second', rate, 'burst', burst),
      'retry_after_seconds', ceil(wait)::integer);
  end if;

  answer := private.ingest_batch(org, batch);
  perform private.spend_rate_tokens(key_id, rate, burst, cost);
  return answer;
end;
$$;

create or replace function public.gateway_prepare(
  p_api_key text,
  p_capability text,
  p_unit_id text,
  p_action text default null,
  p_intent text default null,
  p_variables jsonb default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  key_status text;
  org uuid;
  key_id uuid;
  answer jsonb;
  provider_key public.provider_keys;
  price public.model_prices;
  rate integer;
  burst integer;
  wait double precision;
begin
  select a.status, a.organization_id, a.api_key_id into key_status, org, key_id
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'proxy') a;
  if key_status <> 'ok' then
    return private.api_key_refusal(key_status, 'proxy');
  end if;
  select s.proxy_rate_limit_per_second, s.proxy_rate_limit_burst into rate, burst
  from public.organization_settings s where s.organization_id = org;
  rate := coalesce(rate, 50);
  burst := coalesce(burst, 200);
  wait := private.rate_limit_wait(key_id, rate, burst, 1, true);
  if wait > 0 then
    return jsonb_build_object('status', 'key_rate_limited',
      'message', format('This API key may make %s gateway calls per second, in bursts of up to %s. Retry after the Retry-After delay.',
                        rate, burst),
      'limit', jsonb_build_object('calls_per_second', rate, 'burst', burst),
      'retry_after_seconds', greatest(1, ceil(wait))::integer);
  end if;
  perform private.spend_rate_tokens(key_id, rate, burst, 1);
  answer := private.serve_prompt(org, p_capability, p_unit_id, p_action, p_intent,
                                 coalesce(private.jsonb_arg(p_variables), '{}'::jsonb));
  if answer ->> 'status' <> 'ok' then
    return answer;
  end if;
  answer := answer || jsonb_build_object('organization_id', org, 'api_key_id', key_id);
  if answer ->> 'provider' not in ('openai', 'anthropic', 'gemini') then
    return answer || jsonb_build_object('status', 'unsupported_provider',
      'message', format('The live version uses the %s provider, which the gateway cannot call: only openai, anthropic and gemini.',
                        answer ->> 'provider'));
  end if;
  select k.* into provider_key from public.provider_keys k
  where k.organization_id = org and k.provider = answer ->> 'provider' and k.revoked_at is null;
  price := private.price_for(org, answer ->> 'provider', answer ->> 'model');
  return answer || jsonb_build_object(
    'provider_key', case when provider_key.id is not null
      then jsonb_build_object('id', provider_key.id, 'ciphertext', provider_key.ciphertext) end,
    'price', case when price.id is not null then jsonb_build_object(
      'provider', price.provider, 'model', price.model,
      'input_per_mtok', price.input_per_mtok, 'output_per_mtok', price.output_per_mtok,
      'cached_input_per_mtok', price.cached_input_per_mtok) end);
end;
$$;
