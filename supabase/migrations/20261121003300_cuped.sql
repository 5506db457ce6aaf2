-- CUPED on the experiment results page (docs/statistics.md, "CUPED").
--
-- CUPED needs each unit's pre-period value next to its in-experiment value: Σ(pre × post) over
-- the same units. experiment_metric_stats works per observation from the rollups and cannot pair
-- anything, so CUPED gets its own RPC, experiment_cuped_stats, which reads the experiment's units'
-- raw runs and outcomes and is called only when someone switches CUPED on. The marginal pre-period
-- sums experiment_metric_stats returned (pre_n, pre_sum, pre_sum_sq) could never feed CUPED and
-- cost a join of every exposure with the organization's runs on every refresh of the page: they go.
--
-- Runs belong to a unit through llm_runs.end_user_id = exposures.unit_id, as everywhere else.

-- The metrics an experiment is compared on, and for each the run statistic it is read from when it
-- is about runs rather than outcomes (latency percentiles on mean latency, total cost on cost per
-- run). The experiment's own metrics first, then the LLM metrics every experiment gets.
create function private.experiment_metric_keys(p_experiment_id uuid)
returns table (key text, ord bigint, run_key text)
language sql
stable
set search_path = ''
as $$
  with own as (
    select md.key, row_number() over (order by md.key) as ord
    from public.experiment_metrics em
    join public.metric_definitions md on md.id = em.metric_id
    where em.experiment_id = p_experiment_id
  )
  select o.key, o.ord,
         case when o.key in ('latency_p50', 'latency_p95') then 'latency_mean'
              when o.key = 'cost' then 'cost_per_run'
              when o.key in ('error_rate', 'latency_mean', 'cost_per_run') then o.key end
  from own o
  union all
  select m.key, 1000 + m.ord, m.key
  from unnest(array['error_rate', 'latency_mean', 'cost_per_run']) with ordinality m (key, ord)
  where m.key not in (select o.key from own o)
$$;
revoke all on function private.experiment_metric_keys(uuid) from public;

-- Per variant and metric of an experiment: sufficient statistics of the observations (runs or
-- outcomes) over the experiment's whole life, and exposures (for the SRM check).
drop function public.experiment_metric_stats(uuid);
create function public.experiment_metric_stats(p_experiment_id uuid)
returns table (variant_id uuid, metric text, n bigint, sum double precision,
               sum_sq double precision, exposures bigint)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
declare
  ex public.experiments;
  w timestamptz;
  variants uuid[];
  outcome_keys text[];
