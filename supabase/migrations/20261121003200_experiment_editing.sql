-- Editing drafts in one database operation each: moving the control flag between variants, and
-- changing an experiment's details (name, hypothesis, capability, intents, actions, metrics).
-- Before this, both were several writes from the browser, and a failure between them could leave
-- an experiment with no control (or half its details saved).
--
-- Both RPCs are security invoker: every row they write still passes the policies of
-- 20261121001000_experiments.sql and the draft-only triggers, as a direct write would. The checks
-- up front only turn what row-level security would silently filter into errors people can act on.

-- The experiment, locked for the rest of the transaction, when the caller may edit it (an
-- editor, and it is a draft); raises otherwise. Locking serialises concurrent edits of one draft
-- and keeps it from being submitted halfway through an edit.
create or replace function private.lock_draft_for_edit(p_experiment_id uuid)
returns public.experiments
language plpgsql
set search_path = ''
as $$
declare
  target public.experiments;
begin
  select * into target from public.experiments e where e.id = p_experiment_id;
  if target.id is null then
    raise exception 'Experiment not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  if not private.has_role(target.organization_id, '{product_manager,prompt_engineer,admin}') then
    raise exception 'Only product managers, prompt engineers and admins can edit experiments' using errcode = '42501';
  end if;
  if target.status <> 'draft' then
    raise exception 'Only draft experiments can be edited (this one is %): fork it to change it', target.status
      using errcode = '55000';
  end if;
  -- Row-level security lets editors lock drafts only: no row means it just left draft.
  select * into target from public.experiments e where e.id = p_experiment_id and e.status = 'draft' for update;
  if target.id is null then
    raise exception 'The experiment left draft while you were editing it: reload it' using errcode = '55000';
  end if;
  return target;
end;
$$;
revoke all on function private.lock_draft_for_edit(uuid) from public;
grant execute on function private.lock_draft_for_edit(uuid) to authenticated, service_role;

-- Makes a variant its experiment's control, in one transaction: the current control is unmarked
-- and the new one marked, or neither happens. A no-op when it already is the control, so a retry
-- changes nothing.
create or replace function public.set_control_variant(p_variant_id uuid)
returns public.experiment_variants
language plpgsql
security invoker
set search_path = ''
as $$
declare
  chosen public.experiment_variants;
begin
  select * into chosen from public.experiment_variants va where va.id = p_variant_id;
  if chosen.id is null then
    raise exception 'Variant not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  perform private.lock_draft_for_edit(chosen.experiment_id);
  if chosen.is_control then
    return chosen;
  end if;
  -- Two statements, in this order: the one-control index is checked row by row.
  update public.experiment_variants set is_control = false
  where experiment_id = chosen.experiment_id and is_control and id <> chosen.id;
  update public.experiment_variants set is_control = true where id = chosen.id
  returning * into chosen;
  return chosen;
end;
$$;

-- An id from a JSON argument (null or missing: null); 22023 naming the field when it is not a uuid.
create or replace function private.uuid_arg(p_value jsonb, p_field text)
returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_value is null or jsonb_typeof(p_value) = 'null' then
    return null;
  end if;
  if jsonb_typeof(p_value) <> 'string'
     or p_value #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception '% must be an id, not %', p_field, p_value using errcode = '22023';
  end if;
  return (p_value #>> '{}')::uuid;
end;
$$;

-- A list of ids from a JSON argument (null or missing: none), duplicates dropped.
create or replace function private.uuid_list_arg(p_value jsonb, p_field text)
returns uuid[]
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_value is null or jsonb_typeof(p_value) = 'null' then
    return '{}';
  end if;
  if jsonb_typeof(p_value) <> 'array' then
    raise exception '% must be a list of ids', p_field using errcode = '22023';
  end if;
  return array(
    select distinct private.uuid_arg(item, p_field) from jsonb_array_elements(p_value) item
    where jsonb_typeof(item) <> 'null');
end;
$$;
revoke all on function private.uuid_arg(jsonb, text) from public;
revoke all on function private.uuid_list_arg(jsonb, text) from public;
grant execute on function private.uuid_arg(jsonb, text), private.uuid_list_arg(jsonb, text)
  to authenticated, service_role;

-- Refuses ids that are not entries of the organization's `p_table` (intents, actions,
-- metric_definitions, capabilities), and archived entries the experiment does not already use
-- (`p_link_table`.`p_link_column`): archiving hides an entry from new work but keeps what uses it.
-- `p_noun` names the entries in messages, e.g. "intent".
create or replace function private.assert_usable_entries(
  p_organization_id uuid,
  p_experiment_id uuid,
  p_ids uuid[],
  p_table text,
  p_link_table text,
  p_link_column text,
  p_noun text
)
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  unknown text[];
  archived text[];
