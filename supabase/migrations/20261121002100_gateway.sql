-- The LLM gateway's database side: encrypted provider keys, the editable per-model price table
-- (and run costs computed from it at ingest), the `proxy` API key scope with the gateway's two
-- RPCs, and per-key ingest rate limiting. Contracts: docs/llm-gateway.md, docs/ingest-api.md.

-- ---------------------------------------------------------------------------------------------
-- The `proxy` scope: a key that may spend the organization's provider budget through llm-proxy.

alter table public.api_keys drop constraint api_keys_scopes_check;
alter table public.api_keys add constraint api_keys_scopes_check check (
  cardinality(scopes) > 0 and scopes <@ array['ingest', 'resolve', 'proxy']::text[]
);

create or replace function public.create_api_key(p_organization_id uuid, p_name text, p_scopes text[])
returns table (id uuid, name text, prefix text, scopes text[], created_at timestamptz, secret text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  key_prefix text := 'cw_' || encode(extensions.gen_random_bytes(6), 'hex');
  secret_part text := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  full_key text := key_prefix || '_' || secret_part;
  created public.api_keys;
begin
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can create API keys' using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 2 and 60 then
    raise exception 'Key name must be 2 to 60 characters' using errcode = '22023';
  end if;
  if p_scopes is null or cardinality(p_scopes) = 0 or not (p_scopes <@ array['ingest', 'resolve', 'proxy']) then
    raise exception 'Scopes must be one or more of: ingest, resolve, proxy' using errcode = '22023';
  end if;

  insert into public.api_keys (organization_id, name, prefix, key_hash, scopes, created_by)
  values (p_organization_id, btrim(p_name), key_prefix, private.hash_api_key(full_key),
          (select array_agg(distinct s order by s) from unnest(p_scopes) s), (select auth.uid()))
  returning * into created;

  return query select created.id, created.name, created.prefix, created.scopes, created.created_at, full_key;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Acting for a user the provider-keys edge function has verified (its JWT, via /auth/v1/user):
-- the service-role RPCs below call this first, so auth.uid() is that user for the rest of the
-- transaction. Role checks (private.has_role) and the audit trigger's actor then work exactly
-- as for a direct call, and no browser role can reach these RPCs at all.

create or replace function private.act_as(p_user uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_user is null then
    raise exception 'No user to act for' using errcode = '42501';
  end if;
  perform set_config('request.jwt.claim.sub', p_user::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', p_user, 'role', 'authenticated')::text, true);
end;
$$;
revoke all on function private.act_as(uuid) from public;
grant execute on function private.act_as(uuid) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Provider keys: one active key per organization and provider, encrypted by the provider-keys
-- edge function (AES-256-GCM under PROVIDER_KEYS_SECRET, _shared/crypto.ts; associated data
-- `<organization id>:<provider>`). The ciphertext is never granted to a browser role; revoking
-- erases it. Browsers see the provider, the last four characters, who added it and when.

create table public.provider_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  provider text not null check (provider in ('openai', 'anthropic', 'gemini')),
  -- `<key id>:<base64 iv>:<base64 ciphertext+tag>`; null once revoked.
  ciphertext text check (ciphertext ~ '^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'),
  last4 text not null check (char_length(last4) <= 4),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  rotated_at timestamptz,
  rotated_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  last_tested_at timestamptz,
  last_test_ok boolean,
  last_test_message text check (char_length(last_test_message) <= 1000),
  check ((revoked_at is null) = (ciphertext is not null))
);
create unique index provider_keys_active_idx on public.provider_keys (organization_id, provider)
  where revoked_at is null;
create index provider_keys_organization_idx on public.provider_keys (organization_id, created_at desc);
create index provider_keys_created_by_idx on public.provider_keys (created_by);
create index provider_keys_rotated_by_idx on public.provider_keys (rotated_by);
create index provider_keys_revoked_by_idx on public.provider_keys (revoked_by);

alter table public.provider_keys enable row level security;
create policy "engineers and admins read their organization's provider keys" on public.provider_keys
  for select to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')));

revoke all on public.provider_keys from anon, authenticated;
grant select (id, organization_id, provider, last4, created_by, created_at, rotated_at, rotated_by,
  revoked_at, revoked_by, last_tested_at, last_test_ok, last_test_message)
  on public.provider_keys to authenticated;
grant all on public.provider_keys to service_role;

-- The audit trigger drops the `ciphertext` column from what it logs.
create trigger provider_keys_audit after insert or update or delete on public.provider_keys
  for each row execute function private.audit_row_change('id');

-- What the browser may know about a key.
create or replace function private.provider_key_json(p_key public.provider_keys)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select to_jsonb(p_key) - 'ciphertext';
$$;
revoke all on function private.provider_key_json(public.provider_keys) from public;

-- add | rotate | revoke the active key of (organization, provider), for p_actor (service role
-- only: the provider-keys function, after verifying the user's JWT and encrypting the key).
-- Returns the key's public fields. Errors: 42501 not an engineer or admin of the organization;
-- 23505 add while a key is active; PT404 (PostgREST's "HTTP 404") rotate or revoke with no
-- active key; 22023 bad input.
create or replace function public.manage_provider_key(
  p_actor uuid,
  p_action text,
  p_organization_id uuid,
  p_provider text,
  p_ciphertext text default null,
  p_last4 text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed public.provider_keys;
begin
  perform private.act_as(p_actor);
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can manage provider keys' using errcode = '42501';
  end if;
  if p_action in ('add', 'rotate') and (p_ciphertext is null or p_last4 is null) then
    raise exception 'A key is required to %', p_action using errcode = '22023';
  end if;

  if p_action = 'add' then
    begin
      insert into public.provider_keys (organization_id, provider, ciphertext, last4, created_by)
      values (p_organization_id, p_provider, p_ciphertext, p_last4, p_actor)
      returning * into changed;
    exception when unique_violation then
      raise exception 'This organization already has an active % key: rotate it instead', p_provider
        using errcode = '23505';
    end;
  elsif p_action = 'rotate' then
    update public.provider_keys
    set ciphertext = p_ciphertext, last4 = p_last4, rotated_at = now(), rotated_by = p_actor,
        last_tested_at = null, last_test_ok = null, last_test_message = null
    where organization_id = p_organization_id and provider = p_provider and revoked_at is null
    returning * into changed;
  elsif p_action = 'revoke' then
    update public.provider_keys
    set ciphertext = null, revoked_at = now(), revoked_by = p_actor
    where organization_id = p_organization_id and provider = p_provider and revoked_at is null
    returning * into changed;
  else
    raise exception 'Unknown action %: use add, rotate or revoke', p_action using errcode = '22023';
  end if;
  if changed.id is null then
    raise exception 'This organization has no active % key', p_provider using errcode = 'PT404';
  end if;
  return private.provider_key_json(changed);
end;
$$;

-- The active key of (organization, provider) with its ciphertext, for p_actor to test it.
-- Same checks as manage_provider_key.
create or replace function public.provider_key_for_test(p_actor uuid, p_organization_id uuid, p_provider text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  found public.provider_keys;
begin
  perform private.act_as(p_actor);
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can test provider keys' using errcode = '42501';
  end if;
  select k.* into found from public.provider_keys k
  where k.organization_id = p_organization_id and k.provider = p_provider and k.revoked_at is null;
  if found.id is null then
    raise exception 'This organization has no active % key', p_provider using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', found.id, 'ciphertext', found.ciphertext);
end;
$$;

-- Records the outcome of a connection test (the provider's error message, never the key).
create or replace function public.record_provider_key_test(p_actor uuid, p_key_id uuid, p_ok boolean, p_message text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed public.provider_keys;
begin
  perform private.act_as(p_actor);
  update public.provider_keys k
  set last_tested_at = now(), last_test_ok = p_ok, last_test_message = left(p_message, 1000)
  where k.id = p_key_id and k.revoked_at is null and private.has_role(k.organization_id, '{engineer,admin}')
  returning * into changed;
  if changed.id is null then
    raise exception 'Provider key not found, revoked, or you may not test it' using errcode = '42501';
  end if;
  return private.provider_key_json(changed);
end;
$$;

revoke all on function public.manage_provider_key(uuid, text, uuid, text, text, text) from public, anon, authenticated;
revoke all on function public.provider_key_for_test(uuid, uuid, text) from public, anon, authenticated;
revoke all on function public.record_provider_key_test(uuid, uuid, boolean, text) from public, anon, authenticated;
grant execute on function public.manage_provider_key(uuid, text, uuid, text, text, text) to service_role;
grant execute on function public.provider_key_for_test(uuid, uuid, text) to service_role;
grant execute on function public.record_provider_key_test(uuid, uuid, boolean, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Model prices, USD per million tokens. Rows with no organization are the built-in defaults
-- (supabase/functions/_shared/pricing.ts DEFAULT_PRICES; a test keeps the two equal); an
-- organization's own row for a provider and model overrides the default. Every member reads,
-- engineers and admins edit their organization's rows.

create table public.model_prices (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid references public.organizations (id) on delete cascade,
  provider text not null check (provider in ('openai', 'anthropic', 'gemini', 'custom')),
  model text not null check (model ~ '^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,119}$'),
  input_per_mtok numeric not null check (input_per_mtok >= 0 and input_per_mtok <= 100000),
  output_per_mtok numeric not null check (output_per_mtok >= 0 and output_per_mtok <= 100000),
  -- Null: cached input tokens cost the same as input.
  cached_input_per_mtok numeric check (cached_input_per_mtok >= 0 and cached_input_per_mtok <= 100000),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
create unique index model_prices_model_idx on public.model_prices (organization_id, provider, model) nulls not distinct;
create index model_prices_lookup_idx on public.model_prices (model);
create index model_prices_updated_by_idx on public.model_prices (updated_by);

create or replace function private.stamp_model_price()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  return new;
end;
$$;
revoke all on function private.stamp_model_price() from public;

create trigger model_prices_stamp before insert or update on public.model_prices
  for each row execute function private.stamp_model_price();
-- Defaults have no organization to log to; the trigger skips them.
create trigger model_prices_audit after insert or update or delete on public.model_prices
  for each row execute function private.audit_row_change('id');

alter table public.model_prices enable row level security;
create policy "members can read default and their organization's prices" on public.model_prices
  for select to authenticated
  using (organization_id is null or (select private.is_member(organization_id)));
create policy "engineers and admins can add their organization's prices" on public.model_prices
  for insert to authenticated
  with check (organization_id is not null and (select private.has_role(organization_id, '{engineer,admin}')));
create policy "engineers and admins can change their organization's prices" on public.model_prices
  for update to authenticated
  using (organization_id is not null and (select private.has_role(organization_id, '{engineer,admin}')))
  with check (organization_id is not null and (select private.has_role(organization_id, '{engineer,admin}')));
create policy "engineers and admins can delete their organization's prices" on public.model_prices
  for delete to authenticated
  using (organization_id is not null and (select private.has_role(organization_id, '{engineer,admin}')));

revoke all on public.model_prices from anon, authenticated;
grant select on public.model_prices to authenticated;
grant insert (organization_id, provider, model, input_per_mtok, output_per_mtok, cached_input_per_mtok)
  on public.model_prices to authenticated;
grant update (input_per_mtok, output_per_mtok, cached_input_per_mtok) on public.model_prices to authenticated;
grant delete on public.model_prices to authenticated;
grant all on public.model_prices to service_role;

insert into public.model_prices (organization_id, provider, model, input_per_mtok, output_per_mtok, cached_input_per_mtok)
values
  (null, 'openai', 'gpt-4o', 2.5, 10, 1.25),
  (null, 'openai', 'gpt-4o-mini', 0.15, 0.6, 0.075),
  (null, 'openai', 'gpt-4.1', 2, 8, 0.5),
  (null, 'openai', 'gpt-4.1-mini', 0.4, 1.6, 0.1),
  (null, 'openai', 'gpt-4.1-nano', 0.1, 0.4, 0.025),
  (null, 'openai', 'o4-mini', 1.1, 4.4, 0.275),
  (null, 'openai', 'gpt-5', 1.25, 10, 0.125),
  (null, 'openai', 'gpt-5-mini', 0.25, 2, 0.025),
  (null, 'anthropic', 'claude-opus-4-1', 15, 75, 1.5),
  (null, 'anthropic', 'claude-opus-4', 15, 75, 1.5),
  (null, 'anthropic', 'claude-sonnet-4-5', 3, 15, 0.3),
  (null, 'anthropic', 'claude-sonnet-4', 3, 15, 0.3),
  (null, 'anthropic', 'claude-3-7-sonnet', 3, 15, 0.3),
  (null, 'anthropic', 'claude-haiku-4-5', 1, 5, 0.1),
  (null, 'anthropic', 'claude-3-5-haiku', 0.8, 4, 0.08),
  (null, 'gemini', 'gemini-2.5-pro', 1.25, 10, 0.125),
  (null, 'gemini', 'gemini-2.5-flash', 0.3, 2.5, 0.03),
  (null, 'gemini', 'gemini-2.5-flash-lite', 0.1, 0.4, 0.01),
  (null, 'gemini', 'gemini-2.0-flash', 0.1, 0.4, 0.025);

-- The names a model's price may be filed under, most specific first: as given (without Gemini's
-- `models/` prefix), then without a snapshot suffix (a date, -latest, or a 3-digit revision),
-- twice. The same rule as findPrice() in _shared/pricing.ts: never a looser prefix.
create or replace function private.price_model_names(p_model text)
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select array[m0, m1, regexp_replace(m1, '-(\d{4}-\d{2}-\d{2}|\d{8}|latest|\d{3})$', '')]
  from (select m0, regexp_replace(m0, '-(\d{4}-\d{2}-\d{2}|\d{8}|latest|\d{3})$', '') as m1
        from (select regexp_replace(btrim(p_model), '^models/', '') as m0) a) b;
$$;
revoke all on function private.price_model_names(text) from public;
grant execute on function private.price_model_names(text) to authenticated, service_role;

-- The price row for a run: the organization's own row before the default, an exact name before
-- a snapshot's base name. A null provider matches any provider.
create or replace function private.price_for(p_organization_id uuid, p_provider text, p_model text)
returns public.model_prices
language sql
stable
security definer
set search_path = ''
as $$
  select p.* from public.model_prices p
  where p_model is not null
    and (p.organization_id = p_organization_id or p.organization_id is null)
    and (p_provider is null or p.provider = p_provider)
    and p.model = any (private.price_model_names(p_model))
  order by array_position(private.price_model_names(p_model), p.model), p.organization_id nulls last
  limit 1;
$$;
revoke all on function private.price_for(uuid, text, text) from public;
grant execute on function private.price_for(uuid, text, text) to service_role;

-- Cost in USD, as costFromUsage() in _shared/pricing.ts: cached tokens (part of the input) at
-- the cached price, rounded to 1e-10. Null when there is no price or no token count.
create or replace function private.run_cost(p_price public.model_prices, p_in integer, p_out integer, p_cached integer)
returns numeric
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when p_price.id is null or (p_in is null and p_out is null) then null else
    round((
      (greatest(coalesce(p_in, 0), 0) - least(greatest(coalesce(p_cached, 0), 0), greatest(coalesce(p_in, 0), 0)))
        * p_price.input_per_mtok
      + least(greatest(coalesce(p_cached, 0), 0), greatest(coalesce(p_in, 0), 0))
        * coalesce(p_price.cached_input_per_mtok, p_price.input_per_mtok)
      + greatest(coalesce(p_out, 0), 0) * p_price.output_per_mtok
    ) / 1000000, 10) end;
$$;
revoke all on function private.run_cost(public.model_prices, integer, integer, integer) from public;
grant execute on function private.run_cost(public.model_prices, integer, integer, integer) to service_role;

-- The price table as the organization sees it: every default (with the organization's override
-- when it has one) and every model only the organization prices. One row per provider and model.
create or replace function public.effective_model_prices(p_organization_id uuid)
returns table (
  provider text,
  model text,
  input_per_mtok numeric,
  output_per_mtok numeric,
  cached_input_per_mtok numeric,
  is_override boolean,
  override_id uuid,
  default_input_per_mtok numeric,
  default_output_per_mtok numeric,
  default_cached_input_per_mtok numeric,
  updated_by uuid,
  updated_at timestamptz
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not private.is_member(p_organization_id) then
    raise exception 'You are not a member of this organization' using errcode = '42501';
  end if;
  return query
  select coalesce(o.provider, d.provider), coalesce(o.model, d.model),
         coalesce(o.input_per_mtok, d.input_per_mtok), coalesce(o.output_per_mtok, d.output_per_mtok),
         case when o.id is not null then o.cached_input_per_mtok else d.cached_input_per_mtok end,
         o.id is not null, o.id,
         d.input_per_mtok, d.output_per_mtok, d.cached_input_per_mtok,
         case when o.id is not null then o.updated_by end,
         case when o.id is not null then o.updated_at end
  from (select * from public.model_prices where organization_id is null) d
  full join (select * from public.model_prices where organization_id = p_organization_id) o
    on o.provider = d.provider and o.model = d.model
  order by 1, 2;
end;
$$;
revoke all on function public.effective_model_prices(uuid) from public, anon;
grant execute on function public.effective_model_prices(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Serving for the gateway. resolve_prompt's body moves to private.serve_prompt (taking an
-- organization already authenticated) so `resolve` and `llm-proxy` serve exactly the same way;
-- resolve_prompt keeps its signature and behaviour.

create or replace function private.serve_prompt(
  org uuid,
  p_capability text,
  p_unit_id text,
  p_action text,
  p_intent text,
  p_variables jsonb
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  found_capability uuid;
  found_action uuid;
  found_intent uuid;
  live public.deployments;
  experiment public.experiments;
  variant public.experiment_variants;
  served public.experiment_versions;
  template public.prompt_template_versions;
  request_values jsonb := '{}'::jsonb;
  given_values jsonb := p_variables;
  problems text[];
  requested jsonb := jsonb_build_object('capability', p_capability, 'action', p_action, 'intent', p_intent);
begin
  select c.id into found_capability from public.capabilities c where c.organization_id = org and c.key = p_capability;
  if found_capability is null then
    return jsonb_build_object('status', 'unknown_scope', 'scope', requested,
      'message', format('No capability with key %s in this organization.', p_capability));
  end if;
  if p_action is not null then
    select a.id into found_action from public.actions a where a.organization_id = org and a.key = p_action;
  end if;
  if p_intent is not null then
    select i.id into found_intent from public.intents i where i.organization_id = org and i.key = p_intent;
  end if;

  select d.* into live
  from public.deployments d
  where d.organization_id = org and d.capability_id = found_capability and d.superseded_at is null
    and (d.action_id is null or d.action_id = found_action)
    and (d.intent_id is null or d.intent_id = found_intent)
  order by (d.action_id is not null) desc, (d.intent_id is not null) desc
  limit 1;
  if live.id is null then
    return jsonb_build_object('status', 'no_live_version', 'scope', requested,
      'message', format('Nothing is deployed for capability %s%s%s.', p_capability,
                        coalesce(', action ' || p_action, ''), coalesce(', intent ' || p_intent, '')));
  end if;

  if live.experiment_id is not null then
    select e.* into experiment from public.experiments e where e.id = live.experiment_id;
    if experiment.status = 'active' then
      select va.* into variant from public.experiment_variants va
      where va.id = private.assign_variant(experiment.id, p_unit_id);
    end if;
  end if;
  select v.* into served from public.experiment_versions v
  where v.id = coalesce(variant.version_id, live.version_id);

  if served.template_version_id is not null and given_values is not null then
    select tv.* into template from public.prompt_template_versions tv where tv.id = served.template_version_id;
    -- Request variables override the version's bindings, for variables the template declares.
    select coalesce(jsonb_object_agg(given.key, given.value), '{}') into request_values
    from jsonb_each(given_values) given
    where exists (select 1 from jsonb_array_elements(template.variables) d where d.value ->> 'name' = given.key);
    problems := private.template_binding_problems(template.variables, served.template_bindings || request_values);
    if cardinality(problems) > 0 then
      return jsonb_build_object('status', 'invalid_variables', 'problems', to_jsonb(problems),
        'message', 'Some variables do not fit the template: ' || array_to_string(problems, '; '));
    end if;
  end if;

  if variant.id is not null then
    insert into public.exposures (experiment_id, unit_id, organization_id, variant_id, version_id)
    values (experiment.id, p_unit_id, org, variant.id, served.id)
    on conflict (experiment_id, unit_id) do update set last_exposed_at = now()
    where public.exposures.last_exposed_at < now() - interval '1 minute';
  end if;

  return jsonb_build_object(
    'status', 'ok',
    'prompt', private.version_prompt(served, request_values),
    'provider', served.provider,
    'model', served.model,
    'config', jsonb_build_object(
      'system_prompt', served.system_prompt,
      'temperature', served.temperature,
      'top_p', served.top_p,
      'max_tokens', served.max_tokens,
      'stop_sequences', to_jsonb(served.stop_sequences),
      'tools', served.tools,
      'params', served.params),
    -- Only an assignment attributes traffic to the experiment (not a paused one's baseline).
    'experiment_id', case when variant.id is not null then experiment.id end,
    'variant_id', variant.id,
    'variant_key', variant.key,
    'version_id', served.id,
    'deployment_id', live.id,
    'scope', jsonb_build_object(
      'capability', p_capability,
      'action', case when live.action_id is not null then p_action end,
      'intent', case when live.intent_id is not null then p_intent end)
  );
end;
$$;
revoke all on function private.serve_prompt(uuid, text, text, text, text, jsonb) from public;
grant execute on function private.serve_prompt(uuid, text, text, text, text, jsonb) to service_role;

-- The key's answer as one of the RPCs' error statuses, or null when it may go on.
create or replace function private.api_key_refusal(p_status text, p_scope text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case p_status
    when 'unknown_key' then jsonb_build_object('status', 'invalid_api_key', 'message', 'The API key is not valid.')
    when 'revoked' then jsonb_build_object('status', 'revoked_api_key', 'message', 'The API key has been revoked.')
    when 'missing_scope' then jsonb_build_object('status', 'missing_scope',
      'message', format('The API key does not have the %s scope.', p_scope))
  end;
$$;
revoke all on function private.api_key_refusal(text, text) from public;
grant execute on function private.api_key_refusal(text, text) to service_role;

create or replace function public.resolve_prompt(
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
begin
  select a.status, a.organization_id into key_status, org
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'resolve') a;
  if key_status <> 'ok' then
    return private.api_key_refusal(key_status, 'resolve');
  end if;
  return private.serve_prompt(org, p_capability, p_unit_id, p_action, p_intent, private.jsonb_arg(p_variables));
end;
$$;

-- Everything llm-proxy needs before calling the provider, in one round trip (service role
-- only): authenticates the key for scope `proxy`, serves the scope as resolve_prompt does
-- (assignment and exposure included; variables are always checked, so a template variable
-- without a value is an error rather than a literal {{name}} sent to the model), and adds the
-- organization's active key for the served provider (encrypted) and the model's price.
--
-- Returns {"status": "ok", ...resolve_prompt's answer, "organization_id", "api_key_id",
-- "provider_key": {"id", "ciphertext"} | null, "price": {...} | null}, or an error status:
-- resolve_prompt's, plus unsupported_provider (a `custom` version).
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
begin
  select a.status, a.organization_id, a.api_key_id into key_status, org, key_id
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'proxy') a;
  if key_status <> 'ok' then
    return private.api_key_refusal(key_status, 'proxy');
  end if;
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
revoke all on function public.gateway_prepare(text, text, text, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.gateway_prepare(text, text, text, text, text, jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Ingest rate limits: a token bucket per API key, in events. Each key may send
-- `ingest_rate_limit_per_second` events per second on average and bursts up to
-- `ingest_rate_limit_burst`; a batch costs its number of events (at least 1). Set per
-- organization by the operator (not from the app).

alter table public.organization_settings
  add column ingest_rate_limit_per_second integer not null default 10000
    check (ingest_rate_limit_per_second between 1 and 1000000),
  add column ingest_rate_limit_burst integer not null default 20000
    check (ingest_rate_limit_burst between 1 and 10000000);

create table private.ingest_rate_buckets (
  api_key_id uuid primary key references public.api_keys (id) on delete cascade,
  tokens double precision not null,
  refreshed_at timestamptz not null
);
revoke all on private.ingest_rate_buckets from public;
grant all on private.ingest_rate_buckets to service_role;

-- ---------------------------------------------------------------------------------------------
-- Ingestion. ingest_events' body moves to private.ingest_batch (taking an authenticated
-- organization) so llm-proxy records its runs the same way, and run costs are now filled in from
-- the price table when the event sends none (an explicit cost_usd always wins). ingest_events
-- keeps its signature and results, and adds the `rate_limited` status.

create or replace function private.ingest_batch(org uuid, batch jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  text_policy text;
  inserted jsonb;
  results jsonb;
begin
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
      r.time_to_first_token_ms, r.tokens_in, r.tokens_out, r.tokens_cached,
      coalesce(r.cost_usd, private.run_cost(
        case when r.model is not null and (r.tokens_in is not null or r.tokens_out is not null)
             then private.price_for(org, r.provider, r.model) end,
        r.tokens_in, r.tokens_out, r.tokens_cached)),
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
revoke all on function private.ingest_batch(uuid, jsonb) from public;
grant execute on function private.ingest_batch(uuid, jsonb) to service_role;

-- p_events and the results: see private.ingest_batch and docs/ingest-api.md. Rate limiting is
-- checked before anything is written and charged after, so concurrent batches of one key hold
-- the bucket's row lock only from their last statement to their commit (they may overdraw the
-- bucket slightly; the debt is paid back before the key's next batch passes).
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
  available double precision;
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
  select least(burst, b.tokens + extract(epoch from (clock_timestamp() - b.refreshed_at)) * rate)
  into available from private.ingest_rate_buckets b where b.api_key_id = key_id;
  available := coalesce(available, burst);
  if available < cost then
    return jsonb_build_object('status', 'rate_limited',
      'message', format('This API key may send %s events per second, in bursts of up to %s; this batch of %s would exceed that. Retry after the Retry-After delay.',
                        rate, burst, cost::integer),
      'limit', jsonb_build_object('events_per_second', rate, 'burst', burst),
      'retry_after_seconds', ceil((cost - available) / rate)::integer);
  end if;

  answer := private.ingest_batch(org, batch);

  insert into private.ingest_rate_buckets as b (api_key_id, tokens, refreshed_at)
  values (key_id, burst - cost, clock_timestamp())
  on conflict (api_key_id) do update
  set tokens = greatest(-burst, least(burst, b.tokens + extract(epoch from (clock_timestamp() - b.refreshed_at)) * rate) - cost),
      refreshed_at = clock_timestamp();
  return answer;
end;
$$;

-- The gateway's runs, for the organization whose `proxy` key gateway_prepare authenticated
-- (service role only). Not rate limited: each run is one provider call that already happened.
create or replace function public.gateway_record_runs(p_organization_id uuid, p_events jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  return private.ingest_batch(p_organization_id, private.jsonb_arg(p_events));
end;
$$;
revoke all on function public.gateway_record_runs(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.gateway_record_runs(uuid, jsonb) to service_role;
