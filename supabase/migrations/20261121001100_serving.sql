-- Serving: deployments say which version is live for a scope (a capability, optionally narrowed
-- by an action and an intent) and which active experiment splits that scope's traffic;
-- sticky assignment; exposures; the `resolve_prompt` RPC behind the `resolve` edge function;
-- one-click rollback and its impact view.

create type public.deployment_kind as enum ('deploy', 'rollback');

-- Append-only history: every deploy and rollback is a new row, and the row it replaces gets
-- `superseded_at`. The current deployment of a scope is its row with superseded_at null.
create table public.deployments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  capability_id uuid not null,
  action_id uuid,
  intent_id uuid,
  -- What the scope serves whenever no active experiment is assigning (none, paused, archived).
  version_id uuid not null,
  -- The experiment splitting this scope's traffic while it is active.
  experiment_id uuid,
  kind public.deployment_kind not null default 'deploy',
  -- Why: a release note, or the reason for a rollback (required).
  note text not null default '' check (char_length(note) <= 1000),
  -- The deployment that was live for the scope until this one.
  replaced_deployment_id uuid references public.deployments (id),
  -- What rolling this deployment back restores (null: nothing to roll back to). A rollback
  -- inherits its target's, so repeated rollbacks walk back through the history.
  rollback_to_deployment_id uuid references public.deployments (id),
  -- For a rollback: the earlier deployment it restored.
  restored_deployment_id uuid references public.deployments (id),
  deployed_by uuid references auth.users (id) on delete set null,
  deployed_at timestamptz not null default now(),
  superseded_at timestamptz,
  check (kind = 'deploy' or (restored_deployment_id is not null and char_length(btrim(note)) > 0)),
  foreign key (organization_id, capability_id) references public.capabilities (organization_id, id),
  foreign key (organization_id, action_id) references public.actions (organization_id, id),
  foreign key (organization_id, intent_id) references public.intents (organization_id, id),
  foreign key (organization_id, version_id) references public.experiment_versions (organization_id, id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id)
);
-- One current deployment per scope; also the index `resolve` looks scopes up with.
create unique index deployments_current_scope_idx
  on public.deployments (organization_id, capability_id, action_id, intent_id) nulls not distinct
  where superseded_at is null;
create index deployments_history_idx on public.deployments (organization_id, capability_id, deployed_at desc);
create index deployments_action_idx on public.deployments (organization_id, action_id);
create index deployments_intent_idx on public.deployments (organization_id, intent_id);
create index deployments_version_idx on public.deployments (organization_id, version_id);
create index deployments_experiment_idx on public.deployments (organization_id, experiment_id);
create index deployments_replaced_idx on public.deployments (replaced_deployment_id);
create index deployments_rollback_to_idx on public.deployments (rollback_to_deployment_id);
create index deployments_restored_idx on public.deployments (restored_deployment_id);
create index deployments_deployed_by_idx on public.deployments (deployed_by);

-- One row per experiment and unit: which variant (and version) the unit was assigned and when it
-- was first and last served. Attribution's sample-ratio check counts units per variant here.
create table public.exposures (
  experiment_id uuid not null references public.experiments (id) on delete cascade,
  unit_id text not null check (char_length(unit_id) between 1 and 256),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  variant_id uuid not null references public.experiment_variants (id) on delete cascade,
  version_id uuid not null references public.experiment_versions (id) on delete cascade,
  first_exposed_at timestamptz not null default now(),
  -- Refreshed at most once a minute per unit, so hot units do not churn the row.
  last_exposed_at timestamptz not null default now(),
  primary key (experiment_id, unit_id)
);
create index exposures_organization_idx on public.exposures (organization_id, first_exposed_at);
create index exposures_variant_idx on public.exposures (variant_id);
create index exposures_version_idx on public.exposures (version_id);