begin
  execute format(
    'select array(select requested::text from unnest($1) requested
                  where not exists (select 1 from public.%I entry
                                    where entry.id = requested and entry.organization_id = $2))',
    p_table)
  into unknown using p_ids, p_organization_id;
  if cardinality(unknown) > 0 then
    raise exception 'No % with the id % in this organization: reload and choose again', p_noun,
      array_to_string(unknown, ', ') using errcode = '22023';
  end if;
  execute format(
    'select array(select entry.name from public.%I entry
                  where entry.id = any ($1) and entry.archived_at is not null
                    and not exists (select 1 from public.%I link
                                    where link.%I = $2 and link.%I = entry.id)
                  order by entry.name)',
    p_table, p_link_table, case when p_link_table = 'experiments' then 'id' else 'experiment_id' end,
    p_link_column)
  into archived using p_ids, p_experiment_id;
  if cardinality(archived) > 0 then
    raise exception 'Archived entries cannot be added to an experiment: % % (choose another, or restore it first)',
      p_noun, array_to_string(archived, ', ') using errcode = '22023';
  end if;
end;
$$;
revoke all on function private.assert_usable_entries(uuid, uuid, uuid[], text, text, text, text) from public;
grant execute on function private.assert_usable_entries(uuid, uuid, uuid[], text, text, text, text)
  to authenticated, service_role;

-- Changes a draft's details in one transaction. `p_details` holds any of:
--   { "name", "hypothesis", "capability_id", "intent_ids": [], "action_ids": [],
--     "primary_metric_id" (null: none), "guardrail_metric_ids": [] }
-- A key left out keeps its value; a list replaces the current one. Rows that stay the same are
-- not rewritten, so the audit trail shows only what changed. When the guardrails are left out,
-- a metric promoted to primary stops being a guardrail.
create or replace function public.update_experiment_details(p_experiment_id uuid, p_details jsonb)
returns public.experiments
language plpgsql
security invoker
set search_path = ''
as $$
declare
  details jsonb := private.jsonb_arg(p_details);
  target public.experiments;
  unknown text[];
  new_name text;
  new_hypothesis text;
  new_capability uuid;
  new_intents uuid[];
  new_actions uuid[];
  new_primary uuid;
  new_guardrails uuid[];