begin
  select e.* into ex from public.experiments e where e.id = p_experiment_id;
  if ex.id is null or not private.is_member(ex.organization_id) then
    raise exception 'Experiment not found, or you are not a member of its organization'
      using errcode = '42501';
  end if;
  select s.watermark into w from private.rollup_state s;
  select array_agg(v.id) into variants from public.experiment_variants v where v.experiment_id = ex.id;
  select coalesce(array_agg(k.key), '{}') into outcome_keys
  from private.experiment_metric_keys(ex.id) k where k.run_key is null;

  return query
  with metric_keys as (select * from private.experiment_metric_keys(ex.id)),
  run_obs as (
    -- Day rollups hold everything up to the watermark; the tail adds the rest.
    select x.variant_id as vid, x.runs, x.errors, x.latency_n, x.latency_sum, x.latency_sum_sq,
           x.cost_n, x.cost_sum, x.cost_sum_sq
    from public.run_rollups x
    where x.organization_id = ex.organization_id and x.level = 'day' and x.grain = 'variant_id'
      and x.variant_id = any (variants)
    union all
    select r.variant_id, 1, (r.status <> 'ok')::integer, (r.latency_ms is not null)::integer,
           coalesce(r.latency_ms::double precision, 0), coalesce(r.latency_ms::double precision ^ 2, 0),
           (r.cost_usd is not null)::integer, coalesce(r.cost_usd::double precision, 0),
           coalesce(r.cost_usd::double precision ^ 2, 0)
    from public.llm_runs r
    where r.organization_id = ex.organization_id and r.received_at > w and r.variant_id = any (variants)
  ),
  run_stats as (
    select ro.vid, m.key,
           case m.key when 'error_rate' then sum(ro.runs) when 'latency_mean' then sum(ro.latency_n)
                      else sum(ro.cost_n) end::bigint as n,
           case m.key when 'error_rate' then sum(ro.errors) when 'latency_mean' then sum(ro.latency_sum)
                      else sum(ro.cost_sum) end::double precision as s,
           case m.key when 'error_rate' then sum(ro.errors) when 'latency_mean' then sum(ro.latency_sum_sq)
                      else sum(ro.cost_sum_sq) end::double precision as ss
    from run_obs ro
    cross join (values ('error_rate'), ('latency_mean'), ('cost_per_run')) m (key)
    group by ro.vid, m.key
  ),
  outcome_obs as (
    select x.variant_id as vid, x.metric_key, x.n, x.sum, x.sum_sq
    from public.outcome_rollups x
    where x.organization_id = ex.organization_id and x.level = 'day' and x.grain = 'variant_id'
      and x.variant_id = any (variants) and x.metric_key = any (outcome_keys)
    union all
    select r.variant_id, o.metric_key, 1, o.value::double precision, o.value::double precision ^ 2
    from public.outcomes o
    join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
    where o.organization_id = ex.organization_id and o.received_at > w
      and r.variant_id = any (variants) and o.metric_key = any (outcome_keys)
  ),
  outcome_stats as (
    select oo.vid, oo.metric_key as key, sum(oo.n)::bigint as n, sum(oo.sum) as s, sum(oo.sum_sq) as ss
    from outcome_obs oo group by oo.vid, oo.metric_key
  ),
  exposure_counts as (
    select e.variant_id as vid, count(*) as c from public.exposures e
    where e.experiment_id = ex.id group by e.variant_id
  )
  select v.id, mk.key,
         coalesce(coalesce(rs.n, os.n), 0)::bigint, coalesce(rs.s, os.s, 0), coalesce(rs.ss, os.ss, 0),
         coalesce(ec.c, 0)::bigint
  from public.experiment_variants v
  cross join metric_keys mk
  left join run_stats rs on rs.vid = v.id and rs.key = mk.run_key
  left join outcome_stats os on os.vid = v.id and os.key = mk.key and mk.run_key is null
  left join exposure_counts ec on ec.vid = v.id
  where v.experiment_id = ex.id
  order by v.position, v.key, mk.ord;
end;
$$;

-- A unit's runs in time order, for experiment_cuped_stats: one index range per exposed unit keeps
-- its cost proportional to the experiment's units. Without it the pre-period is a scan of all the
-- organization's runs since the pre-period began (measured on 2M runs: 1,000 units 0.5 s without,
-- 0.12 s with; it grows with the organization's traffic, not the experiment's).
create index llm_runs_end_user_idx on public.llm_runs (organization_id, end_user_id, occurred_at)
  where end_user_id is not null;

-- Per variant and metric, at unit level, for CUPED: the variant's exposed units that have at least
-- one observation of the metric in the experiment, each contributing its mean over those
-- observations (for a rate, its own rate) as the post value, and its mean over the equal-length
-- period before activation as the pre value (0 when it has none there, as GrowthBook does).
-- Returns the sums the engine's CupedArm needs, and how many units had pre-period data.
--
-- In the experiment: the unit's runs carrying its variant, and outcomes linked to them (run_id).
-- Before it: the unit's runs carrying none of the experiment's variants, and their outcomes.
-- Reads raw rows, but only the experiment's units' own runs since the pre-period began, through
-- llm_runs_end_user_idx; the page calls it only when CUPED is switched on.
create function public.experiment_cuped_stats(p_experiment_id uuid)
returns table (variant_id uuid, metric text, n_units bigint, sum double precision,
               sum_sq double precision, pre_sum double precision, pre_sum_sq double precision,
               sum_pre_post double precision, units_with_pre bigint)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
