-- The Runs explorer (docs/runs-explorer.md): one page of an organization's runs at a time, newest
-- first by default, with keyset pagination, and the values its filters offer. Both are
-- security-definer RPCs that check membership once, then read the organization's rows by
-- (organization_id, occurred_at): a policy on llm_runs would run private.is_member() once per
-- scanned row, which is what a filter matching few of a million runs cannot afford.
--
-- Neither returns `question` or `response`: the raw text stays behind run_text(), which
-- enablement may not call.

-- "Show me this customer's runs" and "this experiment's runs" (the dashboards' drill-down) are
-- the filters selective enough that walking the time index and discarding the rest would read
-- most of a long range (an experiment runs for weeks of a year); the other filters match a large
-- share of runs (a model, a status, an intent) and ride llm_runs_occurred_idx. A variant or
-- version filter comes with its experiment from the drill-down links.
create index llm_runs_account_idx on public.llm_runs (organization_id, account, occurred_at desc)
  where account is not null;
create index llm_runs_experiment_idx on public.llm_runs (organization_id, experiment_id, occurred_at desc)
  where experiment_id is not null;
-- Slowest / most expensive first over a long range: without these, a page means a top-N sort of
-- every run in the range (over a second for a year of a million runs); with them, the planner
-- walks the sort column and stops after a page, or sorts a short range's runs, whichever is less.
create index llm_runs_latency_idx on public.llm_runs (organization_id, latency_ms, id)
  where latency_ms is not null;
create index llm_runs_cost_idx on public.llm_runs (organization_id, cost_usd, id)
  where cost_usd is not null;

-- One page of runs.
--
-- p_from / p_to: the time range (p_to null = up to now and beyond, so runs that arrive while the
-- page is open are not cut off at the minute the range was computed).
-- p_filters: {"model", "status", "intent", "account", "capability", "action": text,
--   "experiment", "variant", "version": uuid, "manual": boolean}; each key present narrows to
--   equality, unknown keys are refused (22023) so a typo never silently shows everything.
-- p_sort: newest (default) | oldest | latency_desc | latency_asc | cost_desc | cost_asc, ties
--   broken by id. Latency and cost sorts leave out runs without a latency or cost, which keeps
--   them on plain (partial) indexes in both directions.
-- p_after: the cursor, {"key": <sort value of the last row, as text>, "id": <its id>}.
create or replace function public.list_runs(
  p_organization_id uuid,
  p_from timestamptz,
  p_to timestamptz default null,
  p_filters jsonb default '{}',
  p_sort text default 'newest',
  p_after jsonb default null,
  p_limit integer default 50
)
returns table (
  id uuid,
  occurred_at timestamptz,
  sort_key text,
  capability text,
  capability_name text,
  action text,
  intent text,
  intent_name text,
  experiment_id uuid,
  experiment_name text,
  variant_id uuid,
  variant_label text,
  version_id uuid,
  version_number integer,
  provider text,
  model text,
  latency_ms numeric,
  tokens_in integer,
  tokens_out integer,
  cost_usd numeric,
  status text,
  error_type text,
  is_manual boolean,
  account text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  filters jsonb := coalesce(private.jsonb_arg(p_filters), '{}');
  after jsonb := private.jsonb_arg(p_after);
  text_filters constant text[] := '{model,status,intent,account,capability,action}';
  uuid_filters constant text[] := '{experiment,variant,version}';
  unknown text;
  sort_expr text;
  sort_type text;
  descending boolean;
  conditions text := '';
  key text;
begin
  if not private.is_member(p_organization_id) then
    raise exception 'Not a member of this organization' using errcode = '42501';
  end if;
  if p_from is null then
    raise exception 'p_from is required' using errcode = '22023';
  end if;
  if p_limit is null or p_limit not between 1 and 200 then
    raise exception 'p_limit must be between 1 and 200' using errcode = '22023';
  end if;
  if jsonb_typeof(filters) <> 'object' then
    raise exception 'p_filters must be a JSON object' using errcode = '22023';
  end if;
  select string_agg(k, ', ') into unknown
  from jsonb_object_keys(filters) k
  where k <> all (text_filters || uuid_filters || '{manual}'::text[]);
  if unknown is not null then
    raise exception 'Unknown run filter: %', unknown using errcode = '22023';
  end if;

  case p_sort
    when 'newest', 'oldest' then sort_expr := 'r.occurred_at'; sort_type := 'timestamptz';
    when 'latency_desc', 'latency_asc' then sort_expr := 'r.latency_ms'; sort_type := 'numeric';
    when 'cost_desc', 'cost_asc' then sort_expr := 'r.cost_usd'; sort_type := 'numeric';
    else raise exception 'Unknown sort: %', p_sort using errcode = '22023';
  end case;
  descending := p_sort in ('newest', 'latency_desc', 'cost_desc');
  if sort_type = 'numeric' then
    conditions := format(' and %s is not null', sort_expr);
  end if;

  -- Values are quoted literals (format %L), so each page is planned for its actual filters.
  foreach key in array text_filters loop
    if filters ? key then
      conditions := conditions || format(' and r.%I = %L', key, filters ->> key);
    end if;
  end loop;
  foreach key in array uuid_filters loop
    if filters ? key then
      conditions := conditions || format(' and r.%I = %L::uuid', key || '_id', filters ->> key);
    end if;
  end loop;
  if filters ? 'manual' then
    conditions := conditions || format(' and r.is_manual = %L::boolean', filters ->> 'manual');
  end if;
  if after is not null then
    if after ->> 'key' is null or after ->> 'id' is null then
      raise exception 'p_after must be {"key": ..., "id": ...}' using errcode = '22023';
    end if;
    -- The first comparison is what llm_runs_occurred_idx can use (it has no id); the row
    -- comparison breaks ties by id.
    conditions := conditions || format(' and %1$s %2$s %3$L::%4$s and (%1$s, r.id) %5$s (%3$L::%4$s, %6$L::uuid)',
      sort_expr, case when descending then '<=' else '>=' end, after ->> 'key', sort_type,
      case when descending then '<' else '>' end, after ->> 'id');
  end if;

  return query execute format($q$
    select r.id, r.occurred_at, r.sort_key, r.capability, c.name, r.action, r.intent, i.name,
           r.experiment_id, e.name, r.variant_id, coalesce(nullif(v.name, ''), v.key),
           r.version_id, ver.number, r.provider, r.model, r.latency_ms, r.tokens_in, r.tokens_out,
           r.cost_usd, r.status, r.error_type, r.is_manual, r.account
    from (
      select r.id, r.occurred_at, r.capability, r.action, r.intent, r.experiment_id, r.variant_id,
             r.version_id, r.provider, r.model, r.latency_ms, r.tokens_in, r.tokens_out,
             r.cost_usd, r.status, r.error_type, r.is_manual, r.account,
             (%1$s)::text as sort_key, %1$s as sort_value
      from public.llm_runs r
      where r.organization_id = $1 and r.occurred_at >= $2 and r.occurred_at <= $3 %2$s
      order by %1$s %3$s, r.id %3$s
      limit $4
    ) r
    left join public.capabilities c on c.organization_id = $1 and c.key = r.capability
    left join public.intents i on i.organization_id = $1 and i.key = r.intent
    left join public.experiments e on e.organization_id = $1 and e.id = r.experiment_id
    left join public.experiment_variants v on v.organization_id = $1 and v.id = r.variant_id
    left join public.experiment_versions ver on ver.organization_id = $1 and ver.id = r.version_id
    order by r.sort_value %3$s, r.id %3$s
  $q$, sort_expr, conditions, case when descending then 'desc' else 'asc' end)
  using p_organization_id, p_from, coalesce(p_to, 'infinity'), p_limit;
end;
$$;
revoke all on function public.list_runs(uuid, timestamptz, timestamptz, jsonb, text, jsonb, integer)
  from public, anon;
grant execute on function public.list_runs(uuid, timestamptz, timestamptz, jsonb, text, jsonb, integer)
  to authenticated;

-- What the explorer's filters offer: the distinct values among the range's newest runs (at most
-- 20,000 of them, read from llm_runs_occurred_idx, so the cost does not grow with the range), with
-- names from the taxonomy and experiments. `sampled` says the range holds more runs than were
-- read: a value seen only in older runs of the range is then missing from the lists (the filter
-- still works through a link). `has_runs` tells an empty range from an organization that has
-- never sent a run.
create or replace function public.run_filter_options(
  p_organization_id uuid,
  p_from timestamptz,
  p_to timestamptz default null
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  if not private.is_member(p_organization_id) then
    raise exception 'Not a member of this organization' using errcode = '42501';
  end if;
  if p_from is null then
    raise exception 'p_from is required' using errcode = '22023';
  end if;

  with sample as materialized (
    select r.model, r.intent, r.account, r.capability, r.action, r.experiment_id, r.variant_id,
           r.version_id
    from public.llm_runs r
    where r.organization_id = p_organization_id and r.occurred_at >= p_from
      and r.occurred_at <= coalesce(p_to, 'infinity')
    order by r.occurred_at desc
    limit 20000
  )
  select jsonb_build_object(
    'sampled', (select count(*) from sample) = 20000,
    'has_runs', exists (select 1 from public.llm_runs r where r.organization_id = p_organization_id),
    'models', (select coalesce(jsonb_agg(jsonb_build_object('value', m, 'label', m) order by m), '[]')
               from (select distinct s.model m from sample s where s.model is not null) x),
    'accounts', (select coalesce(jsonb_agg(jsonb_build_object('value', a, 'label', a) order by a), '[]')
                 from (select distinct s.account a from sample s where s.account is not null
                       order by 1 limit 500) x),
    'capabilities', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', coalesce(t.name, x.k))
                                               order by coalesce(t.name, x.k)), '[]')
                     from (select distinct s.capability k from sample s where s.capability is not null) x
                     left join public.capabilities t on t.organization_id = p_organization_id and t.key = x.k),
    'intents', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', coalesce(t.name, x.k))
                                          order by coalesce(t.name, x.k)), '[]')
                from (select distinct s.intent k from sample s where s.intent is not null) x
                left join public.intents t on t.organization_id = p_organization_id and t.key = x.k),
    'actions', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', coalesce(t.name, x.k))
                                          order by coalesce(t.name, x.k)), '[]')
                from (select distinct s.action k from sample s where s.action is not null) x
                left join public.actions t on t.organization_id = p_organization_id and t.key = x.k),
    'experiments', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', coalesce(e.name, x.k::text))
                                              order by coalesce(e.name, x.k::text)), '[]')
                    from (select distinct s.experiment_id k from sample s where s.experiment_id is not null) x
                    left join public.experiments e on e.organization_id = p_organization_id and e.id = x.k),
    'variants', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', x.label,
                                                              'experiment', x.experiment_id)
                                           order by x.label), '[]')
                 from (select distinct s.variant_id k, v.experiment_id,
                              coalesce(e.name || ' · ' || coalesce(nullif(v.name, ''), v.key), s.variant_id::text) as label
                       from sample s
                       left join public.experiment_variants v on v.organization_id = p_organization_id and v.id = s.variant_id
                       left join public.experiments e on e.organization_id = p_organization_id and e.id = v.experiment_id
                       where s.variant_id is not null) x),
    'versions', (select coalesce(jsonb_agg(jsonb_build_object('value', x.k, 'label', x.label,
                                                              'experiment', x.experiment_id)
                                           order by x.label), '[]')
                 from (select distinct s.version_id k, v.experiment_id,
                              coalesce(e.name || ' · v' || v.number, s.version_id::text) as label
                       from sample s
                       left join public.experiment_versions v on v.organization_id = p_organization_id and v.id = s.version_id
                       left join public.experiments e on e.organization_id = p_organization_id and e.id = v.experiment_id
                       where s.version_id is not null) x)
  ) into result;
  return result;
end;
$$;
revoke all on function public.run_filter_options(uuid, timestamptz, timestamptz) from public, anon;
grant execute on function public.run_filter_options(uuid, timestamptz, timestamptz) to authenticated;
