-- Analytics: the metric catalog, rollups of runs, outcomes and feedback at minute, hour and day
-- buckets, the job that keeps them fresh, and the RPCs every dashboard reads through
-- (metric_summary, metric_series, metric_breakdown, experiment_metric_stats). Design and
-- guarantees: docs/analytics.md. The TypeScript side of the catalog is
-- supabase/functions/_shared/analytics/catalog.ts; an integration test keeps them equal.

-- ---------------------------------------------------------------------------------------------
-- Catalog

create table private.metric_catalog (
  key text primary key,
  position integer not null unique,
  label text not null,
  category text not null check (category in ('outcome', 'llm')),
  source text not null check (source in ('runs', 'outcomes', 'feedback')),
  outcome_metric_key text,
  aggregation text not null check (aggregation in ('rate', 'mean', 'sum', 'count', 'p50', 'p95')),
  unit text not null check (unit in ('percent', 'usd', 'ms', 'count', 'minutes', 'score', 'tokens')),
  direction text not null check (direction in ('increase', 'decrease')),
  check ((source = 'outcomes') = (outcome_metric_key is not null))
);

create table private.dimension_catalog (
  key text primary key,
  position integer not null unique,
  label text not null
);

insert into private.metric_catalog
  (key, position, label, category, source, outcome_metric_key, aggregation, unit, direction) values
  ('conversion', 1, 'Conversion', 'outcome', 'outcomes', 'conversion', 'rate', 'percent', 'increase'),
  ('order_value', 2, 'Average order value', 'outcome', 'outcomes', 'order_value', 'mean', 'usd', 'increase'),
  ('csat', 3, 'CSAT', 'outcome', 'outcomes', 'csat', 'mean', 'score', 'increase'),
  ('sentiment', 4, 'Sentiment', 'outcome', 'outcomes', 'sentiment', 'mean', 'score', 'increase'),
  ('resolution_time', 5, 'Resolution time', 'outcome', 'outcomes', 'resolution_time', 'mean', 'minutes', 'decrease'),
  ('deflection', 6, 'Deflection rate', 'outcome', 'outcomes', 'deflection', 'rate', 'percent', 'increase'),
  ('escalation', 7, 'Escalation rate', 'outcome', 'outcomes', 'escalation', 'rate', 'percent', 'decrease'),
  ('runs', 8, 'Runs', 'llm', 'runs', null, 'count', 'count', 'increase'),
  ('latency_p50', 9, 'Latency p50', 'llm', 'runs', null, 'p50', 'ms', 'decrease'),
  ('latency_p95', 10, 'Latency p95', 'llm', 'runs', null, 'p95', 'ms', 'decrease'),
  ('latency_mean', 11, 'Mean latency', 'llm', 'runs', null, 'mean', 'ms', 'decrease'),
  ('error_rate', 12, 'Error rate', 'llm', 'runs', null, 'rate', 'percent', 'decrease'),
  ('cost', 13, 'Cost', 'llm', 'runs', null, 'sum', 'usd', 'decrease'),
  ('cost_per_run', 14, 'Cost per run', 'llm', 'runs', null, 'mean', 'usd', 'decrease'),
  ('tokens', 15, 'Tokens', 'llm', 'runs', null, 'sum', 'tokens', 'decrease'),
  ('thumbs_up_rate', 16, 'Thumbs-up rate', 'llm', 'feedback', null, 'rate', 'percent', 'increase');

-- The order is the grouping-set bit order below (experiment_id is the most significant bit).
insert into private.dimension_catalog (key, position, label) values
  ('experiment_id', 1, 'Experiment'),
  ('variant_id', 2, 'Variant'),
  ('version_id', 3, 'Version'),
  ('model', 4, 'Model'),
  ('provider', 5, 'Provider'),
  ('capability', 6, 'Capability'),
  ('action', 7, 'Action'),
  ('intent', 8, 'Intent'),
  ('account', 9, 'Account'),
  ('is_manual', 10, 'Manual or automated'),
  ('status', 11, 'Status');

alter table private.metric_catalog enable row level security;
alter table private.dimension_catalog enable row level security;
revoke all on private.metric_catalog, private.dimension_catalog from public, anon, authenticated;
grant select on private.metric_catalog, private.dimension_catalog to service_role;

-- ---------------------------------------------------------------------------------------------
-- Rollups: sufficient statistics per organization × level (minute, hour, day) × bucket ×
-- grain × dimensions. A row's grain says which dimensions it is grouped by: 'total' (none, the
-- other columns null), one dimension key (only that column set), or 'full' (all of them). A
-- query reads the narrowest grain that covers its filters and grouping, so the Overview's
-- unfiltered year is ~365 day rows whatever the traffic.
--
-- Latency histogram: 80 fixed log-spaced buckets, bucket i (1-based) counting latencies in
-- [2^((i-1)/4), 2^(i/4)) ms (bucket 1 also takes < 1 ms, bucket 80 everything from ~14 min):
-- percentiles are exact to within one bucket, ±9% around the interpolated value.

create table public.run_rollups (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  level text not null check (level in ('minute', 'hour', 'day')),
  bucket timestamptz not null,
  grain text not null,
  experiment_id uuid,
  variant_id uuid,
  version_id uuid,
  model text,
  provider text,
  capability text,
  action text,
  intent text,
  account text,
  is_manual boolean,
  status text,
  runs bigint not null,
  errors bigint not null,
  latency_n bigint not null,
  latency_sum double precision not null,
  latency_sum_sq double precision not null,
  latency_hist integer[] not null check (cardinality(latency_hist) = 80),
  cost_n bigint not null,
  cost_sum double precision not null,
  cost_sum_sq double precision not null,
  tokens_n bigint not null,
  tokens_sum double precision not null
);

create table public.outcome_rollups (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  level text not null check (level in ('minute', 'hour', 'day')),
  bucket timestamptz not null,
  grain text not null,
  experiment_id uuid,
  variant_id uuid,
  version_id uuid,
  model text,
  provider text,
  capability text,
  action text,
  intent text,
  account text,
  is_manual boolean,
  status text,
  metric_key text not null,
  n bigint not null,
  sum double precision not null,
  sum_sq double precision not null
);