declare
  ex public.experiments;
  pre_from timestamptz;
  variants uuid[];
  outcome_keys text[];
begin
  select e.* into ex from public.experiments e where e.id = p_experiment_id;
  if ex.id is null or not private.is_member(ex.organization_id) then
    raise exception 'Experiment not found, or you are not a member of its organization'
      using errcode = '42501';
  end if;
  if ex.activated_at is null then
    raise exception 'This experiment hasn''t started, so there is no pre-period for CUPED to use yet'
      using errcode = '22023';
  end if;
  pre_from := ex.activated_at - (coalesce(ex.archived_at, now()) - ex.activated_at);
  select array_agg(v.id) into variants from public.experiment_variants v where v.experiment_id = ex.id;
  select coalesce(array_agg(k.key), '{}') into outcome_keys
  from private.experiment_metric_keys(ex.id) k where k.run_key is null;

  return query
  with metric_keys as (select * from private.experiment_metric_keys(ex.id)),
  unit_runs as (
    select e.variant_id as vid, e.unit_id, r.id, r.status, r.latency_ms, r.cost_usd,
           r.variant_id is not distinct from e.variant_id as post
    from public.exposures e
    join public.llm_runs r
      on r.organization_id = ex.organization_id and r.end_user_id = e.unit_id
     and r.occurred_at >= pre_from
    where e.experiment_id = ex.id
      and (r.variant_id = e.variant_id
           or (r.occurred_at < ex.activated_at and not coalesce(r.variant_id = any (variants), false)))
  ),
  unit_obs as (
    select ur.vid, ur.unit_id, ur.post, m.key,
           case m.key when 'error_rate' then (ur.status <> 'ok')::integer::double precision
                      when 'latency_mean' then ur.latency_ms::double precision
                      else ur.cost_usd::double precision end as value
    from unit_runs ur
    cross join (values ('error_rate'), ('latency_mean'), ('cost_per_run')) m (key)
    union all
    select ur.vid, ur.unit_id, ur.post, o.metric_key, o.value::double precision
    from unit_runs ur
    join public.outcomes o on o.run_id = ur.id and o.organization_id = ex.organization_id
    where o.metric_key = any (outcome_keys)
  ),
  unit_values as (
    select uo.vid, uo.key,
           avg(uo.value) filter (where uo.post) as post,
           avg(uo.value) filter (where not uo.post) as pre
    from unit_obs uo
    where uo.value is not null
    group by uo.vid, uo.unit_id, uo.key
  ),
  arms as (
    select uv.vid, uv.key, count(*) as n, sum(uv.post) as s, sum(uv.post ^ 2) as ss,
           sum(coalesce(uv.pre, 0)) as ps, sum(coalesce(uv.pre, 0) ^ 2) as pss,
           sum(coalesce(uv.pre, 0) * uv.post) as spp, count(uv.pre) as with_pre
    from unit_values uv
    where uv.post is not null
    group by uv.vid, uv.key
  )
  select v.id, mk.key, coalesce(a.n, 0)::bigint, coalesce(a.s, 0), coalesce(a.ss, 0),
         coalesce(a.ps, 0), coalesce(a.pss, 0), coalesce(a.spp, 0), coalesce(a.with_pre, 0)::bigint
  from public.experiment_variants v
  cross join metric_keys mk
  left join arms a on a.vid = v.id and a.key = coalesce(mk.run_key, mk.key)
  where v.experiment_id = ex.id
  order by v.position, v.key, mk.ord;
end;
$$;

revoke all on function public.experiment_metric_stats(uuid) from public, anon;
revoke all on function public.experiment_cuped_stats(uuid) from public, anon;
grant execute on function public.experiment_metric_stats(uuid) to authenticated;
grant execute on function public.experiment_cuped_stats(uuid) to authenticated;