-- Deployments change only by being superseded; nothing else about them ever changes.
create or replace function private.guard_deployment_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    if exists (select 1 from public.organizations o where o.id = old.organization_id) then
      raise exception 'Deployments are history and are never deleted: roll back instead' using errcode = '42501';
    end if;
    return old;
  end if;
  if old.superseded_at is null and new.superseded_at is not null
     and (to_jsonb(new) - 'superseded_at') = (to_jsonb(old) - 'superseded_at') then
    return new;
  end if;
  raise exception 'Deployments are history and never change: deploy again or roll back instead'
    using errcode = '42501';
end;
$$;
revoke all on function private.guard_deployment_change() from public;

create trigger deployments_guard before update or delete on public.deployments
  for each row execute function private.guard_deployment_change();
create trigger deployments_audit after insert or update or delete on public.deployments
  for each row execute function private.audit_row_change('id');

alter table public.deployments enable row level security;
alter table public.exposures enable row level security;

create policy "members can read their organization's deployments" on public.deployments
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's exposures" on public.exposures
  for select to authenticated using ((select private.is_member(organization_id)));

-- Written only by the RPCs below (deployments) and by resolve_prompt (exposures).
revoke all on public.deployments, public.exposures from anon, authenticated;
grant select on public.deployments, public.exposures to authenticated;
grant all on public.deployments, public.exposures to service_role;

-- ---------------------------------------------------------------------------------------------
-- Sticky assignment. bucket = first 8 hex digits of md5(salt || ':' || unit_id) as an unsigned
-- 32-bit integer, mod 10000; variants own consecutive ranges of buckets by allocation (basis
-- points), in (position, key) order. The same salt and unit always give the same variant.

create or replace function private.assignment_bucket(p_salt text, p_unit_id text)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select ((('x' || left(md5(p_salt || ':' || p_unit_id), 8))::bit(32)::bigint) % 10000)::integer;
$$;