create table public.feedback_rollups (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  level text not null check (level in ('minute', 'hour', 'day')),
  bucket timestamptz not null,
  grain text not null,
  experiment_id uuid,
  variant_id uuid,
  version_id uuid,
  model text,
  provider text,
  capability text,
  action text,
  intent text,
  account text,
  is_manual boolean,
  status text,
  thumbs_up bigint not null,
  thumbs_down bigint not null
);

create index run_rollups_lookup_idx on public.run_rollups (organization_id, level, grain, bucket);
create index outcome_rollups_lookup_idx on public.outcome_rollups (organization_id, level, grain, bucket);
create index feedback_rollups_lookup_idx on public.feedback_rollups (organization_id, level, grain, bucket);
-- Retention deletes by level and age across organizations.
create index run_rollups_age_idx on public.run_rollups (level, bucket);
create index outcome_rollups_age_idx on public.outcome_rollups (level, bucket);
create index feedback_rollups_age_idx on public.feedback_rollups (level, bucket);

-- What arrived since the last refresh, and the not-yet-rolled tail, are found by arrival time.
create index llm_runs_received_idx on public.llm_runs (received_at);
create index outcomes_received_idx on public.outcomes (received_at);
create index feedback_received_idx on public.feedback (received_at);

alter table public.run_rollups enable row level security;
alter table public.outcome_rollups enable row level security;
alter table public.feedback_rollups enable row level security;

create policy "members can read their organization's run rollups" on public.run_rollups
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's outcome rollups" on public.outcome_rollups
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "members can read their organization's feedback rollups" on public.feedback_rollups
  for select to authenticated using ((select private.is_member(organization_id)));

-- Written only by private.refresh_rollups().
revoke all on public.run_rollups, public.outcome_rollups, public.feedback_rollups from anon, authenticated;
grant select on public.run_rollups, public.outcome_rollups, public.feedback_rollups to authenticated;
grant all on public.run_rollups, public.outcome_rollups, public.feedback_rollups to service_role;

-- The watermark: every raw row received at or before it is in the rollups (rows received in
-- the few seconds before it by transactions still open then are caught by the next refresh's
-- overlap). Queries add the raw rows received after it.
create table private.rollup_state (
  id boolean primary key default true check (id),
  watermark timestamptz not null default '-infinity',
  refreshed_at timestamptz,
  last_duration_ms double precision,
  last_touched_hours integer
);
insert into private.rollup_state default values;
alter table private.rollup_state enable row level security;
revoke all on private.rollup_state from public, anon, authenticated;
grant select on private.rollup_state to service_role;

-- ---------------------------------------------------------------------------------------------
-- Helpers

create or replace function private.latency_bucket(p_ms numeric)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select least(80, greatest(1, floor(4 * ln(greatest(p_ms::double precision, 1)) / ln(2))::integer + 1));
$$;

-- The p-quantile inside histogram bucket i, which holds c of the total observations and ends
-- at cumulative count cum: log-linear interpolation between the bucket's bounds.
create or replace function private.histogram_value(
  i integer, c double precision, cum double precision, total double precision, q double precision
)
returns double precision
language sql
immutable
parallel safe
set search_path = ''
as $$
  select power(2, (i - 1) / 4.0)
         * power(power(2, 0.25), least(1, greatest(0, (q * total - (cum - c)) / c)));
$$;