begin
  target := private.lock_draft_for_edit(p_experiment_id);
  if jsonb_typeof(details) is distinct from 'object' then
    raise exception 'The details must be a JSON object' using errcode = '22023';
  end if;
  unknown := array(
    select k from jsonb_object_keys(details) k
    where k not in ('name', 'hypothesis', 'capability_id', 'intent_ids', 'action_ids',
                    'primary_metric_id', 'guardrail_metric_ids')
    order by k);
  if cardinality(unknown) > 0 then
    raise exception 'These fields cannot be edited here: %', array_to_string(unknown, ', ')
      using errcode = '22023';
  end if;

  -- The table's CHECK constraints say the same; checked here to name the field in the error.
  new_name := case when details ? 'name' then btrim(coalesce(details ->> 'name', '')) else target.name end;
  if char_length(new_name) not between 2 and 120 then
    raise exception 'name must be 2 to 120 characters' using errcode = '22023';
  end if;
  new_hypothesis := case when details ? 'hypothesis' then coalesce(details ->> 'hypothesis', '') else target.hypothesis end;
  if char_length(new_hypothesis) > 4000 then
    raise exception 'hypothesis must be 4000 characters or fewer' using errcode = '22023';
  end if;
  if details ? 'capability_id' then
    new_capability := private.uuid_arg(details -> 'capability_id', 'capability_id');
    if new_capability is null then
      raise exception 'capability_id is required: every experiment serves one capability' using errcode = '22023';
    end if;
    perform private.assert_usable_entries(target.organization_id, target.id, array[new_capability],
      'capabilities', 'experiments', 'capability_id', 'capability');
  else
    new_capability := target.capability_id;
  end if;

  update public.experiments
  set name = new_name, hypothesis = new_hypothesis, capability_id = new_capability
  where id = target.id
    and (name, hypothesis, capability_id) is distinct from (new_name, new_hypothesis, new_capability);

  if details ? 'intent_ids' then
    new_intents := private.uuid_list_arg(details -> 'intent_ids', 'intent_ids');
    perform private.assert_usable_entries(target.organization_id, target.id, new_intents,
      'intents', 'experiment_intents', 'intent_id', 'intent');
    delete from public.experiment_intents
    where experiment_id = target.id and intent_id <> all (new_intents);
    insert into public.experiment_intents (experiment_id, intent_id, organization_id)
    select target.id, wanted, target.organization_id from unnest(new_intents) wanted
    where not exists (select 1 from public.experiment_intents ei
                      where ei.experiment_id = target.id and ei.intent_id = wanted);
  end if;

  if details ? 'action_ids' then
    new_actions := private.uuid_list_arg(details -> 'action_ids', 'action_ids');
    perform private.assert_usable_entries(target.organization_id, target.id, new_actions,
      'actions', 'experiment_actions', 'action_id', 'action');
    delete from public.experiment_actions
    where experiment_id = target.id and action_id <> all (new_actions);
    insert into public.experiment_actions (experiment_id, action_id, organization_id)
    select target.id, wanted, target.organization_id from unnest(new_actions) wanted
    where not exists (select 1 from public.experiment_actions ea
                      where ea.experiment_id = target.id and ea.action_id = wanted);
  end if;

  if details ? 'primary_metric_id' or details ? 'guardrail_metric_ids' then
    if details ? 'primary_metric_id' then
      new_primary := private.uuid_arg(details -> 'primary_metric_id', 'primary_metric_id');
    else
      select em.metric_id into new_primary from public.experiment_metrics em
      where em.experiment_id = target.id and em.role = 'primary';
    end if;
    if details ? 'guardrail_metric_ids' then
      new_guardrails := private.uuid_list_arg(details -> 'guardrail_metric_ids', 'guardrail_metric_ids');
      if new_primary = any (new_guardrails) then
        raise exception 'The primary metric cannot also be a guardrail' using errcode = '22023';
      end if;
    else
      new_guardrails := array(select em.metric_id from public.experiment_metrics em
                              where em.experiment_id = target.id and em.role = 'guardrail'
                                and em.metric_id is distinct from new_primary);
    end if;
    perform private.assert_usable_entries(target.organization_id, target.id,
      array_remove(new_guardrails || new_primary, null),
      'metric_definitions', 'experiment_metrics', 'metric_id', 'metric');

    delete from public.experiment_metrics
    where experiment_id = target.id and metric_id <> all (array_remove(new_guardrails || new_primary, null));
    -- Demote before promoting: an experiment has one primary at any moment, row by row.
    update public.experiment_metrics set role = 'guardrail'
    where experiment_id = target.id and role = 'primary' and metric_id = any (new_guardrails);
    update public.experiment_metrics set role = 'primary'
    where experiment_id = target.id and role = 'guardrail' and metric_id = new_primary;
    insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
    select target.id, wanted.metric_id, target.organization_id, wanted.role
    from (select new_primary as metric_id, 'primary'::public.experiment_metric_role as role
          where new_primary is not null
          union all
          select g, 'guardrail'::public.experiment_metric_role from unnest(new_guardrails) g) wanted
    where not exists (select 1 from public.experiment_metrics em
                      where em.experiment_id = target.id and em.metric_id = wanted.metric_id);
  end if;

  select * into target from public.experiments e where e.id = target.id;
  return target;
end;
$$;

revoke all on function public.set_control_variant(uuid) from public, anon;
revoke all on function public.update_experiment_details(uuid, jsonb) from public, anon;
grant execute on function public.set_control_variant(uuid) to authenticated, service_role;
grant execute on function public.update_experiment_details(uuid, jsonb) to authenticated, service_role;