-- The variant a unit gets in an experiment; null when allocations leave its bucket uncovered.
create or replace function private.assign_variant(p_experiment_id uuid, p_unit_id text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select ranges.id
  from public.experiments e
  cross join lateral (
    select va.id, va.position, va.key,
           sum(va.allocation_bp) over (order by va.position, va.key) as upper_bound
    from public.experiment_variants va
    where va.experiment_id = e.id
  ) ranges
  where e.id = p_experiment_id
    and private.assignment_bucket(e.salt, p_unit_id) < ranges.upper_bound
  order by ranges.position, ranges.key
  limit 1;
$$;

revoke all on function private.assignment_bucket(text, text) from public;
revoke all on function private.assign_variant(uuid, text) from public;
grant execute on function private.assignment_bucket(text, text) to service_role;
grant execute on function private.assign_variant(uuid, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Serving, in one round trip (service role only; the `resolve` edge function calls it):
-- authenticates the org API key for scope `resolve`, finds the scope's live deployment (most
-- specific wins: capability+action+intent, then +action, then +intent, then the capability
-- alone), assigns the unit when the deployment's experiment is active and records the exposure,
-- and returns the prompt (template rendered with the version's bindings, overlaid by
-- `p_variables`), provider, model and config.
--
-- Scope keys are taxonomy keys (exact, case-sensitive). An unknown capability is an error; an
-- unknown action or intent simply matches no narrower deployment, so new labels from an NLU
-- never break serving.
--
-- Returns {"status": "ok", ...} or {"status": <error>, "message", ...} with status one of
-- invalid_api_key, revoked_api_key, missing_scope, unknown_scope, no_live_version,
-- invalid_variables. See docs/experiments.md for the full contract.
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
  found_capability uuid;
  found_action uuid;
  found_intent uuid;
  live public.deployments;
  experiment public.experiments;
  variant public.experiment_variants;
  served public.experiment_versions;
  template public.prompt_template_versions;
  request_values jsonb := '{}'::jsonb;
  given_values jsonb := private.jsonb_arg(p_variables);
  problems text[];
  requested jsonb := jsonb_build_object('capability', p_capability, 'action', p_action, 'intent', p_intent);
begin
  select a.status, a.organization_id into key_status, org
  from public.authenticate_api_key(coalesce(p_api_key, ''), 'resolve') a;
  if key_status = 'unknown_key' then
    return jsonb_build_object('status', 'invalid_api_key', 'message', 'The API key is not valid.');
  elsif key_status = 'revoked' then
    return jsonb_build_object('status', 'revoked_api_key', 'message', 'The API key has been revoked.');
  elsif key_status = 'missing_scope' then
    return jsonb_build_object('status', 'missing_scope',
      'message', 'The API key does not have the resolve scope.');
  end if;

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

revoke all on function public.resolve_prompt(text, text, text, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.resolve_prompt(text, text, text, text, text, jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Deploy and roll back.

-- The current deployment of one scope (null arguments mean "not narrowed").
create or replace function private.current_deployment(p_capability_id uuid, p_action_id uuid, p_intent_id uuid)
returns public.deployments
language sql
stable
security definer
set search_path = ''
as $$
  select d.* from public.deployments d
  where d.capability_id = p_capability_id
    and d.action_id is not distinct from p_action_id
    and d.intent_id is not distinct from p_intent_id
    and d.superseded_at is null;
$$;
revoke all on function private.current_deployment(uuid, uuid, uuid) from public;

-- Makes a version live for a scope, optionally with an active experiment splitting its traffic.
-- Only versions that went through review can be deployed: the version must be used by a variant
-- of an experiment that went active. Without p_version_id the experiment's control version is
-- the one served when the experiment is not assigning. Product managers, prompt engineers and
-- admins may deploy.
create or replace function public.deploy(
  p_capability_id uuid,
  p_version_id uuid default null,
  p_experiment_id uuid default null,
  p_action_id uuid default null,
  p_intent_id uuid default null,
  p_note text default ''
)
returns public.deployments
language plpgsql
security definer
set search_path = ''
as $$
declare
  org uuid;
  experiment public.experiments;
  chosen_version uuid := p_version_id;
  current_live public.deployments;
  created public.deployments;
begin
  select c.organization_id into org from public.capabilities c where c.id = p_capability_id;
  if org is null or not private.has_role(org, '{product_manager,prompt_engineer,admin}') then
    raise exception 'Only product managers, prompt engineers and admins can deploy' using errcode = '42501';
  end if;
  if p_action_id is not null and not exists (select 1 from public.actions a where a.id = p_action_id and a.organization_id = org) then
    raise exception 'That action is not in this organization' using errcode = '22023';
  end if;
  if p_intent_id is not null and not exists (select 1 from public.intents i where i.id = p_intent_id and i.organization_id = org) then
    raise exception 'That intent is not in this organization' using errcode = '22023';
  end if;

  if p_experiment_id is not null then
    select e.* into experiment from public.experiments e where e.id = p_experiment_id and e.organization_id = org;
    if experiment.id is null then
      raise exception 'That experiment is not in this organization' using errcode = '22023';
    end if;
    if experiment.status <> 'active' then
      raise exception 'Only active experiments can be deployed (this one is %)', experiment.status using errcode = '55000';
    end if;
    if experiment.capability_id <> p_capability_id then
      raise exception 'The experiment is for another capability' using errcode = '22023';
    end if;
    if p_action_id is not null
       and exists (select 1 from public.experiment_actions ea where ea.experiment_id = experiment.id)
       and not exists (select 1 from public.experiment_actions ea where ea.experiment_id = experiment.id and ea.action_id = p_action_id) then
      raise exception 'The experiment does not cover that action' using errcode = '22023';
    end if;
    if p_intent_id is not null
       and exists (select 1 from public.experiment_intents ei where ei.experiment_id = experiment.id)
       and not exists (select 1 from public.experiment_intents ei where ei.experiment_id = experiment.id and ei.intent_id = p_intent_id) then
      raise exception 'The experiment does not cover that intent' using errcode = '22023';
    end if;
    chosen_version := coalesce(chosen_version,
      (select va.version_id from public.experiment_variants va where va.experiment_id = experiment.id
       order by va.is_control desc, va.position, va.key limit 1));
  end if;
  if chosen_version is null then
    raise exception 'Say which version to deploy, or an experiment' using errcode = '22023';
  end if;
  if not exists (
    select 1 from public.experiment_versions v
    join public.experiment_variants va on va.version_id = v.id
    join public.experiments e on e.id = va.experiment_id
    where v.id = chosen_version and v.organization_id = org and e.activated_at is not null) then
    raise exception 'Only versions of experiments that were approved and went active can be deployed'
      using errcode = '55000';
  end if;

  -- One deploy or rollback at a time per capability, so each sees the current state.
  perform pg_advisory_xact_lock(hashtextextended('deployments:' || p_capability_id::text, 0));
  current_live := private.current_deployment(p_capability_id, p_action_id, p_intent_id);
  if current_live.id is not null then
    update public.deployments set superseded_at = now() where id = current_live.id;
  end if;
  insert into public.deployments (organization_id, capability_id, action_id, intent_id, version_id, experiment_id,
    kind, note, replaced_deployment_id, rollback_to_deployment_id, deployed_by)
  values (org, p_capability_id, p_action_id, p_intent_id, chosen_version, experiment.id,
          'deploy', coalesce(p_note, ''), current_live.id, current_live.id, (select auth.uid()))
  returning * into created;
  return created;
end;
$$;

-- One-click rollback of one scope (capability, or capability narrowed by action and/or intent):
-- restores what was live before the current deployment, recording who, when and why. Narrower
-- scopes with their own deployments are untouched (deployment_impact shows them). Product
-- managers, prompt engineers, operations and admins may roll back.
create or replace function public.rollback_deployment(
  p_capability_id uuid,
  p_reason text,
  p_action_id uuid default null,
  p_intent_id uuid default null
)
returns public.deployments
language plpgsql
security definer
set search_path = ''
as $$
declare
  org uuid;
  current_live public.deployments;
  target public.deployments;
  created public.deployments;
begin
  select c.organization_id into org from public.capabilities c where c.id = p_capability_id;
  if org is null or not private.has_role(org, '{product_manager,prompt_engineer,operations,admin}') then
    raise exception 'Only product managers, prompt engineers, operations and admins can roll back'
      using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception 'Say why you are rolling back' using errcode = '22023';
  end if;

  perform pg_advisory_xact_lock(hashtextextended('deployments:' || p_capability_id::text, 0));
  current_live := private.current_deployment(p_capability_id, p_action_id, p_intent_id);
  if current_live.id is null then
    raise exception 'Nothing is deployed for this scope' using errcode = '55000';
  end if;
  select d.* into target from public.deployments d where d.id = current_live.rollback_to_deployment_id;
  if target.id is null then
    raise exception 'This is the first deployment for this scope: there is nothing to roll back to'
      using errcode = '55000';
  end if;

  update public.deployments set superseded_at = now() where id = current_live.id;
  insert into public.deployments (organization_id, capability_id, action_id, intent_id, version_id, experiment_id,
    kind, note, replaced_deployment_id, rollback_to_deployment_id, restored_deployment_id, deployed_by)
  values (org, p_capability_id, p_action_id, p_intent_id, target.version_id, target.experiment_id,
          'rollback', btrim(p_reason), current_live.id, target.rollback_to_deployment_id, target.id,
          (select auth.uid()))
  returning * into created;
  return created;
end;
$$;

-- Before confirming a rollback: what is live where under the capability now, and what the
-- rollback of the target scope would change. One row per scope with a live deployment (the
-- target scope first, also when nothing is deployed there). `change` is:
--   rolls_back            the target: it will serve the after_* version and experiment
--   nothing_to_roll_back  the target has no earlier deployment (or none at all)
--   keeps_own_deployment  a narrower scope inside the target: its traffic is not affected
--   unchanged             any other scope
create or replace function public.deployment_impact(
  p_capability_id uuid,
  p_action_id uuid default null,
  p_intent_id uuid default null
)
returns table (
  capability_id uuid,
  action_id uuid,
  intent_id uuid,
  capability_key text,
  action_key text,
  intent_key text,
  is_target boolean,
  change text,
  deployment_id uuid,
  deployed_at timestamptz,
  deployed_by uuid,
  version_id uuid,
  version_label text,
  experiment_id uuid,
  experiment_name text,
  experiment_status public.experiment_status,
  after_deployment_id uuid,
  after_version_id uuid,
  after_version_label text,
  after_experiment_id uuid,
  after_experiment_name text
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
#variable_conflict use_column
declare
  org uuid;
begin
  select c.organization_id into org from public.capabilities c where c.id = p_capability_id;
  if org is null or not private.is_member(org) then
    raise exception 'Capability not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  return query
  with scopes as (
    select d.capability_id, d.action_id, d.intent_id from public.deployments d
    where d.capability_id = p_capability_id and d.superseded_at is null
    union
    select p_capability_id, p_action_id, p_intent_id
  ),
  live as (
    select s.capability_id, s.action_id, s.intent_id,
           (s.action_id is not distinct from p_action_id and s.intent_id is not distinct from p_intent_id) as is_target,
           d.id as deployment_id, d.deployed_at, d.deployed_by, d.version_id, d.experiment_id,
           d.rollback_to_deployment_id
    from scopes s
    left join public.deployments d
      on d.capability_id = s.capability_id and d.superseded_at is null
     and d.action_id is not distinct from s.action_id and d.intent_id is not distinct from s.intent_id
  )
  select l.capability_id, l.action_id, l.intent_id, c.key, a.key, i.key, l.is_target,
         case
           when l.is_target and after.id is not null then 'rolls_back'
           when l.is_target then 'nothing_to_roll_back'
           when (p_action_id is null or l.action_id = p_action_id)
                and (p_intent_id is null or l.intent_id = p_intent_id) then 'keeps_own_deployment'
           else 'unchanged'
         end,
         l.deployment_id, l.deployed_at, l.deployed_by, l.version_id,
         case when v.id is not null then format('%s v%s (%s)', ve.name, v.number, v.branch) end,
         l.experiment_id, e.name, e.status,
         after.id, after.version_id,
         case when after_v.id is not null then format('%s v%s (%s)', after_ve.name, after_v.number, after_v.branch) end,
         after.experiment_id, after_e.name
  from live l
  join public.capabilities c on c.id = l.capability_id
  left join public.actions a on a.id = l.action_id
  left join public.intents i on i.id = l.intent_id
  left join public.experiment_versions v on v.id = l.version_id
  left join public.experiments ve on ve.id = v.experiment_id
  left join public.experiments e on e.id = l.experiment_id
  left join public.deployments after on l.is_target and after.id = l.rollback_to_deployment_id
  left join public.experiment_versions after_v on after_v.id = after.version_id
  left join public.experiments after_ve on after_ve.id = after_v.experiment_id
  left join public.experiments after_e on after_e.id = after.experiment_id
  where l.deployment_id is not null or l.is_target
  order by l.is_target desc, (l.action_id is not null) desc, (l.intent_id is not null) desc, a.key, i.key;
end;
$$;

revoke all on function public.deploy(uuid, uuid, uuid, uuid, uuid, text) from public, anon;
revoke all on function public.rollback_deployment(uuid, text, uuid, uuid) from public, anon;
revoke all on function public.deployment_impact(uuid, uuid, uuid) from public, anon;
grant execute on function public.deploy(uuid, uuid, uuid, uuid, uuid, text) to authenticated, service_role;
grant execute on function public.rollback_deployment(uuid, text, uuid, uuid) to authenticated, service_role;
grant execute on function public.deployment_impact(uuid, uuid, uuid) to authenticated, service_role;
