-- Experiments: the taxonomy (capabilities, actions, intents), outcome metric definitions, prompt
-- templates, experiments with immutable versions and variants, the review lifecycle with its
-- approval rule, comments, in-app notifications, and an append-only audit log. Serving
-- (deployments, exposures, resolve, rollback) is the next migration.
--
-- Who may do what is in docs/permissions.md; in short:
--   editors    = product managers, prompt engineers and admins: create and edit drafts, deploy;
--   approvers  = product managers and admins who did not author the experiment;
--   operations = may pause an active experiment and roll back during an incident, and comment;
--   engineers  = read and comment; enablement = read only.
-- Every rule is enforced here, for every caller: row-level security decides which rows a browser
-- session may touch, and triggers keep the invariants (frozen non-drafts, immutable versions,
-- the lifecycle and the approval count) whoever writes, service role included.

create type public.experiment_status as enum ('draft', 'in_review', 'active', 'paused', 'archived');
create type public.llm_provider as enum ('openai', 'anthropic', 'gemini', 'custom');
create type public.metric_aggregation as enum ('rate', 'mean', 'sum', 'percentile');
create type public.metric_direction as enum ('higher_is_better', 'lower_is_better');
create type public.experiment_metric_role as enum ('primary', 'guardrail');
create type public.review_decision as enum ('approved', 'changes_requested');
create type public.notification_kind as enum (
  'review_requested', 'review_approved', 'changes_requested', 'experiment_activated', 'experiment_paused'
);

-- ---------------------------------------------------------------------------------------------
-- The audit log is append-only, for everyone. The only way rows leave it is with their whole
-- organization, which the app never deletes (an operator erasing a tenant does).

create or replace function private.refuse_audit_log_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_level = 'ROW' and tg_op = 'DELETE' then
    if not exists (select 1 from public.organizations o where o.id = old.organization_id) then
      return old;
    end if;
  end if;
  raise exception 'The audit log is append-only: rows cannot be %d', lower(tg_op)
    using errcode = '42501';
end;
$$;
revoke all on function private.refuse_audit_log_change() from public;

create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.refuse_audit_log_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_audit_log_change();

-- ---------------------------------------------------------------------------------------------
-- Generic triggers for this feature.

-- Authorship comes from the session, never from the client: the column is not even granted.
-- Server code without a session (seed, service role) may set it explicitly.
create or replace function private.stamp_created_by()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.created_by := coalesce((select auth.uid()), new.created_by);
  return new;
end;
$$;
revoke all on function private.stamp_created_by() from public;

-- For history tables (versions, reviews, deployments): rows are never changed or deleted, by
-- anyone. The only exception is the cascade from deleting a whole organization.
-- tg_argv[0] is the message, saying what to do instead.
create or replace function private.keep_history()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE'
     and not exists (select 1 from public.organizations o where o.id = old.organization_id) then
    return old;
  end if;
  raise exception '%', tg_argv[0] using errcode = '42501';
end;
$$;
revoke all on function private.keep_history() from public;

-- True when the statement comes from a browser session (PostgREST's anon or authenticated role),
-- also inside security definer functions: they change current_user, not the session's role.
create or replace function private.is_client()
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(current_setting('role', true), 'none') in ('anon', 'authenticated');
$$;
revoke all on function private.is_client() from public;
grant execute on function private.is_client() to authenticated, service_role;

-- Columns that never change once a row exists (tg_argv: the column names), for every caller.
-- Column grants already keep them from browser roles on hosted Supabase; this also holds for
-- server code and for any API layer that grants more than the migrations do.
create or replace function private.freeze_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  old_row jsonb := to_jsonb(old);
  new_row jsonb := to_jsonb(new);
  frozen text;
begin
  foreach frozen in array tg_argv loop
    if old_row -> frozen is distinct from new_row -> frozen then
      raise exception '%.% cannot change', tg_table_name, frozen using errcode = '42501';
    end if;
  end loop;
  return new;
end;
$$;
revoke all on function private.freeze_columns() from public;

-- ---------------------------------------------------------------------------------------------
-- Organization settings: one row per organization, created with it.

create table public.organization_settings (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  -- Approvals from product managers or admins (not the authors) needed to make an experiment active.
  required_approvals smallint not null default 1 check (required_approvals between 1 and 10),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null
);
create index organization_settings_updated_by_idx on public.organization_settings (updated_by);

create or replace function private.create_organization_settings()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.organization_settings (organization_id) values (new.id)
  on conflict (organization_id) do nothing;
  return null;
end;
$$;
revoke all on function private.create_organization_settings() from public;

create trigger organizations_create_settings after insert on public.organizations
  for each row execute function private.create_organization_settings();
insert into public.organization_settings (organization_id)
select id from public.organizations on conflict do nothing;

create or replace function private.stamp_settings_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  return new;
end;
$$;
revoke all on function private.stamp_settings_change() from public;

create trigger organization_settings_stamp before update on public.organization_settings
  for each row execute function private.stamp_settings_change();

-- ---------------------------------------------------------------------------------------------
-- Taxonomy. Keys are what customer code sends to `resolve`, so they never change once created:
-- archive an entry and create another instead. Archiving hides an entry from pickers for new
-- work; it does not stop what is live (roll back or redeploy for that).

create table public.capabilities (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (key ~ '^[A-Za-z][A-Za-z0-9_.-]{0,63}$'),
  name text not null check (char_length(btrim(name)) between 1 and 80),
  description text not null default '' check (char_length(description) <= 2000),
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, key),
  -- Target of the (organization_id, capability_id) foreign keys that keep tenants apart.
  unique (organization_id, id)
);
create index capabilities_created_by_idx on public.capabilities (created_by);

create table public.actions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (key ~ '^[A-Za-z][A-Za-z0-9_.-]{0,63}$'),
  name text not null check (char_length(btrim(name)) between 1 and 80),
  description text not null default '' check (char_length(description) <= 2000),
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, key),
  unique (organization_id, id)
);
create index actions_created_by_idx on public.actions (created_by);

create table public.intents (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (key ~ '^[A-Za-z][A-Za-z0-9_.-]{0,63}$'),
  name text not null check (char_length(btrim(name)) between 1 and 80),
  description text not null default '' check (char_length(description) <= 2000),
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, key),
  unique (organization_id, id)
);
create index intents_created_by_idx on public.intents (created_by);

-- ---------------------------------------------------------------------------------------------
-- Outcome metric definitions: what experiments are judged on.

create table public.metric_definitions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text not null check (char_length(btrim(name)) between 1 and 80),
  description text not null default '' check (char_length(description) <= 2000),
  unit text not null default '' check (char_length(unit) <= 24),
  aggregation public.metric_aggregation not null,
  -- Which percentile, for aggregation = percentile (e.g. 95 for p95).
  percentile double precision check (percentile > 0 and percentile < 100),
  direction public.metric_direction not null,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, key),
  unique (organization_id, id),
  check ((aggregation = 'percentile') = (percentile is not null))
);
create index metric_definitions_created_by_idx on public.metric_definitions (created_by);

-- ---------------------------------------------------------------------------------------------
-- Prompt templates: reusable bodies with typed variables, written {{customer_name}}. Each edit
-- is a new immutable template version, so experiment versions pointing at one never change.
--
-- A template version's `variables` declare every placeholder of its body:
--   [{"name": "customer_name", "type": "text", "description": "...", "default": "there"}]
-- type is text, number, boolean or json. A variable with a default counts as bound.

create table public.prompt_templates (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 2 and 80),
  description text not null default '' check (char_length(description) <= 2000),
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, name),
  unique (organization_id, id)
);
create index prompt_templates_created_by_idx on public.prompt_templates (created_by);

create table public.prompt_template_versions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  template_id uuid not null,
  -- 1, 2, 3... per template, assigned by a trigger (the default only marks it optional to clients).
  number integer not null default 0 check (number > 0),
  body text not null check (char_length(body) between 1 and 100000),
  variables jsonb not null default '[]' check (jsonb_typeof(variables) = 'array'),
  change_message text not null default '' check (char_length(change_message) <= 500),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (template_id, number),
  unique (organization_id, id),
  foreign key (organization_id, template_id)
    references public.prompt_templates (organization_id, id) on delete cascade
);
create index prompt_template_versions_template_idx on public.prompt_template_versions (organization_id, template_id);
create index prompt_template_versions_created_by_idx on public.prompt_template_versions (created_by);