-- Where each level's rows are kept: minutes for 48 hours, hours for 90 days, days forever.
create or replace function private.rollup_horizon(p_level text, p_watermark timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select case p_level
    when 'minute' then date_trunc('hour', p_watermark - interval '48 hours', 'UTC')
    when 'hour' then date_trunc('day', p_watermark - interval '90 days', 'UTC')
    else '-infinity'::timestamptz
  end;
$$;

create or replace function private.ceil_to(p_unit text, p_at timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select case when date_trunc(p_unit, p_at, 'UTC') = p_at then p_at
              else date_trunc(p_unit, p_at, 'UTC') + ('1 ' || p_unit)::interval end;
$$;

-- Splits [p_from, p_to) into pieces read from the coarsest level that tiles them (days in the
-- middle, hours and minutes at the edges), and 'raw' pieces (sub-minute edges, and whatever is
-- older than a level's retention), which are aggregated from the raw tables.
create or replace function private.rollup_pieces(
  p_from timestamptz, p_to timestamptz, p_levels text[], p_watermark timestamptz
)
returns table (level text, piece_from timestamptz, piece_to timestamptz)
language plpgsql
stable
set search_path = ''
as $$
declare
  unit text := p_levels[1];
  lo timestamptz;
  hi timestamptz;
begin
  if p_from >= p_to then
    return;
  end if;
  if unit is null then
    return query select 'raw'::text, p_from, p_to;
    return;
  end if;
  lo := greatest(private.ceil_to(unit, p_from), private.rollup_horizon(unit, p_watermark));
  hi := date_trunc(unit, p_to, 'UTC');
  if lo < hi then
    return query select unit, lo, hi;
    return query select * from private.rollup_pieces(p_from, lo, p_levels[2:], p_watermark);
    return query select * from private.rollup_pieces(hi, p_to, p_levels[2:], p_watermark);
  else
    return query select * from private.rollup_pieces(p_from, p_to, p_levels[2:], p_watermark);
  end if;
end;
$$;

-- The grain name of a grouping-set mask: GROUPING() over the 11 dimensions in catalog order
-- sets a bit for each dimension a row is not grouped by (experiment_id is 1024, status 1).
create or replace function private.rollup_grain(p_mask integer)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case p_mask
    when 2047 then 'total' when 0 then 'full'
    when 1023 then 'experiment_id' when 1535 then 'variant_id' when 1791 then 'version_id'
    when 1919 then 'model' when 1983 then 'provider' when 2015 then 'capability'
    when 2031 then 'action' when 2039 then 'intent' when 2043 then 'account'
    when 2045 then 'is_manual' when 2046 then 'status'
  end;
$$;

-- Histogram array (80 counts) from (bucket, count) pairs.
create or replace function private.latency_histogram(p_buckets integer[], p_counts bigint[])
returns integer[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  hist integer[] := array_fill(0, array[80]);
  k integer;
begin
  for k in 1 .. coalesce(cardinality(p_buckets), 0) loop
    if p_buckets[k] is not null then
      hist[p_buckets[k]] := hist[p_buckets[k]] + p_counts[k];
    end if;
  end loop;
  return hist;
end;
$$;

revoke all on function private.latency_bucket(numeric) from public;
revoke all on function private.histogram_value(integer, double precision, double precision, double precision, double precision) from public;
revoke all on function private.rollup_horizon(text, timestamptz) from public;
revoke all on function private.ceil_to(text, timestamptz) from public;
revoke all on function private.rollup_pieces(timestamptz, timestamptz, text[], timestamptz) from public;
revoke all on function private.rollup_grain(integer) from public;
revoke all on function private.latency_histogram(integer[], bigint[]) from public;

-- ---------------------------------------------------------------------------------------------
-- Refresh: idempotent, safe to rerun and to run late.
--
-- 1. Touched hours: the (organization, hour of occurred_at) of every run, outcome and feedback
--    received after the previous watermark (minus a 5-minute overlap for transactions that
--    committed late), and of every outcome and feedback whose run arrived then (late linking
--    moves them to the run's dimensions).
-- 2. Each touched group is recomputed whole from the raw rows received up to the new watermark:
--    minute rows for touched hours within 48 h, hour rows within 90 days, day rows for their days.
--    Recomputing whole groups (delete + insert) instead of adding increments is what makes a
--    rerun, a late run, late and out-of-order events and re-linking all give the same rows.
-- 3. Minute and hour rows past their retention are deleted; the watermark moves.

create or replace function private.refresh_rollups()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set work_mem = '64MB'
as $$
declare
  started timestamptz := clock_timestamp();
  w_old timestamptz;
  w_new timestamptz := now();
  since timestamptz;
  lvl text;
  touched integer;
begin
  -- One refresh at a time; a concurrent call waits and then finds little or nothing to do.
  select s.watermark into w_old from private.rollup_state s for update;
  since := w_old - interval '5 minutes';

  if to_regclass('pg_temp.rollup_groups') is not null then
    drop table pg_temp.rollup_groups;
  end if;
  create temp table pg_temp.rollup_groups (
    organization_id uuid not null,
    level text not null,
    range_from timestamptz not null,
    range_to timestamptz not null
  ) on commit drop;

  with hours as (
    select distinct t.organization_id, date_trunc('hour', t.occurred_at, 'UTC') as hour
    from (
      select r.organization_id, r.occurred_at from public.llm_runs r
      where r.received_at > since and r.received_at <= w_new
      union all
      select o.organization_id, o.occurred_at from public.outcomes o
      where o.received_at > since and o.received_at <= w_new
      union all
      select o.organization_id, o.occurred_at
      from public.llm_runs r
      join public.outcomes o on o.run_id = r.id and o.organization_id = r.organization_id
      where r.received_at > since and r.received_at <= w_new
      union all
      select f.organization_id, f.occurred_at from public.feedback f
      where f.received_at > since and f.received_at <= w_new
      union all
      select f.organization_id, f.occurred_at
      from public.llm_runs r
      join public.feedback f on f.run_id = r.id and f.organization_id = r.organization_id
      where r.received_at > since and r.received_at <= w_new
    ) t
  )
  insert into pg_temp.rollup_groups (organization_id, level, range_from, range_to)
  select h.organization_id, 'minute', h.hour, h.hour + interval '1 hour'
  from hours h where h.hour >= private.rollup_horizon('minute', w_new)
  union all
  select h.organization_id, 'hour', h.hour, h.hour + interval '1 hour'
  from hours h where h.hour >= private.rollup_horizon('hour', w_new)
  union all
  select distinct h.organization_id, 'day', date_trunc('day', h.hour, 'UTC'),
         date_trunc('day', h.hour, 'UTC') + interval '1 day'
  from hours h;
  get diagnostics touched = row_count;
  analyze pg_temp.rollup_groups;

  foreach lvl in array array['minute', 'hour', 'day'] loop
    delete from public.run_rollups x using pg_temp.rollup_groups g
    where g.level = lvl and x.organization_id = g.organization_id and x.level = lvl
      and x.bucket >= g.range_from and x.bucket < g.range_to;
    delete from public.outcome_rollups x using pg_temp.rollup_groups g
    where g.level = lvl and x.organization_id = g.organization_id and x.level = lvl
      and x.bucket >= g.range_from and x.bucket < g.range_to;
    delete from public.feedback_rollups x using pg_temp.rollup_groups g
    where g.level = lvl and x.organization_id = g.organization_id and x.level = lvl
      and x.bucket >= g.range_from and x.bucket < g.range_to;

    -- Runs: first per full dimensions and histogram bucket, then every grain from that.
    insert into public.run_rollups (organization_id, level, bucket, grain, experiment_id,
      variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
      status, runs, errors, latency_n, latency_sum, latency_sum_sq, latency_hist, cost_n,
      cost_sum, cost_sum_sq, tokens_n, tokens_sum)
    with base as (
      select r.organization_id, date_trunc(lvl, r.occurred_at, 'UTC') as bucket,
             r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability,
             r.action, r.intent, r.account, r.is_manual, r.status,
             private.latency_bucket(r.latency_ms) as hidx,
             count(*) as runs,
             count(*) filter (where r.status <> 'ok') as errors,
             count(r.latency_ms) as latency_n,
             coalesce(sum(r.latency_ms::double precision), 0) as latency_sum,
             coalesce(sum(r.latency_ms::double precision ^ 2), 0) as latency_sum_sq,
             count(r.cost_usd) as cost_n,
             coalesce(sum(r.cost_usd::double precision), 0) as cost_sum,
             coalesce(sum(r.cost_usd::double precision ^ 2), 0) as cost_sum_sq,
             count(*) filter (where r.tokens_in is not null or r.tokens_out is not null) as tokens_n,
             coalesce(sum(coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0)), 0)::double precision as tokens_sum
      from pg_temp.rollup_groups g
      cross join lateral (
        select x.* from public.llm_runs x
        where x.organization_id = g.organization_id
          and x.occurred_at >= g.range_from and x.occurred_at < g.range_to
          and x.received_at <= w_new
        offset 0 -- one index range scan per group, never a join over the whole table
      ) r
      where g.level = lvl
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
    ),
    sets as (
      select b.organization_id, b.bucket, b.hidx,
             grouping(b.experiment_id, b.variant_id, b.version_id, b.model, b.provider,
                      b.capability, b.action, b.intent, b.account, b.is_manual, b.status) as mask,
             b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
             b.action, b.intent, b.account, b.is_manual, b.status,
             sum(b.runs) as runs, sum(b.errors) as errors, sum(b.latency_n)::bigint as latency_n,
             sum(b.latency_sum) as latency_sum, sum(b.latency_sum_sq) as latency_sum_sq,
             sum(b.cost_n) as cost_n, sum(b.cost_sum) as cost_sum,
             sum(b.cost_sum_sq) as cost_sum_sq, sum(b.tokens_n) as tokens_n,
             sum(b.tokens_sum) as tokens_sum
      from base b
      group by b.organization_id, b.bucket, b.hidx, grouping sets (
        (), (b.experiment_id), (b.variant_id), (b.version_id), (b.model), (b.provider),
        (b.capability), (b.action), (b.intent), (b.account), (b.is_manual), (b.status),
        (b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
         b.action, b.intent, b.account, b.is_manual, b.status))
    )
    -- Minute rows only for the total and the full grain: minute ranges are short.
    select s.organization_id, lvl, s.bucket, private.rollup_grain(s.mask), s.experiment_id,
           s.variant_id, s.version_id, s.model, s.provider, s.capability, s.action, s.intent,
           s.account, s.is_manual, s.status, sum(s.runs), sum(s.errors), sum(s.latency_n),
           sum(s.latency_sum), sum(s.latency_sum_sq),
           private.latency_histogram(array_agg(s.hidx), array_agg(s.latency_n)),
           sum(s.cost_n), sum(s.cost_sum), sum(s.cost_sum_sq), sum(s.tokens_n), sum(s.tokens_sum)
    from sets s
    where lvl <> 'minute' or s.mask in (0, 2047)
    group by s.organization_id, s.bucket, s.mask, s.experiment_id, s.variant_id, s.version_id,
             s.model, s.provider, s.capability, s.action, s.intent, s.account, s.is_manual,
             s.status;

    -- Outcomes, with their run's dimensions (account: the run's, else the outcome's own).
    insert into public.outcome_rollups (organization_id, level, bucket, grain, experiment_id,
      variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
      status, metric_key, n, sum, sum_sq)
    select o.organization_id, lvl, date_trunc(lvl, o.occurred_at, 'UTC'),
           private.rollup_grain(grouping(r.experiment_id, r.variant_id, r.version_id, r.model,
             r.provider, r.capability, r.action, r.intent, coalesce(r.account, o.account),
             r.is_manual, r.status)),
           r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability,
           r.action, r.intent, coalesce(r.account, o.account), r.is_manual, r.status,
           o.metric_key, count(*), sum(o.value::double precision),
           sum(o.value::double precision ^ 2)
    from pg_temp.rollup_groups g
    cross join lateral (
      select x.* from public.outcomes x
      where x.organization_id = g.organization_id
        and x.occurred_at >= g.range_from and x.occurred_at < g.range_to
        and x.received_at <= w_new
      offset 0
    ) o
    left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
    where g.level = lvl
    group by o.organization_id, date_trunc(lvl, o.occurred_at, 'UTC'), o.metric_key, grouping sets (
      (), (r.experiment_id), (r.variant_id), (r.version_id), (r.model), (r.provider),
      (r.capability), (r.action), (r.intent), (coalesce(r.account, o.account)), (r.is_manual),
      (r.status),
      (r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability, r.action,
       r.intent, coalesce(r.account, o.account), r.is_manual, r.status))
    having lvl <> 'minute' or grouping(r.experiment_id, r.variant_id, r.version_id, r.model,
      r.provider, r.capability, r.action, r.intent, coalesce(r.account, o.account), r.is_manual,
      r.status) in (0, 2047);

    insert into public.feedback_rollups (organization_id, level, bucket, grain, experiment_id,
      variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
      status, thumbs_up, thumbs_down)
    select f.organization_id, lvl, date_trunc(lvl, f.occurred_at, 'UTC'),
           private.rollup_grain(grouping(r.experiment_id, r.variant_id, r.version_id, r.model,
             r.provider, r.capability, r.action, r.intent, r.account, r.is_manual, r.status)),
           r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability,
           r.action, r.intent, r.account, r.is_manual, r.status,
           count(*) filter (where f.thumbs = 'up'), count(*) filter (where f.thumbs = 'down')
    from pg_temp.rollup_groups g
    cross join lateral (
      select x.* from public.feedback x
      where x.organization_id = g.organization_id
        and x.occurred_at >= g.range_from and x.occurred_at < g.range_to
        and x.received_at <= w_new and x.thumbs is not null
      offset 0
    ) f
    left join public.llm_runs r on r.id = f.run_id and r.organization_id = f.organization_id
    where g.level = lvl
    group by f.organization_id, date_trunc(lvl, f.occurred_at, 'UTC'), grouping sets (
      (), (r.experiment_id), (r.variant_id), (r.version_id), (r.model), (r.provider),
      (r.capability), (r.action), (r.intent), (r.account), (r.is_manual), (r.status),
      (r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability, r.action,
       r.intent, r.account, r.is_manual, r.status))
    having lvl <> 'minute' or grouping(r.experiment_id, r.variant_id, r.version_id, r.model,
      r.provider, r.capability, r.action, r.intent, r.account, r.is_manual, r.status) in (0, 2047);
  end loop;

  delete from public.run_rollups x
  where (x.level = 'minute' and x.bucket < private.rollup_horizon('minute', w_new))
     or (x.level = 'hour' and x.bucket < private.rollup_horizon('hour', w_new));
  delete from public.outcome_rollups x
  where (x.level = 'minute' and x.bucket < private.rollup_horizon('minute', w_new))
     or (x.level = 'hour' and x.bucket < private.rollup_horizon('hour', w_new));
  delete from public.feedback_rollups x
  where (x.level = 'minute' and x.bucket < private.rollup_horizon('minute', w_new))
     or (x.level = 'hour' and x.bucket < private.rollup_horizon('hour', w_new));

  update private.rollup_state s
  set watermark = w_new, refreshed_at = clock_timestamp(),
      last_duration_ms = extract(epoch from clock_timestamp() - started) * 1000,
      last_touched_hours = touched;
  return jsonb_build_object('watermark', w_new, 'groups', touched,
    'duration_ms', round((extract(epoch from clock_timestamp() - started) * 1000)::numeric, 1));
end;
$$;
revoke all on function private.refresh_rollups() from public;
grant execute on function private.refresh_rollups() to service_role;

insert into private.scheduled_jobs (name, schedule, command, description) values
  ('analytics.refresh-rollups', '* * * * *', $$select private.refresh_rollups()$$,
   'Rolls newly received runs, outcomes and feedback up into minute, hour and day rollups.');
select private.sync_cron_jobs();

-- ---------------------------------------------------------------------------------------------
-- The one query path. Every RPC below validates keys against the catalog, then reads through
-- private.metric_values: rollup rows for the pieces of the range the rollups tile, plus raw
-- rows received after the watermark (the tail), plus raw rows of the 'raw' pieces. Filters are
-- compared with = any(array); the group key is a CASE over the whitelisted dimension keys. No
-- SQL is ever built from input.
--
-- Every function here is STABLE, so all their statements read one snapshot: the watermark and
-- the rollups it describes are always seen together, even while a refresh commits.

create or replace function private.analytics_check(
  p_organization_id uuid, p_metrics text[], p_from timestamptz, p_to timestamptz,
  p_filters jsonb, p_group_by text
)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  bad text;
begin
  if p_organization_id is null or not private.is_member(p_organization_id) then
    raise exception 'Organization not found, or you are not a member of it' using errcode = '42501';
  end if;
  if p_metrics is null or cardinality(p_metrics) = 0 then
    raise exception 'Name at least one metric' using errcode = '22023';
  end if;
  select m into bad from unnest(p_metrics) m
  where m is null or not exists (select 1 from private.metric_catalog c where c.key = m) limit 1;
  if found then
    raise exception 'Unknown metric "%"', coalesce(bad, 'null') using errcode = '22023',
      hint = 'Metric keys are listed in private.metric_catalog and analytics/catalog.ts.';
  end if;
  if p_from is null or p_to is null or not isfinite(p_from) or not isfinite(p_to) then
    raise exception 'p_from and p_to must be finite timestamps' using errcode = '22023';
  end if;
  if p_from > p_to then
    raise exception 'p_from must not be after p_to' using errcode = '22023';
  end if;
  if jsonb_typeof(p_filters) is distinct from 'object' then
    raise exception 'p_filters must be a JSON object of dimension key → array of strings'
      using errcode = '22023';
  end if;
  select k into bad from jsonb_object_keys(p_filters) k
  where not exists (select 1 from private.dimension_catalog d where d.key = k) limit 1;
  if found then
    raise exception 'Unknown dimension "%" in p_filters', bad using errcode = '22023';
  end if;
  select e.key into bad from jsonb_each(p_filters) e
  where jsonb_typeof(e.value) <> 'array'
     or exists (select 1 from jsonb_array_elements(e.value) v where jsonb_typeof(v) <> 'string')
  limit 1;
  if found then
    raise exception 'p_filters.% must be an array of strings', bad using errcode = '22023';
  end if;
  if p_group_by is not null and not exists (select 1 from private.dimension_catalog d where d.key = p_group_by) then
    raise exception 'Unknown dimension "%"', p_group_by using errcode = '22023';
  end if;
end;
$$;

create or replace function private.filter_values(p_filters jsonb, p_key text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case when p_filters ? p_key
              then array(select jsonb_array_elements_text(p_filters -> p_key)) end;
$$;

-- Metric values per bucket (p_granularity minute | hour | day | week, or 'all' for one value
-- over the range, bucket = p_from) and per group of p_group_by. Callers validate first.
create or replace function private.metric_values(
  p_organization_id uuid, p_metrics text[], p_from timestamptz, p_to timestamptz,
  p_granularity text, p_filters jsonb, p_group_by text
)
returns table (bucket timestamptz, group_key text, metric text, value double precision, n bigint)
language plpgsql
stable
security definer
set search_path = ''
-- The tail is chosen by arrival time: plan with the actual watermark, never a generic plan.
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
declare
  w timestamptz;
  lv text[];
  pf timestamptz[];
  pt timestamptz[];
  trunc_unit text := nullif(p_granularity, 'all');
  referenced text[];
  use_grain text;
  need_runs boolean;
  need_pct boolean;
  need_feedback boolean;
  outcome_keys text[];
  f_experiment text[] := private.filter_values(p_filters, 'experiment_id');
  f_variant text[] := private.filter_values(p_filters, 'variant_id');
  f_version text[] := private.filter_values(p_filters, 'version_id');
  f_model text[] := private.filter_values(p_filters, 'model');
  f_provider text[] := private.filter_values(p_filters, 'provider');
  f_capability text[] := private.filter_values(p_filters, 'capability');
  f_action text[] := private.filter_values(p_filters, 'action');
  f_intent text[] := private.filter_values(p_filters, 'intent');
  f_account text[] := private.filter_values(p_filters, 'account');
  f_manual text[] := private.filter_values(p_filters, 'is_manual');
  f_status text[] := private.filter_values(p_filters, 'status');
begin
  select s.watermark into w from private.rollup_state s;

  select array_agg(distinct k) into referenced
  from (select jsonb_object_keys(p_filters) as k union all select p_group_by) x
  where k is not null;
  use_grain := case coalesce(cardinality(referenced), 0) when 0 then 'total'
                 when 1 then referenced[1] else 'full' end;

  select array_agg(p.level), array_agg(p.piece_from), array_agg(p.piece_to) into lv, pf, pt
  from private.rollup_pieces(p_from, p_to,
    case p_granularity when 'minute' then array['minute'] when 'hour' then array['hour', 'minute']
      else array['day', 'hour', 'minute'] end, w) p;
  lv := coalesce(lv, '{}');

  select bool_or(c.source = 'runs'), bool_or(c.aggregation in ('p50', 'p95')),
         bool_or(c.source = 'feedback'),
         array_agg(c.outcome_metric_key) filter (where c.source = 'outcomes')
  into need_runs, need_pct, need_feedback, outcome_keys
  from private.metric_catalog c where c.key = any (p_metrics);
  outcome_keys := coalesce(outcome_keys, '{}');

  return query
  with pieces as (
    select u.l, u.f, u.t from unnest(lv, pf, pt) u (l, f, t)
  ),
  facts as (
    -- Runs: rollups, tail, raw pieces.
    select x.bucket as at, x.experiment_id, x.variant_id, x.version_id, x.model, x.provider,
           x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
           'runs'::text as kind, null::text as metric_key, x.runs, x.errors, x.latency_n,
           x.latency_sum, x.cost_n, x.cost_sum, x.tokens_n, x.tokens_sum,
           x.latency_hist as hist, null::integer as hidx,
           null::bigint as obs, null::double precision as obs_sum,
           null::bigint as up, null::bigint as down
    from pieces p
    join public.run_rollups x on x.organization_id = p_organization_id and x.level = p.l
      and x.grain = case when p.l = 'minute' and use_grain <> 'total' then 'full' else use_grain end
      and x.bucket >= p.f and x.bucket < p.t
    where need_runs and p.l <> 'raw'
    union all
    select r.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
           r.capability, r.action, r.intent, r.account, r.is_manual, r.status,
           'runs', null, 1, (r.status <> 'ok')::integer, (r.latency_ms is not null)::integer,
           coalesce(r.latency_ms::double precision, 0), (r.cost_usd is not null)::integer,
           coalesce(r.cost_usd::double precision, 0),
           (r.tokens_in is not null or r.tokens_out is not null)::integer,
           (coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0))::double precision,
           null, case when r.latency_ms is not null then private.latency_bucket(r.latency_ms) end,
           null, null, null, null
    from (
      select t.* from public.llm_runs t
      where t.organization_id = p_organization_id and t.received_at > w
        and t.occurred_at >= p_from and t.occurred_at < p_to
        and not exists (select 1 from pieces p where p.l = 'raw' and t.occurred_at >= p.f and t.occurred_at < p.t)
      union all
      select t.* from pieces p
      join public.llm_runs t on t.organization_id = p_organization_id
        and t.occurred_at >= p.f and t.occurred_at < p.t
      where p.l = 'raw'
    ) r
    where need_runs
    union all
    -- Outcomes.
    select x.bucket, x.experiment_id, x.variant_id, x.version_id, x.model, x.provider,
           x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
           'outcomes', x.metric_key, null, null, null, null, null, null, null, null, null, null,
           x.n, x.sum, null, null
    from pieces p
    join public.outcome_rollups x on x.organization_id = p_organization_id and x.level = p.l
      and x.grain = case when p.l = 'minute' and use_grain <> 'total' then 'full' else use_grain end
      and x.bucket >= p.f and x.bucket < p.t
    where p.l <> 'raw' and x.metric_key = any (outcome_keys)
    union all
    select o.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
           r.capability, r.action, r.intent, coalesce(r.account, o.account), r.is_manual, r.status,
           'outcomes', o.metric_key, null, null, null, null, null, null, null, null, null, null,
           1, o.value::double precision, null, null
    from (
      select t.* from public.outcomes t
      where t.organization_id = p_organization_id and t.received_at > w
        and t.occurred_at >= p_from and t.occurred_at < p_to
        and not exists (select 1 from pieces p where p.l = 'raw' and t.occurred_at >= p.f and t.occurred_at < p.t)
      union all
      select t.* from pieces p
      join public.outcomes t on t.organization_id = p_organization_id
        and t.occurred_at >= p.f and t.occurred_at < p.t
      where p.l = 'raw'
    ) o
    left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
    where o.metric_key = any (outcome_keys)
    union all
    -- Feedback.
    select x.bucket, x.experiment_id, x.variant_id, x.version_id, x.model, x.provider,
           x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
           'feedback', null, null, null, null, null, null, null, null, null, null, null,
           null, null, x.thumbs_up, x.thumbs_down
    from pieces p
    join public.feedback_rollups x on x.organization_id = p_organization_id and x.level = p.l
      and x.grain = case when p.l = 'minute' and use_grain <> 'total' then 'full' else use_grain end
      and x.bucket >= p.f and x.bucket < p.t
    where need_feedback and p.l <> 'raw'
    union all
    select fb.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
           r.capability, r.action, r.intent, r.account, r.is_manual, r.status,
           'feedback', null, null, null, null, null, null, null, null, null, null, null,
           null, null, (fb.thumbs = 'up')::integer, (fb.thumbs = 'down')::integer
    from (
      select t.* from public.feedback t
      where t.organization_id = p_organization_id and t.received_at > w
        and t.occurred_at >= p_from and t.occurred_at < p_to
        and not exists (select 1 from pieces p where p.l = 'raw' and t.occurred_at >= p.f and t.occurred_at < p.t)
      union all
      select t.* from pieces p
      join public.feedback t on t.organization_id = p_organization_id
        and t.occurred_at >= p.f and t.occurred_at < p.t
      where p.l = 'raw'
    ) fb
    left join public.llm_runs r on r.id = fb.run_id and r.organization_id = fb.organization_id
    where need_feedback and fb.thumbs is not null
  ),
  filtered as materialized (
    select case when trunc_unit is null then p_from else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
           case p_group_by
             when 'experiment_id' then fa.experiment_id::text
             when 'variant_id' then fa.variant_id::text
             when 'version_id' then fa.version_id::text
             when 'model' then fa.model
             when 'provider' then fa.provider
             when 'capability' then fa.capability
             when 'action' then fa.action
             when 'intent' then fa.intent
             when 'account' then fa.account
             when 'is_manual' then fa.is_manual::text
             when 'status' then fa.status
           end as g,
           fa.*
    from facts fa
    where (f_experiment is null or fa.experiment_id::text = any (f_experiment))
      and (f_variant is null or fa.variant_id::text = any (f_variant))
      and (f_version is null or fa.version_id::text = any (f_version))
      and (f_model is null or fa.model = any (f_model))
      and (f_provider is null or fa.provider = any (f_provider))
      and (f_capability is null or fa.capability = any (f_capability))
      and (f_action is null or fa.action = any (f_action))
      and (f_intent is null or fa.intent = any (f_intent))
      and (f_account is null or fa.account = any (f_account))
      and (f_manual is null or fa.is_manual::text = any (f_manual))
      and (f_status is null or fa.status = any (f_status))
  ),
  agg as (
    select fl.b, fl.g, fl.kind, fl.metric_key,
           sum(fl.runs)::bigint as runs, sum(fl.errors)::bigint as errors,
           sum(fl.latency_n)::bigint as latency_n, sum(fl.latency_sum) as latency_sum,
           sum(fl.cost_n)::bigint as cost_n, sum(fl.cost_sum) as cost_sum,
           sum(fl.tokens_n)::bigint as tokens_n, sum(fl.tokens_sum) as tokens_sum,
           sum(fl.obs)::bigint as obs, sum(fl.obs_sum) as obs_sum,
           sum(fl.up)::bigint as up, sum(fl.down)::bigint as down
    from filtered fl
    group by fl.b, fl.g, fl.kind, fl.metric_key
  ),
  cells as (
    select c.b, c.g, c.i, sum(c.c)::double precision as c
    from (
      select fl.b, fl.g, u.i::integer as i, u.c::bigint as c
      from filtered fl cross join lateral unnest(fl.hist) with ordinality u (c, i)
      where need_pct and fl.hist is not null and u.c > 0
      union all
      select fl.b, fl.g, fl.hidx, 1 from filtered fl where need_pct and fl.hidx is not null
    ) c
    group by c.b, c.g, c.i
  ),
  cumulative as (
    select c.b, c.g, c.i, c.c,
           sum(c.c) over (partition by c.b, c.g order by c.i) as cum,
           sum(c.c) over (partition by c.b, c.g) as total
    from cells c
  ),
  percentiles as (
    select distinct on (cu.b, cu.g, q.key) cu.b, cu.g, q.key,
           private.histogram_value(cu.i, cu.c, cu.cum, cu.total, q.q) as v, cu.total::bigint as n
    from cumulative cu
    cross join (values ('latency_p50', 0.5::double precision), ('latency_p95', 0.95::double precision)) q (key, q)
    where q.key = any (p_metrics) and cu.cum >= q.q * cu.total
    order by cu.b, cu.g, q.key, cu.i
  ),
  values_by_metric as (
    select a.b, a.g, c.key,
           case c.key
             when 'runs' then a.runs::double precision
             when 'error_rate' then a.errors::double precision / nullif(a.runs, 0)
             when 'latency_mean' then a.latency_sum / nullif(a.latency_n, 0)
             when 'cost' then case when a.cost_n > 0 then a.cost_sum end
             when 'cost_per_run' then a.cost_sum / nullif(a.cost_n, 0)
             when 'tokens' then case when a.tokens_n > 0 then a.tokens_sum end
             when 'thumbs_up_rate' then a.up::double precision / nullif(a.up + a.down, 0)
             else a.obs_sum / nullif(a.obs, 0)
           end as v,
           case c.key
             when 'runs' then a.runs
             when 'error_rate' then a.runs
             when 'latency_mean' then a.latency_n
             when 'cost' then a.cost_n
             when 'cost_per_run' then a.cost_n
             when 'tokens' then a.tokens_n
             when 'thumbs_up_rate' then a.up + a.down
             else a.obs
           end as n
    from agg a
    join private.metric_catalog c on c.key = any (p_metrics) and c.source = a.kind
      and c.aggregation not in ('p50', 'p95')
      and (c.source <> 'outcomes' or c.outcome_metric_key = a.metric_key)
  )
  select vm.b, vm.g, vm.key, vm.v, vm.n from values_by_metric vm where vm.n > 0
  union all
  select pc.b, pc.g, pc.key, pc.v, pc.n from percentiles pc;
end;
$$;

revoke all on function private.analytics_check(uuid, text[], timestamptz, timestamptz, jsonb, text) from public;
revoke all on function private.filter_values(jsonb, text) from public;
revoke all on function private.metric_values(uuid, text[], timestamptz, timestamptz, text, jsonb, text) from public;

-- ---------------------------------------------------------------------------------------------
-- RPCs (every member may call them). Contract: docs/analytics.md.

-- One value per requested metric over [p_from, p_to), and over the same-length period before.
create or replace function public.metric_summary(
  p_organization_id uuid, p_metrics text[], p_from timestamptz, p_to timestamptz,
  p_filters jsonb default '{}'
)
returns table (metric text, value double precision, n bigint, previous_value double precision,
               previous_n bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  filters jsonb := coalesce(private.jsonb_arg(p_filters), '{}');
begin
  perform private.analytics_check(p_organization_id, p_metrics, p_from, p_to, filters, null);
  return query
  select m.key, cur.value, coalesce(cur.n, 0)::bigint, prev.value, coalesce(prev.n, 0)::bigint
  from unnest(p_metrics) with ordinality m (key, ord)
  left join private.metric_values(p_organization_id, p_metrics, p_from, p_to, 'all', filters, null) cur
    on cur.metric = m.key
  left join private.metric_values(p_organization_id, p_metrics, p_from - (p_to - p_from), p_from,
    'all', filters, null) prev on prev.metric = m.key
  order by m.ord;
end;
$$;

-- Values per bucket (and per group of p_group_by): the rows of buckets with data only.
create or replace function public.metric_series(
  p_organization_id uuid, p_metrics text[], p_from timestamptz, p_to timestamptz,
  p_granularity text, p_filters jsonb default '{}', p_group_by text default null
)
returns table (bucket timestamptz, metric text, group_key text, value double precision, n bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  filters jsonb := coalesce(private.jsonb_arg(p_filters), '{}');
begin
  perform private.analytics_check(p_organization_id, p_metrics, p_from, p_to, filters, p_group_by);
  if p_granularity is null or p_granularity not in ('minute', 'hour', 'day', 'week') then
    raise exception 'Unknown granularity "%": use minute, hour, day or week', p_granularity
      using errcode = '22023';
  end if;
  if extract(epoch from p_to - p_from) / extract(epoch from ('1 ' || p_granularity)::interval) > 3000 then
    raise exception 'Too many % buckets in this range (at most 3000): choose a coarser granularity',
      p_granularity using errcode = '22023';
  end if;
  return query
  select v.bucket, v.metric, v.group_key, v.value, v.n
  from private.metric_values(p_organization_id, p_metrics, p_from, p_to, p_granularity, filters,
    p_group_by) v
  order by v.bucket, v.metric, v.group_key;
end;
$$;

-- One metric per segment of a dimension, in two periods ("why did it change").
create or replace function public.metric_breakdown(
  p_organization_id uuid, p_metric text, p_dimension text, p_from timestamptz, p_to timestamptz,
  p_compare_from timestamptz, p_compare_to timestamptz, p_filters jsonb default '{}'
)
returns table (segment text, n bigint, value double precision, compare_n bigint,
               compare_value double precision)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  filters jsonb := coalesce(private.jsonb_arg(p_filters), '{}');
begin
  if p_dimension is null then
    raise exception 'Name the dimension to break the metric down by' using errcode = '22023';
  end if;
  perform private.analytics_check(p_organization_id, array[p_metric], p_from, p_to, filters, p_dimension);
  perform private.analytics_check(p_organization_id, array[p_metric], p_compare_from, p_compare_to, filters, p_dimension);
  return query
  select x.group_key,
         coalesce(max(x.n) filter (where x.period = 1), 0)::bigint,
         max(x.value) filter (where x.period = 1),
         coalesce(max(x.n) filter (where x.period = 2), 0)::bigint,
         max(x.value) filter (where x.period = 2)
  from (
    select 1 as period, v.* from private.metric_values(p_organization_id, array[p_metric], p_from,
      p_to, 'all', filters, p_dimension) v
    union all
    select 2, v.* from private.metric_values(p_organization_id, array[p_metric], p_compare_from,
      p_compare_to, 'all', filters, p_dimension) v
  ) x
  group by x.group_key
  order by 2 desc, 1;
end;
$$;

-- Per variant and metric of an experiment: sufficient statistics of the observations (runs or
-- outcomes) over the experiment's whole life, of the same units' observations in the
-- equal-length period before it started (for CUPED), and exposures (for the SRM check).
create or replace function public.experiment_metric_stats(p_experiment_id uuid)
returns table (variant_id uuid, metric text, n bigint, sum double precision,
               sum_sq double precision, pre_n bigint, pre_sum double precision,
               pre_sum_sq double precision, exposures bigint)
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
  pre_from timestamptz;
  pre_to timestamptz;
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
  select coalesce(array_agg(md.key), '{}') into outcome_keys
  from public.experiment_metrics em
  join public.metric_definitions md on md.id = em.metric_id
  where em.experiment_id = ex.id;
  if ex.activated_at is not null then
    pre_to := ex.activated_at;
    pre_from := ex.activated_at - (coalesce(ex.archived_at, now()) - ex.activated_at);
  end if;

  return query
  with run_obs as (
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
  -- The pre-period: runs of the variant's exposed units (by end_user_id) before the start.
  pre_runs as (
    select e.variant_id as vid, r.id, r.status, r.latency_ms, r.cost_usd
    from public.exposures e
    join public.llm_runs r on r.organization_id = ex.organization_id and r.end_user_id = e.unit_id
    where e.experiment_id = ex.id and pre_from is not null
      and r.occurred_at >= pre_from and r.occurred_at < pre_to
  ),
  pre_stats as (
    select pr.vid, m.key,
           case m.key when 'error_rate' then count(*) when 'latency_mean' then count(pr.latency_ms)
                      else count(pr.cost_usd) end as n,
           case m.key when 'error_rate' then count(*) filter (where pr.status <> 'ok')
                      when 'latency_mean' then sum(pr.latency_ms) else sum(pr.cost_usd) end::double precision as s,
           case m.key when 'error_rate' then count(*) filter (where pr.status <> 'ok')
                      when 'latency_mean' then sum(pr.latency_ms ^ 2) else sum(pr.cost_usd ^ 2) end::double precision as ss
    from pre_runs pr
    cross join (values ('error_rate'), ('latency_mean'), ('cost_per_run')) m (key)
    group by pr.vid, m.key
    union all
    select pr.vid, o.metric_key, count(*), sum(o.value), sum(o.value ^ 2)
    from pre_runs pr
    join public.outcomes o on o.run_id = pr.id and o.organization_id = ex.organization_id
    where o.metric_key = any (outcome_keys)
    group by pr.vid, o.metric_key
  ),
  exposure_counts as (
    select e.variant_id as vid, count(*) as c from public.exposures e
    where e.experiment_id = ex.id group by e.variant_id
  ),
  metric_keys as (
    select k.key, k.ord from unnest(outcome_keys) with ordinality k (key, ord)
    union all
    select m.key, 1000 + m.ord from unnest(array['error_rate', 'latency_mean', 'cost_per_run'])
      with ordinality m (key, ord)
  )
  select v.id, mk.key,
         coalesce(coalesce(rs.n, os.n), 0)::bigint, coalesce(rs.s, os.s, 0), coalesce(rs.ss, os.ss, 0),
         ps.n::bigint, ps.s, ps.ss,
         coalesce(ec.c, 0)::bigint
  from public.experiment_variants v
  cross join metric_keys mk
  left join run_stats rs on rs.vid = v.id and rs.key = mk.key
  left join outcome_stats os on os.vid = v.id and os.key = mk.key
  left join pre_stats ps on ps.vid = v.id and ps.key = mk.key and ps.n > 0
  left join exposure_counts ec on ec.vid = v.id
  where v.experiment_id = ex.id
  order by v.position, v.key, mk.ord;
end;
$$;

revoke all on function public.metric_summary(uuid, text[], timestamptz, timestamptz, jsonb) from public, anon;
revoke all on function public.metric_series(uuid, text[], timestamptz, timestamptz, text, jsonb, text) from public, anon;
revoke all on function public.metric_breakdown(uuid, text, text, timestamptz, timestamptz, timestamptz, timestamptz, jsonb) from public, anon;
revoke all on function public.experiment_metric_stats(uuid) from public, anon;
grant execute on function public.metric_summary(uuid, text[], timestamptz, timestamptz, jsonb) to authenticated;
grant execute on function public.metric_series(uuid, text[], timestamptz, timestamptz, text, jsonb, text) to authenticated;
grant execute on function public.metric_breakdown(uuid, text, text, timestamptz, timestamptz, timestamptz, timestamptz, jsonb) to authenticated;
grant execute on function public.experiment_metric_stats(uuid) to authenticated;