-- A jsonb RPC argument as sent. @supabase/lite (the local stack's PostgREST) passes a JSON
-- object argument as a JSON string holding it; hosted PostgREST passes the object. Every RPC
-- taking jsonb reads its arguments through this, so both work.
create or replace function private.jsonb_arg(p_value jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when jsonb_typeof(p_value) = 'string' and left(btrim(p_value #>> '{}'), 1) in ('{', '[')
              then (p_value #>> '{}')::jsonb
              else p_value end;
$$;
revoke all on function private.jsonb_arg(jsonb) from public;
grant execute on function private.jsonb_arg(jsonb) to authenticated, service_role;

-- Placeholder names in a body, in order of first use.
create or replace function private.template_placeholders(p_body text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(name order by first_seen), '{}')
  from (
    select found.match[1] as name, min(found.position) as first_seen
    from regexp_matches(coalesce(p_body, ''), '\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}', 'g')
      with ordinality as found (match, position)
    group by found.match[1]
  ) names;
$$;

-- Text declarations for every placeholder: what a template gets when it declares nothing.
create or replace function private.derive_template_variables(p_body text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('name', name, 'type', 'text') order by position), '[]')
  from unnest(private.template_placeholders(p_body)) with ordinality as placeholders (name, position);
$$;

-- Why a value does not fit a declared type, or null when it does.
create or replace function private.template_value_problem(p_type text, p_value jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_type = 'json' then null
    when p_type = 'text' and jsonb_typeof(p_value) = 'string' then null
    when p_type = 'number' and jsonb_typeof(p_value) = 'number' then null
    when p_type = 'boolean' and jsonb_typeof(p_value) = 'boolean' then null
    else format('expected %s, got %s', p_type, coalesce(jsonb_typeof(p_value), 'nothing'))
  end;
$$;

-- Problems with a template's declarations against its body: malformed or duplicate
-- declarations, bad defaults, placeholders nobody declared and declarations nobody uses.
create or replace function private.template_declaration_problems(p_body text, p_variables jsonb)
returns text[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  problems text[] := '{}'::text[];
  declaration jsonb;
  variable_name text;
  declared text[] := '{}'::text[];
  used text[] := private.template_placeholders(p_body);
begin
  if jsonb_typeof(p_variables) is distinct from 'array' then
    return array['variables must be a JSON array of {"name", "type"} declarations'];
  end if;
  for declaration in select d.value from jsonb_array_elements(p_variables) d loop
    variable_name := case when jsonb_typeof(declaration) = 'object' then declaration ->> 'name' end;
    if variable_name is null or variable_name !~ '^[A-Za-z_][A-Za-z0-9_]*$' then
      problems := problems || format('%s is not a declaration like {"name": "customer_name", "type": "text"}', declaration);
      continue;
    end if;
    if variable_name = any (declared) then
      problems := problems || format('%s is declared twice', variable_name);
    end if;
    declared := declared || variable_name;
    if coalesce(declaration ->> 'type', '') not in ('text', 'number', 'boolean', 'json') then
      problems := problems || format('%s: type must be text, number, boolean or json', variable_name);
    elsif declaration ? 'default'
          and private.template_value_problem(declaration ->> 'type', declaration -> 'default') is not null then
      problems := problems || format('%s: default %s', variable_name,
        private.template_value_problem(declaration ->> 'type', declaration -> 'default'));
    end if;
  end loop;
  problems := problems || array(
    select format('{{%s}} is used but not declared', u) from unnest(used) u where u <> all (declared));
  problems := problems || array(
    select format('%s is declared but not used', d) from unnest(declared) d where d <> all (used));
  return problems;
end;
$$;

-- The validator that every variable is bound: one problem per unbound variable (no value and no
-- default), per value of the wrong type, and per value for a variable the template lacks.
create or replace function private.template_binding_problems(p_variables jsonb, p_values jsonb)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(problem order by position), '{}')
  from (
    select declared.position,
           case
             when not (coalesce(p_values, '{}') ? (declared.value ->> 'name')) then
               case when not (declared.value ? 'default')
                 then format('%s is not bound', declared.value ->> 'name') end
             else (declared.value ->> 'name') || ': '
                  || private.template_value_problem(declared.value ->> 'type', p_values -> (declared.value ->> 'name'))
           end as problem
    from jsonb_array_elements(p_variables) with ordinality as declared (value, position)
    union all
    select 1000000, format('%s is not a variable of this template', bound.key)
    from jsonb_object_keys(coalesce(p_values, '{}')) as bound (key)
    where not exists (
      select 1 from jsonb_array_elements(p_variables) d where d.value ->> 'name' = bound.key)
  ) checked
  where problem is not null;
$$;

-- Replaces each declared variable's placeholders with its value (or default), in one pass: a value
-- that itself contains {{x}} is inserted as is, never rendered again (values can come from end
-- users through resolve). Placeholders without a value stay as they are, so a preview shows what
-- is missing. supabase/functions/_shared/prompt-render.ts follows the same rules.
create or replace function private.render_template(p_body text, p_variables jsonb, p_values jsonb)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  placeholder constant text := '\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}';
  declarations jsonb;
  -- The text between placeholders, and the placeholders themselves: n matches, n + 1 segments.
  segments text[] := regexp_split_to_array(p_body, placeholder);
  found text[];
  bound jsonb;
  rendered text := segments[1];
  segment integer := 1;
begin
  if p_body is null then
    return null;
  end if;
  select jsonb_object_agg(d.value ->> 'name', d.value) into declarations
  from jsonb_array_elements(case when jsonb_typeof(p_variables) = 'array' then p_variables else '[]'::jsonb end) d
  where jsonb_typeof(d.value) = 'object' and d.value ? 'name';
  for found in select m from regexp_matches(p_body, '(' || placeholder || ')', 'g') as m loop
    bound := case when declarations ? found[2]
                  then coalesce(p_values -> found[2], declarations -> found[2] -> 'default') end;
    rendered := rendered
      || case when bound is null or jsonb_typeof(bound) = 'null' then found[1] else bound #>> '{}' end;
    segment := segment + 1;
    rendered := rendered || segments[segment];
  end loop;
  return rendered;
end;
$$;

revoke all on function private.template_placeholders(text) from public;
revoke all on function private.derive_template_variables(text) from public;
revoke all on function private.template_value_problem(text, jsonb) from public;
revoke all on function private.template_declaration_problems(text, jsonb) from public;
revoke all on function private.template_binding_problems(jsonb, jsonb) from public;
revoke all on function private.render_template(text, jsonb, jsonb) from public;
grant execute on function private.template_placeholders(text), private.derive_template_variables(text),
  private.template_value_problem(text, jsonb), private.template_declaration_problems(text, jsonb),
  private.template_binding_problems(jsonb, jsonb), private.render_template(text, jsonb, jsonb)
  to authenticated, service_role;

-- Numbers a new template version, fills in declarations when none were given (every
-- placeholder as text), and refuses declarations that do not match the body.
create or replace function private.prepare_template_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  problems text[];
begin
  -- Serialises concurrent edits of one template so numbers stay 1, 2, 3...
  perform 1 from public.prompt_templates t where t.id = new.template_id for update;
  select coalesce(max(v.number), 0) + 1 into new.number
  from public.prompt_template_versions v where v.template_id = new.template_id;

  if new.variables = '[]'::jsonb then
    new.variables := private.derive_template_variables(new.body);
  elsif jsonb_typeof(new.variables) = 'array' then
    -- A declaration without a type is text.
    select coalesce(jsonb_agg(case when jsonb_typeof(d.value) = 'object' and not (d.value ? 'type')
                                   then d.value || '{"type": "text"}' else d.value end
                              order by d.position), '[]')
    into new.variables
    from jsonb_array_elements(new.variables) with ordinality as d (value, position);
  end if;
  problems := private.template_declaration_problems(new.body, new.variables);
  if cardinality(problems) > 0 then
    raise exception 'Template variables do not match the body: %', array_to_string(problems, '; ')
      using errcode = '22023';
  end if;
  return new;
end;
$$;
revoke all on function private.prepare_template_version() from public;

create trigger prompt_template_versions_prepare before insert on public.prompt_template_versions
  for each row execute function private.prepare_template_version();
create trigger prompt_template_versions_keep_history before update or delete on public.prompt_template_versions
  for each row execute function private.keep_history('Template versions are immutable: save a new version instead');

-- Preview for the editor and the onboarding wizard, before anything is saved: renders a body
-- with sample values and lists every problem (declarations and bindings). Pure: it reads no
-- table, so any signed-in user may call it. Declarations default to every placeholder as text.
create or replace function public.preview_prompt_template(
  p_body text,
  p_values jsonb default '{}',
  p_variables jsonb default null
)
returns table (rendered text, variables jsonb, problems text[])
language plpgsql
immutable
set search_path = ''
as $$
declare
  sample_values jsonb := private.jsonb_arg(p_values);
  declared jsonb := coalesce(private.jsonb_arg(p_variables), private.derive_template_variables(p_body));
  declaration_problems text[] := private.template_declaration_problems(p_body, declared);
begin
  if jsonb_typeof(coalesce(sample_values, '{}')) <> 'object' then
    raise exception 'Sample values must be a JSON object of variable name to value' using errcode = '22023';
  end if;
  return query select
    private.render_template(p_body, declared, sample_values),
    declared,
    case when cardinality(declaration_problems) > 0 then declaration_problems
         else private.template_binding_problems(declared, sample_values) end;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Experiments.

create table public.experiments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 2 and 120),
  hypothesis text not null default '' check (char_length(hypothesis) <= 4000),
  capability_id uuid not null,
  status public.experiment_status not null default 'draft',
  -- Assignment hashes (salt, unit id): a fresh salt per experiment re-randomises users.
  salt text not null default encode(extensions.gen_random_bytes(8), 'hex')
    check (char_length(salt) between 1 and 64),
  -- The experiment this one was forked from.
  origin_experiment_id uuid,
  -- Incremented at each submission; approvals count only in the current round, so changes after
  -- "changes requested" need fresh approvals.
  review_round integer not null default 0,
  submitted_at timestamptz,
  activated_at timestamptz,
  paused_at timestamptz,
  archived_at timestamptz,
  status_changed_at timestamptz,
  status_changed_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, id),
  foreign key (organization_id, capability_id) references public.capabilities (organization_id, id),
  foreign key (organization_id, origin_experiment_id) references public.experiments (organization_id, id)
);
create index experiments_capability_idx on public.experiments (organization_id, capability_id);
create index experiments_origin_idx on public.experiments (organization_id, origin_experiment_id);
create index experiments_status_changed_by_idx on public.experiments (status_changed_by);
create index experiments_created_by_idx on public.experiments (created_by);

create table public.experiment_intents (
  experiment_id uuid not null,
  intent_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (experiment_id, intent_id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (organization_id, intent_id) references public.intents (organization_id, id)
);
create index experiment_intents_experiment_idx on public.experiment_intents (organization_id, experiment_id);
create index experiment_intents_intent_idx on public.experiment_intents (organization_id, intent_id);

create table public.experiment_actions (
  experiment_id uuid not null,
  action_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (experiment_id, action_id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (organization_id, action_id) references public.actions (organization_id, id)
);
create index experiment_actions_experiment_idx on public.experiment_actions (organization_id, experiment_id);
create index experiment_actions_action_idx on public.experiment_actions (organization_id, action_id);

-- The outcome metrics an experiment is judged on: exactly one primary (required to submit) and
-- any number of guardrails.
create table public.experiment_metrics (
  experiment_id uuid not null,
  metric_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  role public.experiment_metric_role not null,
  created_at timestamptz not null default now(),
  primary key (experiment_id, metric_id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (organization_id, metric_id) references public.metric_definitions (organization_id, id)
);
create unique index experiment_metrics_one_primary_idx on public.experiment_metrics (experiment_id)
  where role = 'primary';
create index experiment_metrics_experiment_idx on public.experiment_metrics (organization_id, experiment_id);
create index experiment_metrics_metric_idx on public.experiment_metrics (organization_id, metric_id);

-- Versions: immutable snapshots of prompt, model and config. They form a tree through
-- parent_version_id (a parent with several children is a branch point); `branch` names a line
-- of development. Forks copy the versions their variants use, with the original as parent.
create table public.experiment_versions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  experiment_id uuid not null,
  -- 1, 2, 3... per experiment, assigned by a trigger (the default only marks it optional to clients).
  number integer not null default 0 check (number > 0),
  -- Left empty, a trigger sets the parent's branch, else main.
  branch text not null default '' check (branch ~ '^[a-z0-9][a-z0-9._/-]{0,39}$'),
  parent_version_id uuid,
  change_message text not null check (char_length(btrim(change_message)) between 1 and 500),
  provider public.llm_provider not null,
  model text not null check (char_length(btrim(model)) between 1 and 120),
  -- Exactly one of: literal prompt text, or a template version with its bindings.
  prompt_text text check (char_length(prompt_text) <= 100000),
  template_version_id uuid,
  template_bindings jsonb not null default '{}' check (jsonb_typeof(template_bindings) = 'object'),
  system_prompt text check (char_length(system_prompt) <= 100000),
  -- Floats, as the providers' APIs take them (and as JSON numbers through the Data API).
  temperature double precision check (temperature between 0 and 2),
  top_p double precision check (top_p > 0 and top_p <= 1),
  max_tokens integer check (max_tokens between 1 and 1000000),
  stop_sequences text[] not null default '{}' check (cardinality(stop_sequences) <= 16),
  tools jsonb not null default '[]' check (jsonb_typeof(tools) = 'array'),
  -- Free-form provider parameters (e.g. {"seed": 7, "base_url": "..."} for a custom provider).
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((prompt_text is null) <> (template_version_id is null)),
  check (template_version_id is not null or template_bindings = '{}'::jsonb),
  unique (experiment_id, number),
  unique (organization_id, id),
  -- Target of variants' (experiment_id, version_id): a variant uses a version of its experiment.
  unique (experiment_id, id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (organization_id, parent_version_id) references public.experiment_versions (organization_id, id),
  foreign key (organization_id, template_version_id) references public.prompt_template_versions (organization_id, id)
);
create index experiment_versions_experiment_idx on public.experiment_versions (organization_id, experiment_id);
create index experiment_versions_parent_idx on public.experiment_versions (organization_id, parent_version_id);
create index experiment_versions_template_idx on public.experiment_versions (organization_id, template_version_id);
create index experiment_versions_created_by_idx on public.experiment_versions (created_by);

-- Variants split an experiment's traffic by allocation in basis points (10000 = 100%).
create table public.experiment_variants (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  experiment_id uuid not null,
  key text not null check (key ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text not null default '' check (char_length(name) <= 80),
  version_id uuid not null,
  allocation_bp integer not null check (allocation_bp between 0 and 10000),
  is_control boolean not null default false,
  -- Assignment walks variants in (position, key) order.
  position smallint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (experiment_id, key),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (experiment_id, version_id) references public.experiment_versions (experiment_id, id)
);
create unique index experiment_variants_one_control_idx on public.experiment_variants (experiment_id)
  where is_control;
create index experiment_variants_experiment_idx on public.experiment_variants (organization_id, experiment_id);
create index experiment_variants_version_idx on public.experiment_variants (experiment_id, version_id);

-- Approvals and change requests: one decision per reviewer per review round, never edited.
create table public.experiment_reviews (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  experiment_id uuid not null,
  round integer not null check (round > 0),
  reviewer_id uuid references auth.users (id) on delete set null,
  decision public.review_decision not null,
  comment text not null default '' check (char_length(comment) <= 4000),
  created_at timestamptz not null default now(),
  unique (experiment_id, round, reviewer_id),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade
);
create index experiment_reviews_experiment_idx on public.experiment_reviews (organization_id, experiment_id);
create index experiment_reviews_reviewer_idx on public.experiment_reviews (reviewer_id);

-- Comments on an experiment or one of its versions. A comment with an `anchor` is an
-- annotation: it points into the thing commented on, e.g. {"field": "prompt_text", "start": 12,
-- "end": 40} on a version, or {"at": "2026-11-20T10:00:00Z"} on the experiment's timeline.
create table public.experiment_comments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  experiment_id uuid not null,
  version_id uuid,
  body text not null check (char_length(btrim(body)) between 1 and 4000),
  anchor jsonb check (anchor is null or jsonb_typeof(anchor) = 'object'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade,
  foreign key (experiment_id, version_id) references public.experiment_versions (experiment_id, id) on delete cascade
);
create index experiment_comments_experiment_idx on public.experiment_comments (organization_id, experiment_id, created_at);
create index experiment_comments_version_idx on public.experiment_comments (experiment_id, version_id);
create index experiment_comments_created_by_idx on public.experiment_comments (created_by);

-- In-app notifications, written by triggers (review requests and decisions, activation, pause).
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind public.notification_kind not null,
  experiment_id uuid,
  actor_id uuid references auth.users (id) on delete set null,
  title text not null,
  body text not null default '',
  read_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (organization_id, experiment_id) references public.experiments (organization_id, id) on delete cascade
);
create index notifications_inbox_idx on public.notifications (user_id, organization_id, created_at desc);
create index notifications_experiment_idx on public.notifications (organization_id, experiment_id);
create index notifications_actor_idx on public.notifications (actor_id);

-- ---------------------------------------------------------------------------------------------
-- Helpers for policies and triggers (security definer: they read experiments whatever the
-- caller may see, and policies call them without recursing into experiments' own policies).

-- True when the caller may change the experiment's content: an editor, and it is a draft.
create or replace function private.can_edit_experiment(p_experiment_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.experiments e
    where e.id = p_experiment_id
      and e.status = 'draft'
      and private.has_role(e.organization_id, '{product_manager,prompt_engineer,admin}')
  );
$$;

-- The authors of an experiment: its creator and whoever created a version its variants use.
-- None of them may review it.
create or replace function private.experiment_authors(p_experiment_id uuid)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select array(
    select e.created_by from public.experiments e
    where e.id = p_experiment_id and e.created_by is not null
    union
    select v.created_by
    from public.experiment_variants va
    join public.experiment_versions v on v.id = va.version_id
    where va.experiment_id = p_experiment_id and v.created_by is not null
  );
$$;

create or replace function private.display_name(p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select coalesce(p.display_name, p.email) from public.profiles p where p.id = p_user_id),
                  'Someone');
$$;

-- The prompt a version sends: its text, or its template rendered with its bindings overlaid by
-- `p_values` (request-time variables; null for none).
-- Security invoker: callers see only their organization's templates.
create or replace function private.version_prompt(p_version public.experiment_versions, p_values jsonb default null)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when p_version.template_version_id is null then p_version.prompt_text
    else (select private.render_template(tv.body, tv.variables, p_version.template_bindings || coalesce(p_values, '{}'))
          from public.prompt_template_versions tv where tv.id = p_version.template_version_id)
  end;
$$;

revoke all on function private.can_edit_experiment(uuid) from public;
revoke all on function private.experiment_authors(uuid) from public;
revoke all on function private.display_name(uuid) from public;
revoke all on function private.version_prompt(public.experiment_versions, jsonb) from public;
grant execute on function private.can_edit_experiment(uuid) to authenticated, service_role;
grant execute on function private.experiment_authors(uuid) to service_role;
grant execute on function private.version_prompt(public.experiment_versions, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Experiment guards.

-- Raises unless the experiment could be submitted: at least one variant, allocations summing to
-- 100%, and a primary metric.
create or replace function private.assert_experiment_ready(p_experiment_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  variant_count integer;
  allocated integer;
begin
  select count(*), coalesce(sum(va.allocation_bp), 0) into variant_count, allocated
  from public.experiment_variants va where va.experiment_id = p_experiment_id;
  if variant_count = 0 then
    raise exception 'Add at least one variant before submitting' using errcode = '55000';
  end if;
  if allocated <> 10000 then
    raise exception 'Variant allocations must add up to 100%% (they add up to %)', round(allocated / 100.0, 2) || '%'
      using errcode = '55000';
  end if;
  if not exists (select 1 from public.experiment_metrics m
                 where m.experiment_id = p_experiment_id and m.role = 'primary') then
    raise exception 'Choose a primary outcome metric before submitting' using errcode = '55000';
  end if;
end;
$$;
revoke all on function private.assert_experiment_ready(uuid) from public;

-- The lifecycle, enforced for every caller:
--   draft → in_review | archived            editors
--   in_review → draft | active | archived   editors; active needs the approvals (below)
--   active → paused                         editors and operations
--   active → archived, paused → active | archived   editors
-- Going active from review needs `organization_settings.required_approvals` approvals in the
-- current round from people who are product managers or admins now and are not authors.
-- Role checks apply to signed-in callers; server code without a session (service role, seed) is
-- trusted with roles but not with approvals: nobody activates without them.
-- Only drafts may change content; ids, authorship and lineage never change; nothing is deleted.
create or replace function private.guard_experiment_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  allowed public.app_role[];
  required integer;
  approvals integer;
begin
  if tg_op = 'DELETE' then
    if exists (select 1 from public.organizations o where o.id = old.organization_id) then
      raise exception 'Experiments are never deleted: archive it instead' using errcode = '42501';
    end if;
    return old;
  end if;

  if new.id <> old.id or new.organization_id <> old.organization_id
     or new.created_by is distinct from old.created_by
     or new.origin_experiment_id is distinct from old.origin_experiment_id then
    raise exception 'An experiment''s id, organization, author and origin cannot change'
      using errcode = '42501';
  end if;
  -- The lifecycle bookkeeping is the database's to write; a browser session never sets it.
  if private.is_client()
     and (new.review_round, new.submitted_at, new.activated_at, new.paused_at, new.archived_at,
          new.status_changed_at, new.status_changed_by)
         is distinct from (old.review_round, old.submitted_at, old.activated_at, old.paused_at,
                           old.archived_at, old.status_changed_at, old.status_changed_by) then
    raise exception 'Lifecycle dates and review rounds are set by the database' using errcode = '42501';
  end if;
  if old.status <> 'draft'
     and (new.name, new.hypothesis, new.capability_id, new.salt)
         is distinct from (old.name, old.hypothesis, old.capability_id, old.salt) then
    raise exception 'Only draft experiments can be edited (this one is %): fork it to change it', old.status
      using errcode = '55000';
  end if;
  if new.status = old.status then
    return new;
  end if;

  allowed := case
    when old.status = 'draft' and new.status in ('in_review', 'archived')
      then '{product_manager,prompt_engineer,admin}'
    when old.status = 'in_review' and new.status in ('draft', 'active', 'archived')
      then '{product_manager,prompt_engineer,admin}'
    when old.status = 'active' and new.status = 'paused'
      then '{product_manager,prompt_engineer,operations,admin}'
    when old.status = 'active' and new.status = 'archived'
      then '{product_manager,prompt_engineer,admin}'
    when old.status = 'paused' and new.status in ('active', 'archived')
      then '{product_manager,prompt_engineer,admin}'
  end::public.app_role[];
  if allowed is null then
    raise exception 'An experiment cannot go from % to %', old.status, new.status using errcode = '55000';
  end if;
  if caller is not null and not private.has_role(new.organization_id, allowed) then
    raise exception 'Your role may not move an experiment from % to %', old.status, new.status
      using errcode = '42501';
  end if;

  if new.status = 'in_review' then
    perform private.assert_experiment_ready(new.id);
    new.review_round := old.review_round + 1;
    if new.submitted_at is not distinct from old.submitted_at then new.submitted_at := now(); end if;
  elsif new.status = 'active' and old.status = 'in_review' then
    perform private.assert_experiment_ready(new.id);
    required := coalesce((select s.required_approvals from public.organization_settings s
                          where s.organization_id = new.organization_id), 1);
    select count(distinct r.reviewer_id) into approvals
    from public.experiment_reviews r
    join public.memberships m
      on m.organization_id = r.organization_id and m.user_id = r.reviewer_id
     and m.role in ('product_manager', 'admin')
    where r.experiment_id = new.id and r.round = new.review_round and r.decision = 'approved'
      and r.reviewer_id <> all (private.experiment_authors(new.id));
    if approvals < required then
      raise exception 'Going active needs % approval(s) from product managers or admins who are not its authors; it has %',
        required, approvals using errcode = '55000';
    end if;
    -- The first activation is kept across pauses.
    if new.activated_at is not distinct from old.activated_at then
      new.activated_at := coalesce(old.activated_at, now());
    end if;
  elsif new.status = 'paused' then
    if new.paused_at is not distinct from old.paused_at then new.paused_at := now(); end if;
  elsif new.status = 'archived' then
    if new.archived_at is not distinct from old.archived_at then new.archived_at := now(); end if;
  end if;
  -- Server code may back-date the bookkeeping (the demo seed does); clients cannot write it.
  if new.status_changed_at is not distinct from old.status_changed_at then
    new.status_changed_at := now();
  end if;
  new.status_changed_by := coalesce(caller, new.status_changed_by);
  return new;
end;
$$;
revoke all on function private.guard_experiment_change() from public;

-- Variants, intents, actions and metrics belong to the experiment's content: they change only
-- while it is a draft, whoever writes.
create or replace function private.require_draft_experiment()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  parent_status public.experiment_status;
begin
  if tg_op = 'DELETE' then
    if not exists (select 1 from public.organizations o where o.id = old.organization_id) then
      return old;
    end if;
    select e.status into parent_status from public.experiments e where e.id = old.experiment_id;
  else
    if tg_op = 'UPDATE' and new.experiment_id <> old.experiment_id then
      raise exception 'A row cannot move to another experiment' using errcode = '42501';
    end if;
    select e.status into parent_status from public.experiments e where e.id = new.experiment_id;
  end if;
  if parent_status is distinct from 'draft' then
    raise exception 'Only draft experiments can be changed (this one is %): fork it to change it',
      coalesce(parent_status::text, 'gone') using errcode = '55000';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;
revoke all on function private.require_draft_experiment() from public;

-- Numbers a new version, defaults its branch, checks its template bindings, and refuses it
-- unless the experiment is a draft.
create or replace function private.prepare_experiment_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  parent_status public.experiment_status;
  template_variables jsonb;
  problems text[];
begin
  -- Serialises concurrent saves on one experiment so numbers stay 1, 2, 3...
  select e.status into parent_status from public.experiments e where e.id = new.experiment_id for update;
  if parent_status is distinct from 'draft' then
    raise exception 'Versions can only be added to draft experiments (this one is %): fork it to iterate',
      coalesce(parent_status::text, 'missing') using errcode = '55000';
  end if;
  select coalesce(max(v.number), 0) + 1 into new.number
  from public.experiment_versions v where v.experiment_id = new.experiment_id;
  if coalesce(new.branch, '') = '' then
    new.branch := coalesce(
      (select p.branch from public.experiment_versions p where p.id = new.parent_version_id), 'main');
  end if;
  if new.template_version_id is not null then
    select tv.variables into template_variables
    from public.prompt_template_versions tv where tv.id = new.template_version_id;
    problems := private.template_binding_problems(coalesce(template_variables, '[]'), new.template_bindings);
    if cardinality(problems) > 0 then
      raise exception 'Template variables are not all bound: %', array_to_string(problems, '; ')
        using errcode = '22023';
    end if;
  end if;
  return new;
end;
$$;
revoke all on function private.prepare_experiment_version() from public;

-- A review must come from a product manager or admin who is not an author, while the experiment
-- is in review; it counts in the current round. "Changes requested" needs a comment.
create or replace function private.check_review()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  reviewed public.experiments;
begin
  new.reviewer_id := coalesce((select auth.uid()), new.reviewer_id);
  select * into reviewed from public.experiments e where e.id = new.experiment_id for update;
  if new.reviewer_id is null
     or not exists (select 1 from public.memberships m
                    where m.organization_id = reviewed.organization_id and m.user_id = new.reviewer_id
                      and m.role in ('product_manager', 'admin')) then
    raise exception 'Only product managers and admins can review experiments' using errcode = '42501';
  end if;
  if new.reviewer_id = any (private.experiment_authors(reviewed.id)) then
    raise exception 'You cannot review your own change: ask another product manager or admin'
      using errcode = '42501';
  end if;
  if reviewed.status <> 'in_review' then
    raise exception 'Only experiments in review can be reviewed (this one is %)', reviewed.status
      using errcode = '55000';
  end if;
  if new.decision = 'changes_requested' and char_length(btrim(new.comment)) = 0 then
    raise exception 'Say which changes you are requesting' using errcode = '22023';
  end if;
  new.round := reviewed.review_round;
  return new;
end;
$$;
revoke all on function private.check_review() from public;

-- "Changes requested" sends the experiment back to draft, whoever recorded the review.
create or replace function private.apply_review()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.decision = 'changes_requested' then
    update public.experiments set status = 'draft' where id = new.experiment_id and status = 'in_review';
  end if;
  return null;
end;
$$;
revoke all on function private.apply_review() from public;

-- ---------------------------------------------------------------------------------------------
-- Notifications for review requests and decisions.

create or replace function private.notify(
  p_recipients uuid[],
  p_experiment public.experiments,
  p_kind public.notification_kind,
  p_actor uuid,
  p_title text,
  p_body text default ''
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications (organization_id, user_id, kind, experiment_id, actor_id, title, body)
  select p_experiment.organization_id, recipient, p_kind, p_experiment.id, p_actor, p_title, coalesce(p_body, '')
  from (select distinct r from unnest(p_recipients) r) as recipients (recipient)
  where recipient is not null
    and recipient is distinct from p_actor
    -- Only current members hear about an organization's experiments.
    and exists (select 1 from public.memberships m
                where m.organization_id = p_experiment.organization_id and m.user_id = recipient);
$$;
revoke all on function private.notify(uuid[], public.experiments, public.notification_kind, uuid, text, text) from public;

create or replace function private.notify_experiment_status()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := coalesce((select auth.uid()), new.status_changed_by);
  authors uuid[] := private.experiment_authors(new.id);
begin
  if new.status = 'in_review' then
    perform private.notify(
      array(select m.user_id from public.memberships m
            where m.organization_id = new.organization_id and m.role in ('product_manager', 'admin')
              and m.user_id <> all (authors)),
      new, 'review_requested', actor,
      format('%s asked for your review of “%s”', private.display_name(actor), new.name));
  elsif new.status = 'active' and old.status = 'in_review' then
    perform private.notify(authors, new, 'experiment_activated', actor,
      format('“%s” is active', new.name));
  elsif new.status = 'paused' then
    perform private.notify(authors, new, 'experiment_paused', actor,
      format('%s paused “%s”', private.display_name(actor), new.name));
  end if;
  return null;
end;
$$;
revoke all on function private.notify_experiment_status() from public;

create or replace function private.notify_review()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  reviewed public.experiments;
begin
  select * into reviewed from public.experiments e where e.id = new.experiment_id;
  perform private.notify(private.experiment_authors(reviewed.id), reviewed,
    case new.decision when 'approved' then 'review_approved' else 'changes_requested' end::public.notification_kind,
    new.reviewer_id,
    case new.decision
      when 'approved' then format('%s approved “%s”', private.display_name(new.reviewer_id), reviewed.name)
      else format('%s requested changes to “%s”', private.display_name(new.reviewer_id), reviewed.name)
    end,
    new.comment);
  return null;
end;
$$;
revoke all on function private.notify_review() from public;

-- ---------------------------------------------------------------------------------------------
-- Triggers.

create trigger capabilities_stamp before insert on public.capabilities
  for each row execute function private.stamp_created_by();
create trigger actions_stamp before insert on public.actions
  for each row execute function private.stamp_created_by();
create trigger intents_stamp before insert on public.intents
  for each row execute function private.stamp_created_by();
create trigger metric_definitions_stamp before insert on public.metric_definitions
  for each row execute function private.stamp_created_by();
create trigger prompt_templates_stamp before insert on public.prompt_templates
  for each row execute function private.stamp_created_by();
create trigger prompt_template_versions_stamp before insert on public.prompt_template_versions
  for each row execute function private.stamp_created_by();
create trigger experiments_stamp before insert on public.experiments
  for each row execute function private.stamp_created_by();
create trigger experiment_versions_stamp before insert on public.experiment_versions
  for each row execute function private.stamp_created_by();
create trigger experiment_comments_stamp before insert on public.experiment_comments
  for each row execute function private.stamp_created_by();

create trigger capabilities_touch before update on public.capabilities
  for each row execute function private.touch_updated_at();
create trigger actions_touch before update on public.actions
  for each row execute function private.touch_updated_at();
create trigger intents_touch before update on public.intents
  for each row execute function private.touch_updated_at();
create trigger metric_definitions_touch before update on public.metric_definitions
  for each row execute function private.touch_updated_at();
create trigger prompt_templates_touch before update on public.prompt_templates
  for each row execute function private.touch_updated_at();
create trigger experiments_touch before update on public.experiments
  for each row execute function private.touch_updated_at();
create trigger experiment_variants_touch before update on public.experiment_variants
  for each row execute function private.touch_updated_at();
create trigger experiment_comments_touch before update on public.experiment_comments
  for each row execute function private.touch_updated_at();

create trigger capabilities_freeze before update on public.capabilities
  for each row execute function private.freeze_columns('id', 'organization_id', 'key', 'created_by', 'created_at');
create trigger actions_freeze before update on public.actions
  for each row execute function private.freeze_columns('id', 'organization_id', 'key', 'created_by', 'created_at');
create trigger intents_freeze before update on public.intents
  for each row execute function private.freeze_columns('id', 'organization_id', 'key', 'created_by', 'created_at');
create trigger metric_definitions_freeze before update on public.metric_definitions
  for each row execute function private.freeze_columns('id', 'organization_id', 'key', 'created_by', 'created_at');
create trigger prompt_templates_freeze before update on public.prompt_templates
  for each row execute function private.freeze_columns('id', 'organization_id', 'created_by', 'created_at');
create trigger organization_settings_freeze before update on public.organization_settings
  for each row execute function private.freeze_columns('organization_id');
create trigger experiment_variants_freeze before update on public.experiment_variants
  for each row execute function private.freeze_columns('id', 'organization_id', 'experiment_id', 'created_at');
create trigger experiment_metrics_freeze before update on public.experiment_metrics
  for each row execute function private.freeze_columns('organization_id', 'experiment_id', 'metric_id', 'created_at');
create trigger experiment_comments_freeze before update on public.experiment_comments
  for each row execute function private.freeze_columns('id', 'organization_id', 'experiment_id', 'version_id',
                                                       'created_by', 'created_at');
create trigger notifications_freeze before update on public.notifications
  for each row execute function private.freeze_columns('id', 'organization_id', 'user_id', 'kind', 'experiment_id',
                                                       'actor_id', 'title', 'body');

create trigger experiments_guard before update or delete on public.experiments
  for each row execute function private.guard_experiment_change();
create trigger experiments_notify after update of status on public.experiments
  for each row when (old.status is distinct from new.status)
  execute function private.notify_experiment_status();

create trigger experiment_versions_prepare before insert on public.experiment_versions
  for each row execute function private.prepare_experiment_version();
create trigger experiment_versions_keep_history before update or delete on public.experiment_versions
  for each row execute function private.keep_history('Versions are immutable: branch a new version from this one instead');

create trigger experiment_variants_require_draft before insert or update or delete on public.experiment_variants
  for each row execute function private.require_draft_experiment();
create trigger experiment_intents_require_draft before insert or update or delete on public.experiment_intents
  for each row execute function private.require_draft_experiment();
create trigger experiment_actions_require_draft before insert or update or delete on public.experiment_actions
  for each row execute function private.require_draft_experiment();
create trigger experiment_metrics_require_draft before insert or update or delete on public.experiment_metrics
  for each row execute function private.require_draft_experiment();

create trigger experiment_reviews_check before insert on public.experiment_reviews
  for each row execute function private.check_review();
create trigger experiment_reviews_apply after insert on public.experiment_reviews
  for each row execute function private.apply_review();
create trigger experiment_reviews_notify after insert on public.experiment_reviews
  for each row execute function private.notify_review();
create trigger experiment_reviews_keep_history before update or delete on public.experiment_reviews
  for each row execute function private.keep_history('Reviews are never edited: review again in the next round');

-- The audit trail: governance-relevant changes, with who, when, before and after.
create trigger organization_settings_audit after insert or update or delete on public.organization_settings
  for each row execute function private.audit_row_change('organization_id');
create trigger capabilities_audit after insert or update or delete on public.capabilities
  for each row execute function private.audit_row_change('id');
create trigger actions_audit after insert or update or delete on public.actions
  for each row execute function private.audit_row_change('id');
create trigger intents_audit after insert or update or delete on public.intents
  for each row execute function private.audit_row_change('id');
create trigger metric_definitions_audit after insert or update or delete on public.metric_definitions
  for each row execute function private.audit_row_change('id');
create trigger prompt_templates_audit after insert or update or delete on public.prompt_templates
  for each row execute function private.audit_row_change('id');
create trigger prompt_template_versions_audit after insert or update or delete on public.prompt_template_versions
  for each row execute function private.audit_row_change('id');
create trigger experiments_audit after insert or update or delete on public.experiments
  for each row execute function private.audit_row_change('id');
create trigger experiment_versions_audit after insert or update or delete on public.experiment_versions
  for each row execute function private.audit_row_change('id');
create trigger experiment_variants_audit after insert or update or delete on public.experiment_variants
  for each row execute function private.audit_row_change('id');
create trigger experiment_intents_audit after insert or update or delete on public.experiment_intents
  for each row execute function private.audit_row_change('experiment_id', 'intent_id');
create trigger experiment_actions_audit after insert or update or delete on public.experiment_actions
  for each row execute function private.audit_row_change('experiment_id', 'action_id');
create trigger experiment_metrics_audit after insert or update or delete on public.experiment_metrics
  for each row execute function private.audit_row_change('experiment_id', 'metric_id');
create trigger experiment_reviews_audit after insert or update or delete on public.experiment_reviews
  for each row execute function private.audit_row_change('id');

-- ---------------------------------------------------------------------------------------------
-- Row-level security. Policies are named as sentences saying who may do what.

alter table public.organization_settings enable row level security;
alter table public.capabilities enable row level security;
alter table public.actions enable row level security;
alter table public.intents enable row level security;
alter table public.metric_definitions enable row level security;
alter table public.prompt_templates enable row level security;
alter table public.prompt_template_versions enable row level security;
alter table public.experiments enable row level security;
alter table public.experiment_intents enable row level security;
alter table public.experiment_actions enable row level security;
alter table public.experiment_metrics enable row level security;
alter table public.experiment_versions enable row level security;
alter table public.experiment_variants enable row level security;
alter table public.experiment_reviews enable row level security;
alter table public.experiment_comments enable row level security;
alter table public.notifications enable row level security;

create policy "members can read their organization's settings" on public.organization_settings
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "admins can change their organization's settings" on public.organization_settings
  for update to authenticated
  using ((select private.has_role(organization_id, '{admin}')))
  with check ((select private.has_role(organization_id, '{admin}')));

create policy "members can read their organization's capabilities" on public.capabilities
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can add capabilities" on public.capabilities
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit and archive capabilities" on public.capabilities
  for update to authenticated
  using ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's actions" on public.actions
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can add actions" on public.actions
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit and archive actions" on public.actions
  for update to authenticated
  using ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's intents" on public.intents
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can add intents" on public.intents
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit and archive intents" on public.intents
  for update to authenticated
  using ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's metric definitions" on public.metric_definitions
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can define metrics" on public.metric_definitions
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit and archive metrics" on public.metric_definitions
  for update to authenticated
  using ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's prompt templates" on public.prompt_templates
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can create prompt templates" on public.prompt_templates
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit and archive prompt templates" on public.prompt_templates
  for update to authenticated
  using ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's template versions" on public.prompt_template_versions
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can save template versions" on public.prompt_template_versions
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's experiments" on public.experiments
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "product managers, prompt engineers and admins can create draft experiments" on public.experiments
  for insert to authenticated
  with check (status = 'draft'
              and (select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));
create policy "product managers, prompt engineers and admins can edit draft experiments" on public.experiments
  for update to authenticated
  using (status = 'draft'
         and (select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')))
  with check (status = 'draft'
              and (select private.has_role(organization_id, '{product_manager,prompt_engineer,admin}')));

create policy "members can read their organization's experiment intents" on public.experiment_intents
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "editors can tag draft experiments with intents" on public.experiment_intents
  for insert to authenticated with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can untag intents from draft experiments" on public.experiment_intents
  for delete to authenticated using ((select private.can_edit_experiment(experiment_id)));

create policy "members can read their organization's experiment actions" on public.experiment_actions
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "editors can tag draft experiments with actions" on public.experiment_actions
  for insert to authenticated with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can untag actions from draft experiments" on public.experiment_actions
  for delete to authenticated using ((select private.can_edit_experiment(experiment_id)));

create policy "members can read their organization's experiment metrics" on public.experiment_metrics
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "editors can add metrics to draft experiments" on public.experiment_metrics
  for insert to authenticated with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can change a draft experiment's metric roles" on public.experiment_metrics
  for update to authenticated
  using ((select private.can_edit_experiment(experiment_id)))
  with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can remove metrics from draft experiments" on public.experiment_metrics
  for delete to authenticated using ((select private.can_edit_experiment(experiment_id)));

create policy "members can read their organization's versions" on public.experiment_versions
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "editors can add versions to draft experiments" on public.experiment_versions
  for insert to authenticated with check ((select private.can_edit_experiment(experiment_id)));

create policy "members can read their organization's variants" on public.experiment_variants
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "editors can add variants to draft experiments" on public.experiment_variants
  for insert to authenticated with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can change variants of draft experiments" on public.experiment_variants
  for update to authenticated
  using ((select private.can_edit_experiment(experiment_id)))
  with check ((select private.can_edit_experiment(experiment_id)));
create policy "editors can remove variants from draft experiments" on public.experiment_variants
  for delete to authenticated using ((select private.can_edit_experiment(experiment_id)));

create policy "members can read their organization's reviews" on public.experiment_reviews
  for select to authenticated using ((select private.is_member(organization_id)));

create policy "members can read their organization's comments" on public.experiment_comments
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members other than enablement can comment" on public.experiment_comments
  for insert to authenticated
  with check ((select private.has_role(organization_id,
                 '{product_manager,prompt_engineer,operations,engineer,admin}')));
create policy "authors can edit their own comments" on public.experiment_comments
  for update to authenticated
  using (created_by = (select auth.uid())
         and (select private.has_role(organization_id, '{product_manager,prompt_engineer,operations,engineer,admin}')))
  with check (created_by = (select auth.uid())
              and (select private.has_role(organization_id, '{product_manager,prompt_engineer,operations,engineer,admin}')));
create policy "authors can delete their own comments and admins any" on public.experiment_comments
  for delete to authenticated
  using ((created_by = (select auth.uid()) and (select private.is_member(organization_id)))
         or (select private.has_role(organization_id, '{admin}')));

create policy "members can read their own notifications" on public.notifications
  for select to authenticated
  using (user_id = (select auth.uid()) and (select private.is_member(organization_id)));

-- Column-level grants: what the Data API may write at all. RLS then decides which rows.
-- Ids, authorship, status and bookkeeping are never client-writable.
revoke all on public.organization_settings, public.capabilities, public.actions, public.intents,
  public.metric_definitions, public.prompt_templates, public.prompt_template_versions,
  public.experiments, public.experiment_intents, public.experiment_actions, public.experiment_metrics,
  public.experiment_versions, public.experiment_variants, public.experiment_reviews,
  public.experiment_comments, public.notifications
  from anon, authenticated;
grant select on public.organization_settings, public.capabilities, public.actions, public.intents,
  public.metric_definitions, public.prompt_templates, public.prompt_template_versions,
  public.experiments, public.experiment_intents, public.experiment_actions, public.experiment_metrics,
  public.experiment_versions, public.experiment_variants, public.experiment_reviews,
  public.experiment_comments, public.notifications
  to authenticated;
grant update (required_approvals) on public.organization_settings to authenticated;
grant insert (organization_id, key, name, description) on public.capabilities, public.actions, public.intents
  to authenticated;
grant update (name, description, archived_at) on public.capabilities, public.actions, public.intents
  to authenticated;
grant insert (organization_id, key, name, description, unit, aggregation, percentile, direction)
  on public.metric_definitions to authenticated;
grant update (name, description, unit, aggregation, percentile, direction, archived_at)
  on public.metric_definitions to authenticated;
grant insert (organization_id, name, description) on public.prompt_templates to authenticated;
grant update (name, description, archived_at) on public.prompt_templates to authenticated;
grant insert (organization_id, template_id, body, variables, change_message)
  on public.prompt_template_versions to authenticated;
grant insert (organization_id, name, hypothesis, capability_id, salt, origin_experiment_id)
  on public.experiments to authenticated;
grant update (name, hypothesis, capability_id, salt) on public.experiments to authenticated;
grant insert (experiment_id, intent_id, organization_id), delete on public.experiment_intents to authenticated;
grant insert (experiment_id, action_id, organization_id), delete on public.experiment_actions to authenticated;
grant insert (experiment_id, metric_id, organization_id, role), update (role), delete
  on public.experiment_metrics to authenticated;
grant insert (organization_id, experiment_id, parent_version_id, branch, change_message, provider, model,
  prompt_text, template_version_id, template_bindings, system_prompt, temperature, top_p, max_tokens,
  stop_sequences, tools, params)
  on public.experiment_versions to authenticated;
grant insert (organization_id, experiment_id, key, name, version_id, allocation_bp, is_control, position),
  update (key, name, version_id, allocation_bp, is_control, position), delete
  on public.experiment_variants to authenticated;
grant insert (organization_id, experiment_id, version_id, body, anchor), update (body, anchor), delete
  on public.experiment_comments to authenticated;
grant all on public.organization_settings, public.capabilities, public.actions, public.intents,
  public.metric_definitions, public.prompt_templates, public.prompt_template_versions,
  public.experiments, public.experiment_intents, public.experiment_actions, public.experiment_metrics,
  public.experiment_versions, public.experiment_variants, public.experiment_reviews,
  public.experiment_comments, public.notifications
  to service_role;

-- ---------------------------------------------------------------------------------------------
-- RPCs. Security invoker where row-level security already says everything (the rows they write
-- must pass the same policies as direct writes); security definer where they write what clients
-- cannot (status, reviews, notification reads), with the role checks in the triggers above.

-- Creates a complete draft in one transaction (the onboarding wizard's last step):
-- {
--   "name", "hypothesis", "capability_id", "intent_ids": [], "action_ids": [],
--   "primary_metric_id", "guardrail_metric_ids": [],
--   "variants": [{ "key", "name", "allocation_bp", "is_control", "position",
--                  "version": { "provider", "model", "prompt_text" | "template_version_id" +
--                               "template_bindings", "system_prompt", "temperature", "top_p",
--                               "max_tokens", "stop_sequences", "tools", "params",
--                               "change_message", "branch" } }],
--   "submit": false
-- }
-- Omitted allocations are split evenly (the first variants get the remainder); the first
-- variant is the control unless one says otherwise. "submit": true sends it for review at once.
create or replace function public.create_experiment(p_organization_id uuid, p_experiment jsonb)
returns public.experiments
language plpgsql
security invoker
set search_path = ''
as $$
declare
  definition jsonb := private.jsonb_arg(p_experiment);
  created public.experiments;
  variant jsonb;
  version_fields public.experiment_versions;
  new_version_id uuid;
  unallocated integer;
  even_share integer;
  leftover integer;
  variant_index integer := 0;
  has_control boolean;
begin
  if not private.has_role(p_organization_id, '{product_manager,prompt_engineer,admin}') then
    raise exception 'Only product managers, prompt engineers and admins can create experiments'
      using errcode = '42501';
  end if;
  if jsonb_typeof(definition) is distinct from 'object' then
    raise exception 'The experiment must be a JSON object' using errcode = '22023';
  end if;
  if jsonb_typeof(definition -> 'variants') is distinct from 'array'
     or jsonb_array_length(definition -> 'variants') = 0 then
    raise exception 'An experiment needs at least one variant' using errcode = '22023';
  end if;

  insert into public.experiments (organization_id, name, hypothesis, capability_id)
  values (p_organization_id, definition ->> 'name', coalesce(definition ->> 'hypothesis', ''),
          (definition ->> 'capability_id')::uuid)
  returning * into created;

  insert into public.experiment_intents (experiment_id, intent_id, organization_id)
  select distinct created.id, i::uuid, p_organization_id
  from jsonb_array_elements_text(coalesce(definition -> 'intent_ids', '[]')) i;
  insert into public.experiment_actions (experiment_id, action_id, organization_id)
  select distinct created.id, a::uuid, p_organization_id
  from jsonb_array_elements_text(coalesce(definition -> 'action_ids', '[]')) a;
  if definition ->> 'primary_metric_id' is not null then
    insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
    values (created.id, (definition ->> 'primary_metric_id')::uuid, p_organization_id, 'primary');
  end if;
  insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
  select distinct created.id, g::uuid, p_organization_id, 'guardrail'::public.experiment_metric_role
  from jsonb_array_elements_text(coalesce(definition -> 'guardrail_metric_ids', '[]')) g
  where g is distinct from definition ->> 'primary_metric_id';

  select 10000 - coalesce(sum((v ->> 'allocation_bp')::integer), 0),
         count(*) filter (where not (v ? 'allocation_bp'))
  into unallocated, leftover
  from jsonb_array_elements(definition -> 'variants') v;
  even_share := case when leftover > 0 then unallocated / leftover end;
  leftover := case when leftover > 0 then unallocated - even_share * leftover else 0 end;
  has_control := exists (select 1 from jsonb_array_elements(definition -> 'variants') v
                         where (v ->> 'is_control')::boolean);

  for variant in select v from jsonb_array_elements(definition -> 'variants') v loop
    if jsonb_typeof(variant -> 'version') is distinct from 'object' then
      raise exception 'Variant % needs a "version" object', variant_index + 1 using errcode = '22023';
    end if;
    version_fields := jsonb_populate_record(null::public.experiment_versions, variant -> 'version');
    insert into public.experiment_versions (organization_id, experiment_id, branch, change_message, provider,
      model, prompt_text, template_version_id, template_bindings, system_prompt, temperature, top_p,
      max_tokens, stop_sequences, tools, params)
    values (p_organization_id, created.id,
            -- The first variant's version starts main; the others start a branch named after them.
            coalesce(version_fields.branch,
                     case when variant_index = 0 then 'main'
                          else coalesce(variant ->> 'key', 'variant-' || variant_index) end),
            coalesce(version_fields.change_message, 'First version'), version_fields.provider,
            version_fields.model, version_fields.prompt_text, version_fields.template_version_id,
            coalesce(version_fields.template_bindings, '{}'), version_fields.system_prompt,
            version_fields.temperature, version_fields.top_p, version_fields.max_tokens,
            coalesce(version_fields.stop_sequences, '{}'), coalesce(version_fields.tools, '[]'),
            coalesce(version_fields.params, '{}'))
    returning id into new_version_id;

    insert into public.experiment_variants (organization_id, experiment_id, key, name, version_id,
      allocation_bp, is_control, position)
    values (p_organization_id, created.id,
            coalesce(variant ->> 'key', case when variant_index = 0 then 'control' else 'variant-' || variant_index end),
            coalesce(variant ->> 'name', ''), new_version_id,
            coalesce((variant ->> 'allocation_bp')::integer,
                     even_share + case when leftover > 0 then 1 else 0 end),
            case when has_control then coalesce((variant ->> 'is_control')::boolean, false)
                 else variant_index = 0 end,
            coalesce((variant ->> 'position')::smallint, variant_index::smallint));
    if not (variant ? 'allocation_bp') and leftover > 0 then
      leftover := leftover - 1;
    end if;
    variant_index := variant_index + 1;
  end loop;

  if coalesce((definition ->> 'submit')::boolean, false) then
    perform public.transition_experiment(created.id, 'in_review');
  end if;
  select * into created from public.experiments e where e.id = created.id;
  return created;
end;
$$;

-- Forks an experiment into a new draft: same hypothesis, capability, intents, actions and
-- metrics; copies of the versions its variants use (each with the original as parent, so the
-- history stays one tree); the same variants and allocations; a fresh salt.
create or replace function public.fork_experiment(p_experiment_id uuid, p_name text default null)
returns public.experiments
language plpgsql
security invoker
set search_path = ''
as $$
declare
  source public.experiments;
  fork public.experiments;
  original public.experiment_versions;
  copy_id uuid;
  copies jsonb := '{}'::jsonb;
begin
  select * into source from public.experiments e where e.id = p_experiment_id;
  if source.id is null then
    raise exception 'Experiment not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  if not private.has_role(source.organization_id, '{product_manager,prompt_engineer,admin}') then
    raise exception 'Only product managers, prompt engineers and admins can fork experiments' using errcode = '42501';
  end if;

  insert into public.experiments (organization_id, name, hypothesis, capability_id, origin_experiment_id)
  values (source.organization_id,
          coalesce(nullif(btrim(p_name), ''), left(source.name, 112) || ' (fork)'),
          source.hypothesis, source.capability_id, source.id)
  returning * into fork;

  insert into public.experiment_intents (experiment_id, intent_id, organization_id)
  select fork.id, ei.intent_id, ei.organization_id from public.experiment_intents ei where ei.experiment_id = source.id;
  insert into public.experiment_actions (experiment_id, action_id, organization_id)
  select fork.id, ea.action_id, ea.organization_id from public.experiment_actions ea where ea.experiment_id = source.id;
  insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
  select fork.id, em.metric_id, em.organization_id, em.role from public.experiment_metrics em where em.experiment_id = source.id;

  for original in
    select v.* from public.experiment_versions v
    where v.id in (select va.version_id from public.experiment_variants va where va.experiment_id = source.id)
    order by v.number
  loop
    insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, branch,
      change_message, provider, model, prompt_text, template_version_id, template_bindings, system_prompt,
      temperature, top_p, max_tokens, stop_sequences, tools, params)
    values (original.organization_id, fork.id, original.id, original.branch,
            left(format('Forked from “%s” v%s', source.name, original.number), 500),
            original.provider, original.model, original.prompt_text, original.template_version_id,
            original.template_bindings, original.system_prompt, original.temperature, original.top_p,
            original.max_tokens, original.stop_sequences, original.tools, original.params)
    returning id into copy_id;
    copies := copies || jsonb_build_object(original.id::text, copy_id);
  end loop;

  insert into public.experiment_variants (organization_id, experiment_id, key, name, version_id,
    allocation_bp, is_control, position)
  select va.organization_id, fork.id, va.key, va.name, (copies ->> va.version_id::text)::uuid,
         va.allocation_bp, va.is_control, va.position
  from public.experiment_variants va where va.experiment_id = source.id;

  return fork;
end;
$$;

-- Creates a new version from a parent: the parent's snapshot with `p_changes` applied (any of
-- provider, model, prompt_text, template_version_id, template_bindings, system_prompt,
-- temperature, top_p, max_tokens, stop_sequences, tools, params). On the parent's branch, or on
-- `p_branch`: naming a new branch is branching. The experiment must be a draft; to iterate on a
-- live one, fork it first.
create or replace function public.branch_version(
  p_parent_version_id uuid,
  p_change_message text,
  p_changes jsonb default '{}',
  p_branch text default null
)
returns public.experiment_versions
language plpgsql
security invoker
set search_path = ''
as $$
declare
  parent public.experiment_versions;
  changes jsonb := coalesce(private.jsonb_arg(p_changes), '{}');
  unknown text[];
  merged public.experiment_versions;
  created public.experiment_versions;
begin
  select * into parent from public.experiment_versions v where v.id = p_parent_version_id;
  if parent.id is null then
    raise exception 'Version not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  if not private.has_role(parent.organization_id, '{product_manager,prompt_engineer,admin}') then
    raise exception 'Only product managers, prompt engineers and admins can create versions' using errcode = '42501';
  end if;
  if jsonb_typeof(changes) <> 'object' then
    raise exception 'Changes must be a JSON object' using errcode = '22023';
  end if;
  unknown := array(
    select k from jsonb_object_keys(changes) k
    where k not in ('provider', 'model', 'prompt_text', 'template_version_id', 'template_bindings',
                    'system_prompt', 'temperature', 'top_p', 'max_tokens', 'stop_sequences', 'tools', 'params'));
  if cardinality(unknown) > 0 then
    raise exception 'These fields cannot be changed in a version: %', array_to_string(unknown, ', ')
      using errcode = '22023';
  end if;
  -- Switching between literal text and a template clears the other side.
  if changes ? 'prompt_text' and changes ->> 'prompt_text' is not null and not (changes ? 'template_version_id') then
    changes := changes || '{"template_version_id": null, "template_bindings": {}}';
  elsif changes ? 'template_version_id' and changes ->> 'template_version_id' is not null
        and not (changes ? 'prompt_text') then
    changes := changes || '{"prompt_text": null}';
  end if;
  merged := jsonb_populate_record(parent, changes);

  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, branch,
    change_message, provider, model, prompt_text, template_version_id, template_bindings, system_prompt,
    temperature, top_p, max_tokens, stop_sequences, tools, params)
  values (parent.organization_id, parent.experiment_id, parent.id, coalesce(p_branch, parent.branch),
          p_change_message, merged.provider, merged.model, merged.prompt_text, merged.template_version_id,
          coalesce(merged.template_bindings, '{}'), merged.system_prompt, merged.temperature, merged.top_p,
          merged.max_tokens, coalesce(merged.stop_sequences, '{}'), coalesce(merged.tools, '[]'),
          coalesce(merged.params, '{}'))
  returning * into created;
  return created;
end;
$$;

-- Field-by-field comparison of two versions for the side-by-side diff: prompt (rendered, for
-- template versions), system prompt, provider, model, every config parameter, template and
-- bindings. One row per field, in display order.
create or replace function public.version_diff(p_from_version_id uuid, p_to_version_id uuid)
returns table (field text, from_value jsonb, to_value jsonb, changed boolean)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  from_version public.experiment_versions;
  to_version public.experiment_versions;
  from_snapshot jsonb;
  to_snapshot jsonb;
begin
  select * into from_version from public.experiment_versions v where v.id = p_from_version_id;
  select * into to_version from public.experiment_versions v where v.id = p_to_version_id;
  if from_version.id is null or to_version.id is null then
    raise exception 'Version not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  from_snapshot := to_jsonb(from_version) || jsonb_build_object('prompt', private.version_prompt(from_version));
  to_snapshot := to_jsonb(to_version) || jsonb_build_object('prompt', private.version_prompt(to_version));
  return query
  select f.name, from_snapshot -> f.name, to_snapshot -> f.name,
         (from_snapshot -> f.name) is distinct from (to_snapshot -> f.name)
  from unnest(array['prompt', 'system_prompt', 'provider', 'model', 'temperature', 'top_p', 'max_tokens',
                    'stop_sequences', 'tools', 'params', 'template_version_id', 'template_bindings',
                    'branch', 'change_message']) with ordinality as f (name, position)
  order by f.position;
end;
$$;

-- Moves an experiment through its lifecycle. The trigger on experiments decides whether the
-- caller's role may make this move and, for going active, whether it has the approvals.
create or replace function public.transition_experiment(p_experiment_id uuid, p_status public.experiment_status)
returns public.experiments
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.experiments;
begin
  select * into target from public.experiments e where e.id = p_experiment_id;
  if target.id is null or not private.is_member(target.organization_id) then
    raise exception 'Experiment not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  if target.status = p_status then
    return target;
  end if;
  update public.experiments set status = p_status where id = p_experiment_id returning * into target;
  return target;
end;
$$;

-- Records the caller's review of an experiment in review: approve, or request changes (which
-- sends it back to draft). Who may review is checked by the trigger on experiment_reviews.
create or replace function public.review_experiment(
  p_experiment_id uuid,
  p_decision public.review_decision,
  p_comment text default ''
)
returns public.experiment_reviews
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.experiments;
  recorded public.experiment_reviews;
begin
  select * into target from public.experiments e where e.id = p_experiment_id;
  if target.id is null or not private.is_member(target.organization_id) then
    raise exception 'Experiment not found, or you are not a member of its organization' using errcode = '42501';
  end if;
  insert into public.experiment_reviews (organization_id, experiment_id, round, reviewer_id, decision, comment)
  values (target.organization_id, target.id, greatest(target.review_round, 1), (select auth.uid()),
          p_decision, coalesce(p_comment, ''))
  returning * into recorded;
  return recorded;
end;
$$;

-- Marks the caller's notifications read. Every id must be one of the caller's own.
create or replace function public.mark_notifications_read(p_notification_ids uuid[])
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  marked integer;
begin
  if caller is null or exists (
    select 1 from unnest(p_notification_ids) requested (id)
    where not exists (select 1 from public.notifications n
                      where n.id = requested.id and n.user_id = caller
                        and private.is_member(n.organization_id))) then
    raise exception 'You can only mark your own notifications read' using errcode = '42501';
  end if;
  update public.notifications set read_at = now()
  where id = any (p_notification_ids) and read_at is null;
  get diagnostics marked = row_count;
  return marked;
end;
$$;

-- Marks all of the caller's notifications in one organization read.
create or replace function public.mark_all_notifications_read(p_organization_id uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  marked integer;
begin
  if not private.is_member(p_organization_id) then
    raise exception 'You are not a member of this organization' using errcode = '42501';
  end if;
  update public.notifications set read_at = now()
  where organization_id = p_organization_id and user_id = (select auth.uid()) and read_at is null;
  get diagnostics marked = row_count;
  return marked;
end;
$$;

revoke all on function public.preview_prompt_template(text, jsonb, jsonb) from public, anon;
revoke all on function public.create_experiment(uuid, jsonb) from public, anon;
revoke all on function public.fork_experiment(uuid, text) from public, anon;
revoke all on function public.branch_version(uuid, text, jsonb, text) from public, anon;
revoke all on function public.version_diff(uuid, uuid) from public, anon;
revoke all on function public.transition_experiment(uuid, public.experiment_status) from public, anon;
revoke all on function public.review_experiment(uuid, public.review_decision, text) from public, anon;
revoke all on function public.mark_notifications_read(uuid[]) from public, anon;
revoke all on function public.mark_all_notifications_read(uuid) from public, anon;
grant execute on function public.preview_prompt_template(text, jsonb, jsonb) to authenticated, service_role;
grant execute on function public.create_experiment(uuid, jsonb) to authenticated, service_role;
grant execute on function public.fork_experiment(uuid, text) to authenticated, service_role;
grant execute on function public.branch_version(uuid, text, jsonb, text) to authenticated, service_role;
grant execute on function public.version_diff(uuid, uuid) to authenticated, service_role;
grant execute on function public.transition_experiment(uuid, public.experiment_status) to authenticated, service_role;
grant execute on function public.review_experiment(uuid, public.review_decision, text) to authenticated, service_role;
grant execute on function public.mark_notifications_read(uuid[]) to authenticated;
grant execute on function public.mark_all_notifications_read(uuid) to authenticated;
