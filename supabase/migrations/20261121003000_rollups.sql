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
-- other columns null), one dimension key (only that column set), or 'combined' (the dimensions
-- the dashboards combine: experiment, variant, version, model, provider, capability, action and
-- intent; not account, is_manual or status, which would multiply it towards the size of the raw
-- table). A query reads the
-- narrowest grain that covers its filters and grouping, so the Overview's unfiltered year is
-- ~365 day rows whatever the traffic. Which level keeps which grain: private.rollup_horizon.
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
  last_touched_days integer
);
insert into private.rollup_state default values;
alter table private.rollup_state enable row level security;
revoke all on private.rollup_state from public, anon, authenticated;
grant select on private.rollup_state to service_role;

-- ---------------------------------------------------------------------------------------------
-- Helpers. The ones called per row (latency buckets, grouping-set masks, filters) have no SET
-- clause: a SET makes every call save and restore settings, and keeps SQL functions from being
-- inlined. They reference only pg_catalog and schema-qualified private functions.

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

-- The oldest bucket kept of a level and grain ('infinity': that level does not keep the grain).
-- Minute rows: the total, for 48 hours. Hour rows: the total forever (so the unfiltered
-- Overview's ragged range edges never fall back to days of raw rows), each dimension but
-- account for 90 days. Day rows: every grain, forever. Account has too many values, and the
-- combined grain too many combinations, to be worth hourly rows: at hour scale they are read
-- raw (filtered by account, through llm_runs_account_idx).
create or replace function private.rollup_horizon(p_level text, p_grain text, p_watermark timestamptz)
returns timestamptz
language sql
stable
parallel safe
set search_path = ''
as $$
  select case
    when p_grain = 'raw' then 'infinity'::timestamptz
    when p_level = 'day' then '-infinity'::timestamptz
    when p_level = 'hour' and p_grain = 'total' then '-infinity'::timestamptz
    when p_level = 'hour' and p_grain not in ('account', 'combined') then date_trunc('day', p_watermark - interval '90 days', 'UTC')
    when p_level = 'minute' and p_grain = 'total' then date_trunc('hour', p_watermark - interval '48 hours', 'UTC')
    else 'infinity'::timestamptz
  end;
$$;

create or replace function private.ceil_to(p_unit text, p_at timestamptz)
returns timestamptz
language sql
stable
parallel safe
set search_path = ''
as $$
  select case when date_trunc(p_unit, p_at, 'UTC') = p_at then p_at
              else date_trunc(p_unit, p_at, 'UTC') + ('1 ' || p_unit)::interval end;
$$;

-- Splits [p_from, p_to) into pieces read from the coarsest level that keeps p_grain and tiles
-- them (days in the middle, hours and minutes at the edges), and 'raw' pieces (sub-minute edges,
-- and whatever no level keeps), which are aggregated from the raw tables.
create or replace function private.rollup_pieces(
  p_from timestamptz, p_to timestamptz, p_levels text[], p_grain text, p_watermark timestamptz
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
  lo := greatest(private.ceil_to(unit, p_from), private.rollup_horizon(unit, p_grain, p_watermark));
  hi := date_trunc(unit, p_to, 'UTC');
  if lo < hi then
    return query select unit, lo, hi;
    return query select * from private.rollup_pieces(p_from, lo, p_levels[2:], p_grain, p_watermark);
    return query select * from private.rollup_pieces(hi, p_to, p_levels[2:], p_grain, p_watermark);
  else
    return query select * from private.rollup_pieces(p_from, p_to, p_levels[2:], p_grain, p_watermark);
  end if;
end;
$$;

-- Level and grain of a refresh grouping set. Its GROUPING() mask has 15 bits: the minute, hour,
-- recent-hour (within 90 days) and day bucket columns (bits 14..11), then the 11 dimensions in catalog order
-- (experiment_id is bit 10, status bit 0); a bit is set for each column the set does not group by.
create or replace function private.rollup_level(p_mask integer)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case p_mask >> 11
    when 7 then 'minute' when 11 then 'hour' when 13 then 'hour' when 1 then 'hour' when 14 then 'day'
  end;
$$;

create or replace function private.rollup_grain(p_mask integer)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case p_mask & 2047
    when 2047 then 'total' when 7 then 'combined'
    when 1023 then 'experiment_id' when 1535 then 'variant_id' when 1791 then 'version_id'
    when 1919 then 'model' when 1983 then 'provider' when 2015 then 'capability'
    when 2031 then 'action' when 2039 then 'intent' when 2043 then 'account'
    when 2045 then 'is_manual' when 2046 then 'status'
  end;
$$;

-- The grain a query reads: the narrowest that has every dimension it filters or groups by.
create or replace function private.query_grain(p_filters jsonb, p_group_by text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when cardinality(d) = 0 then 'total'
    when cardinality(d) = 1 then d[1]
    when d <@ array['experiment_id', 'variant_id', 'version_id', 'model', 'provider', 'capability',
                    'action', 'intent'] then 'combined'
    else 'raw'
  end
  from (
    select array(select k from jsonb_object_keys(p_filters) k
                 union select p_group_by where p_group_by is not null) as d
  ) x;
$$;

-- Histogram array (80 counts) from (bucket, count) pairs.
create or replace function private.latency_histogram(p_buckets integer[], p_counts bigint[])
returns integer[]
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  hist integer[] := array_fill(0, array[80]);
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
revoke all on function private.rollup_horizon(text, text, timestamptz) from public;
revoke all on function private.ceil_to(text, timestamptz) from public;
revoke all on function private.rollup_pieces(timestamptz, timestamptz, text[], text, timestamptz) from public;
revoke all on function private.rollup_level(integer) from public;
revoke all on function private.rollup_grain(integer) from public;
revoke all on function private.query_grain(jsonb, text) from public;
revoke all on function private.latency_histogram(integer[], bigint[]) from public;

-- ---------------------------------------------------------------------------------------------
-- Refresh: idempotent, safe to rerun and to run late.
--
-- 1. Touched days: the (organization, UTC day of occurred_at) of every run, outcome and feedback
--    received after the previous watermark (minus a 5-minute overlap for transactions that
--    committed late), and of every outcome and feedback whose run arrived then (late linking
--    moves them to the run's dimensions). The first refresh (watermark -infinity) takes every
--    day between each organization's first and last event instead, found from the indexes.
-- 2. Touched days are recomputed whole from the raw rows received up to the new watermark, a
--    batch of up to 4 days at a time: ONE statement per batch reads each source table once and
--    computes every level and grain with GROUPING SETS (minute rows within 48 h, hour rows, day
--    rows), after deleting the batch's old rows. Recomputing whole days (delete + insert) instead
--    of adding increments is what makes a rerun, a late run, late and out-of-order events and
--    re-linking all give the same rows; batching bounds memory on a first load of years of data.
-- 3. Rows past their retention are deleted; the watermark moves.

-- The days one refresh recomputes. A table rather than a temporary one so that plpgsql_check
-- (supabase db lint) can check the statements that use it; refreshes are serialised by the lock on
-- private.rollup_state, and a failed refresh rolls its rows back.
create unlogged table private.rollup_work_days (
  organization_id uuid not null,
  day timestamptz not null
);
revoke all on private.rollup_work_days from public;

create or replace function private.refresh_rollups()
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
-- The grouping sets of a batch hash in one pass: sorting them (which the planner picks when it
-- overestimates the groups) is several times slower. A batch larger than work_mem spills to
-- disk rather than grow past it.
set work_mem = '256MB'
set enable_sort = off
as $$
declare
  started timestamptz := clock_timestamp();
  w_old timestamptz;
  w_new timestamptz := now();
  since timestamptz;
  minute_from timestamptz := private.rollup_horizon('minute', 'total', w_new);
  -- Where hour rows of each dimension start (every dimension's, account aside, is the same).
  recent_from timestamptz := private.rollup_horizon('hour', 'model', w_new);
  levels constant text[] := array['minute', 'hour', 'day'];
  grains constant text[] := array['total', 'combined', 'experiment_id', 'variant_id', 'version_id',
    'model', 'provider', 'capability', 'action', 'intent', 'account', 'is_manual', 'status'];
  batch record;
  day_sets constant text := $sets$
        (b.db), (b.db, b.experiment_id), (b.db, b.variant_id), (b.db, b.version_id),
        (b.db, b.model), (b.db, b.provider), (b.db, b.capability), (b.db, b.action),
        (b.db, b.intent), (b.db, b.account), (b.db, b.is_manual), (b.db, b.status),
        (b.db, b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
         b.action, b.intent)$sets$;
  -- Per batch, ONE statement: it reads each source table once and computes every level and
  -- grain with GROUPING SETS. Its parameters: $1/$2 the batch's (organization, day) pairs, $3 the
  -- new watermark, $4/$5 where minute and recent hour rows start. Only the grouping sets differ
  -- between batches (days older than 90 days need no minute or per-dimension hour rows), so the
  -- text is built here from constants, never from input.
  recent_sets constant text := $sets$
        (b.mb),
        (b.hb), (b.cb, b.experiment_id), (b.cb, b.variant_id), (b.cb, b.version_id),
        (b.cb, b.model), (b.cb, b.provider), (b.cb, b.capability), (b.cb, b.action),
        (b.cb, b.intent), (b.cb, b.is_manual), (b.cb, b.status),$sets$ || day_sets;
  -- In days that old, the minute and recent-hour columns are null: grouping the hour total by
  -- them too changes nothing but keeps every column in some set, as GROUPING() requires.
  old_sets constant text := '(b.hb, b.mb, b.cb),' || day_sets;
  rollup_statement constant text := $statement$
    with days as (
      select g.organization_id, g.day from unnest($1::uuid[], $2::timestamptz[]) g (organization_id, day)
    ),
    -- Every raw row of the batch's days, once per table, with its run's dimensions (outcomes and
    -- feedback take their run's; an outcome's account is its run's, else its own).
    src as (
      select 'runs'::text as kind, null::text as metric_key, r.organization_id, r.occurred_at,
             r.experiment_id, r.variant_id, r.version_id, r.model, r.provider, r.capability,
             r.action, r.intent, r.account, r.is_manual, r.status,
             -- private.latency_bucket, inlined: it runs once per raw run, and a function with a pinned
             -- search_path is never inlined by the planner.
             case when r.latency_ms is not null then least(80, greatest(1, floor(4 * ln(greatest(r.latency_ms::double precision, 1)) / ln(2))::integer + 1)) end as hidx,
             -- Sums in numeric: exact, so they do not depend on the order rows are added in
             -- (which varies with the plan), and a rerun gives the same rows to the last bit.
             (r.status <> 'ok')::integer as err, r.latency_ms as lat, r.cost_usd as cost,
             case when r.tokens_in is not null or r.tokens_out is not null
                  then coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0) end::numeric as tok,
             null::numeric as val, null::integer as up, null::integer as down
      from days g
      cross join lateral (
        select x.* from public.llm_runs x
        where x.organization_id = g.organization_id and x.received_at <= $3
          and x.occurred_at >= g.day and x.occurred_at < g.day + interval '24 hours'
        offset 0 -- one index range scan per day, never a join over the whole table
      ) r
      union all
      select 'outcomes', o.metric_key, o.organization_id, o.occurred_at, r.experiment_id,
             r.variant_id, r.version_id, r.model, r.provider, r.capability, r.action, r.intent,
             coalesce(r.account, o.account), r.is_manual, r.status, null, null, null, null, null,
             o.value, null, null
      from days g
      cross join lateral (
        select x.* from public.outcomes x
        where x.organization_id = g.organization_id and x.received_at <= $3
          and x.occurred_at >= g.day and x.occurred_at < g.day + interval '24 hours'
        offset 0
      ) o
      left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
      union all
      select 'feedback', null, f.organization_id, f.occurred_at, r.experiment_id, r.variant_id,
             r.version_id, r.model, r.provider, r.capability, r.action, r.intent, r.account,
             r.is_manual, r.status, null, null, null, null, null, null,
             (f.thumbs = 'up')::integer, (f.thumbs = 'down')::integer
      from days g
      cross join lateral (
        select x.* from public.feedback x
        where x.organization_id = g.organization_id and x.received_at <= $3
          and x.occurred_at >= g.day and x.occurred_at < g.day + interval '24 hours'
          and x.thumbs is not null
        offset 0
      ) f
      left join public.llm_runs r on r.id = f.run_id and r.organization_id = f.organization_id
    ),
    bucketed as (
      select s.*,
             case when s.occurred_at >= $4 then date_trunc('minute', s.occurred_at, 'UTC') end as mb,
             date_trunc('hour', s.occurred_at, 'UTC') as hb,
             case when s.occurred_at >= $5 then date_trunc('hour', s.occurred_at, 'UTC') end as cb,
             date_trunc('day', s.occurred_at, 'UTC') as db
      from src s
    ),
    -- Every level × grain in one pass (see rollup_horizon for which level keeps which grain);
    -- the latency histogram bucket is part of the key, folded into an array below.
    sets as (
      select b.kind, b.metric_key, b.organization_id, b.hidx, b.mb, b.hb, b.cb, b.db,
             b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
             b.action, b.intent, b.account, b.is_manual, b.status,
             grouping(b.mb, b.hb, b.cb, b.db, b.experiment_id, b.variant_id, b.version_id, b.model,
                      b.provider, b.capability, b.action, b.intent, b.account, b.is_manual,
                      b.status) as mask,
             count(*) as c, coalesce(sum(b.err), 0) as errors,
             count(b.lat) as latency_n, coalesce(sum(b.lat), 0) as latency_sum,
             coalesce(sum(b.lat * b.lat), 0) as latency_sum_sq,
             count(b.cost) as cost_n, coalesce(sum(b.cost), 0) as cost_sum,
             coalesce(sum(b.cost * b.cost), 0) as cost_sum_sq,
             count(b.tok) as tokens_n, coalesce(sum(b.tok), 0) as tokens_sum,
             coalesce(sum(b.val), 0) as val_sum, coalesce(sum(b.val * b.val), 0) as val_sum_sq,
             coalesce(sum(b.up), 0) as up, coalesce(sum(b.down), 0) as down
      from bucketed b
      group by b.kind, b.metric_key, b.organization_id, b.hidx, grouping sets (%s)
    ),
    -- Runs fold their histogram buckets into one array per row; outcomes and feedback have no
    -- histogram, so their grouping-set rows are final.
    grouped as materialized (
      select s.kind, s.metric_key, s.organization_id, private.rollup_level(s.mask) as level,
             coalesce(s.mb, s.hb, s.cb, s.db) as bucket, private.rollup_grain(s.mask) as grain,
             s.experiment_id, s.variant_id, s.version_id, s.model, s.provider, s.capability,
             s.action, s.intent, s.account, s.is_manual, s.status,
             sum(s.c)::bigint as c, sum(s.errors)::bigint as errors,
             sum(s.latency_n)::bigint as latency_n, sum(s.latency_sum) as latency_sum,
             sum(s.latency_sum_sq) as latency_sum_sq,
             private.latency_histogram(array_agg(s.hidx), array_agg(s.latency_n)) as hist,
             sum(s.cost_n)::bigint as cost_n, sum(s.cost_sum) as cost_sum,
             sum(s.cost_sum_sq) as cost_sum_sq, sum(s.tokens_n)::bigint as tokens_n,
             sum(s.tokens_sum) as tokens_sum, null::numeric as val_sum,
             null::numeric as val_sum_sq, null::bigint as up, null::bigint as down
      from sets s
      where s.kind = 'runs' and coalesce(s.mb, s.hb, s.cb, s.db) is not null
      group by s.kind, s.metric_key, s.organization_id, s.mask, s.mb, s.hb, s.cb, s.db,
               s.experiment_id, s.variant_id, s.version_id, s.model, s.provider, s.capability,
               s.action, s.intent, s.account, s.is_manual, s.status
      union all
      select s.kind, s.metric_key, s.organization_id, private.rollup_level(s.mask),
             coalesce(s.mb, s.hb, s.cb, s.db), private.rollup_grain(s.mask), s.experiment_id,
             s.variant_id, s.version_id, s.model, s.provider, s.capability, s.action, s.intent,
             s.account, s.is_manual, s.status, s.c, null, null, null, null, null, null, null,
             null, null, null, s.val_sum, s.val_sum_sq, s.up, s.down
      from sets s
      where s.kind <> 'runs' and coalesce(s.mb, s.hb, s.cb, s.db) is not null
    ),
    run_rows as (
      insert into public.run_rollups (organization_id, level, bucket, grain, experiment_id,
        variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
        status, runs, errors, latency_n, latency_sum, latency_sum_sq, latency_hist, cost_n,
        cost_sum, cost_sum_sq, tokens_n, tokens_sum)
      select g.organization_id, g.level, g.bucket, g.grain, g.experiment_id, g.variant_id,
             g.version_id, g.model, g.provider, g.capability, g.action, g.intent, g.account,
             g.is_manual, g.status, g.c, g.errors, g.latency_n, g.latency_sum, g.latency_sum_sq,
             g.hist, g.cost_n, g.cost_sum, g.cost_sum_sq, g.tokens_n, g.tokens_sum
      from grouped g where g.kind = 'runs'
    ),
    outcome_rows as (
      insert into public.outcome_rollups (organization_id, level, bucket, grain, experiment_id,
        variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
        status, metric_key, n, sum, sum_sq)
      select g.organization_id, g.level, g.bucket, g.grain, g.experiment_id, g.variant_id,
             g.version_id, g.model, g.provider, g.capability, g.action, g.intent, g.account,
             g.is_manual, g.status, g.metric_key, g.c, g.val_sum, g.val_sum_sq
      from grouped g where g.kind = 'outcomes'
    )
    insert into public.feedback_rollups (organization_id, level, bucket, grain, experiment_id,
      variant_id, version_id, model, provider, capability, action, intent, account, is_manual,
      status, thumbs_up, thumbs_down)
    select g.organization_id, g.level, g.bucket, g.grain, g.experiment_id, g.variant_id,
           g.version_id, g.model, g.provider, g.capability, g.action, g.intent, g.account,
           g.is_manual, g.status, g.up, g.down
    from grouped g where g.kind = 'feedback'
  $statement$;
  touched integer;
  batches integer := 0;
begin
  -- One refresh at a time; a concurrent call waits and then finds little or nothing to do.
  select s.watermark into w_old from private.rollup_state s for update;
  since := w_old - interval '5 minutes';

  delete from private.rollup_work_days;

  if w_old = '-infinity' then
    insert into private.rollup_work_days (organization_id, day)
    select o.id, d.day
    from public.organizations o
    cross join lateral (
      select least((select min(x.occurred_at) from public.llm_runs x where x.organization_id = o.id),
                   (select min(x.occurred_at) from public.outcomes x where x.organization_id = o.id),
                   (select min(x.occurred_at) from public.feedback x where x.organization_id = o.id)) as lo,
             greatest((select max(x.occurred_at) from public.llm_runs x where x.organization_id = o.id),
                      (select max(x.occurred_at) from public.outcomes x where x.organization_id = o.id),
                      (select max(x.occurred_at) from public.feedback x where x.organization_id = o.id)) as hi
    ) m
    cross join lateral generate_series(date_trunc('day', m.lo, 'UTC'), m.hi, interval '24 hours') d (day)
    where m.lo is not null;
  else
    insert into private.rollup_work_days (organization_id, day)
    select distinct t.organization_id, date_trunc('day', t.occurred_at, 'UTC')
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
    ) t;
  end if;
  get diagnostics touched = row_count;

  for batch in
    select array_agg(d.organization_id order by d.day) as orgs, array_agg(d.day order by d.day) as days
    from (select r.*, (row_number() over (order by r.organization_id, r.day) - 1) / 4 as b
          from private.rollup_work_days r) d
    group by d.b
    order by d.b
  loop
    batches := batches + 1;
    -- The batch's old rows, found through the lookup index per day (a join could pick a scan of
    -- the whole table, every batch).
    delete from public.run_rollups x
    where x.ctid = any (array(
      select y.ctid from unnest(batch.orgs, batch.days) g (organization_id, day)
      cross join lateral (
        select y.ctid from public.run_rollups y
        where y.organization_id = g.organization_id and y.level = any (levels)
          and y.grain = any (grains) and y.bucket >= g.day and y.bucket < g.day + interval '24 hours'
        offset 0
      ) y));
    delete from public.outcome_rollups x
    where x.ctid = any (array(
      select y.ctid from unnest(batch.orgs, batch.days) g (organization_id, day)
      cross join lateral (
        select y.ctid from public.outcome_rollups y
        where y.organization_id = g.organization_id and y.level = any (levels)
          and y.grain = any (grains) and y.bucket >= g.day and y.bucket < g.day + interval '24 hours'
        offset 0
      ) y));
    delete from public.feedback_rollups x
    where x.ctid = any (array(
      select y.ctid from unnest(batch.orgs, batch.days) g (organization_id, day)
      cross join lateral (
        select y.ctid from public.feedback_rollups y
        where y.organization_id = g.organization_id and y.level = any (levels)
          and y.grain = any (grains) and y.bucket >= g.day and y.bucket < g.day + interval '24 hours'
        offset 0
      ) y));

    execute format(rollup_statement, case when batch.days[cardinality(batch.days)] + interval '24 hours' > recent_from
                                          then recent_sets else old_sets end)
    using batch.orgs, batch.days, w_new, minute_from, recent_from;
  end loop;

  delete from public.run_rollups x
  where (x.level = 'minute' and x.bucket < minute_from)
     or (x.level = 'hour' and x.grain <> 'total' and x.bucket < recent_from);
  delete from public.outcome_rollups x
  where (x.level = 'minute' and x.bucket < minute_from)
     or (x.level = 'hour' and x.grain <> 'total' and x.bucket < recent_from);
  delete from public.feedback_rollups x
  where (x.level = 'minute' and x.bucket < minute_from)
     or (x.level = 'hour' and x.grain <> 'total' and x.bucket < recent_from);

  update private.rollup_state s
  set watermark = w_new, refreshed_at = clock_timestamp(),
      last_duration_ms = extract(epoch from clock_timestamp() - started) * 1000,
      last_touched_days = touched;
  return jsonb_build_object('watermark', w_new, 'days', touched, 'batches', batches,
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
parallel safe
set search_path = ''
as $$
  select case when p_filters ? p_key
              then array(select jsonb_array_elements_text(p_filters -> p_key)) end;
$$;

-- Whether a row's dimensions pass p_filters. Inlined into each query (hence no SET clause), so
-- with the filters known at planning the unused keys fold away and a filtered column can use an
-- index (e.g. llm_runs_account_idx for the raw reads of an account).
create or replace function private.dimensions_match(
  p_filters jsonb, experiment_id uuid, variant_id uuid, version_id uuid, model text,
  provider text, capability text, action text, intent text, account text, is_manual boolean,
  status text
)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select (not p_filters ? 'experiment_id' or experiment_id::text = any (private.filter_values(p_filters, 'experiment_id')))
     and (not p_filters ? 'variant_id' or variant_id::text = any (private.filter_values(p_filters, 'variant_id')))
     and (not p_filters ? 'version_id' or version_id::text = any (private.filter_values(p_filters, 'version_id')))
     and (not p_filters ? 'model' or model = any (private.filter_values(p_filters, 'model')))
     and (not p_filters ? 'provider' or provider = any (private.filter_values(p_filters, 'provider')))
     and (not p_filters ? 'capability' or capability = any (private.filter_values(p_filters, 'capability')))
     and (not p_filters ? 'action' or action = any (private.filter_values(p_filters, 'action')))
     and (not p_filters ? 'intent' or intent = any (private.filter_values(p_filters, 'intent')))
     and (not p_filters ? 'account' or account = any (private.filter_values(p_filters, 'account')))
     and (not p_filters ? 'is_manual' or is_manual::text = any (private.filter_values(p_filters, 'is_manual')))
     and (not p_filters ? 'status' or status = any (private.filter_values(p_filters, 'status')));
$$;

-- The group key of a row: its value of the p_group_by dimension (null when not grouping).
create or replace function private.dimension_value(
  p_group_by text, experiment_id uuid, variant_id uuid, version_id uuid, model text,
  provider text, capability text, action text, intent text, account text, is_manual boolean,
  status text
)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case p_group_by
    when 'experiment_id' then experiment_id::text
    when 'variant_id' then variant_id::text
    when 'version_id' then version_id::text
    when 'model' then model
    when 'provider' then provider
    when 'capability' then capability
    when 'action' then action
    when 'intent' then intent
    when 'account' then account
    when 'is_manual' then is_manual::text
    when 'status' then status
  end;
$$;

-- Metric values per period (the ranges [p_froms[i], p_tos[i]), which may differ in length and
-- overlap), per bucket (p_granularity minute | hour | day | week, or 'all' for one value over the
-- period, bucket = its start) and per group of p_group_by. Callers validate first. One statement
-- per source table the metrics need (runs, outcomes, feedback), each reading the rollups of the
-- narrowest grain, the tail and the raw pieces of all periods at once.
create or replace function private.metric_values(
  p_organization_id uuid, p_metrics text[], p_froms timestamptz[], p_tos timestamptz[],
  p_granularity text, p_filters jsonb, p_group_by text
)
returns table (period integer, bucket timestamptz, group_key text, metric text,
               value double precision, n bigint)
language plpgsql
stable
security definer
set search_path = ''
-- The tail is chosen by arrival time and the filters fold into index conditions: plan with the
-- actual values. The statements are small, so planning them costs little.
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
declare
  w timestamptz;
  use_grain text := private.query_grain(p_filters, p_group_by);
  trunc_unit text := nullif(p_granularity, 'all');
  pp integer[];
  lv text[];
  pf timestamptz[];
  pt timestamptz[];
  run_metrics text[];
  outcome_keys text[];
  need_feedback boolean;
begin
  select s.watermark into w from private.rollup_state s;

  select coalesce(array_agg(p.period::integer), '{}'), coalesce(array_agg(x.level), '{}'),
         coalesce(array_agg(x.piece_from), '{}'), coalesce(array_agg(x.piece_to), '{}')
  into pp, lv, pf, pt
  from unnest(p_froms, p_tos) with ordinality p (f, t, period)
  cross join lateral private.rollup_pieces(p.f, p.t,
    case p_granularity when 'minute' then array['minute'] when 'hour' then array['hour', 'minute']
      else array['day', 'hour', 'minute'] end, use_grain, w) x;

  select array_agg(c.key) filter (where c.source = 'runs'),
         array_agg(c.outcome_metric_key) filter (where c.source = 'outcomes'),
         coalesce(bool_or(c.source = 'feedback'), false)
  into run_metrics, outcome_keys, need_feedback
  from private.metric_catalog c where c.key = any (p_metrics);

  if run_metrics is not null then
    return query
    with pieces as (
      select u.p, u.l, u.f, u.t from unnest(pp, lv, pf, pt) u (p, l, f, t)
    ),
    facts as (
      select pc.p, x.bucket as at, x.experiment_id, x.variant_id, x.version_id, x.model,
             x.provider, x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
             x.runs, x.errors, x.latency_n, x.latency_sum, x.cost_n, x.cost_sum, x.tokens_n,
             x.tokens_sum, x.latency_hist as hist, null::integer as hidx
      from pieces pc
      join public.run_rollups x on x.organization_id = p_organization_id and x.level = pc.l
        and x.grain = use_grain and x.bucket >= pc.f and x.bucket < pc.t
      where pc.l <> 'raw'
      union all
      select r.p, r.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
             r.capability, r.action, r.intent, r.account, r.is_manual, r.status,
             1, (r.status <> 'ok')::integer, (r.latency_ms is not null)::integer,
             coalesce(r.latency_ms::double precision, 0), (r.cost_usd is not null)::integer,
             coalesce(r.cost_usd::double precision, 0),
             (r.tokens_in is not null or r.tokens_out is not null)::integer,
             (coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0))::double precision,
             null, case when r.latency_ms is not null then private.latency_bucket(r.latency_ms) end
      from (
        -- The tail: rows received after the watermark, where the rollups cover them.
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.llm_runs t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
        where not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.llm_runs y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f and y.occurred_at < pc.t
            and private.dimensions_match(p_filters, y.experiment_id, y.variant_id, y.version_id,
              y.model, y.provider, y.capability, y.action, y.intent, y.account, y.is_manual, y.status)
          offset 0 -- an index range scan per piece
        ) t
        where pc.l = 'raw'
      ) r
    ),
    grouped as materialized (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
             private.dimension_value(p_group_by, fa.experiment_id, fa.variant_id, fa.version_id,
               fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account,
               fa.is_manual, fa.status) as g,
             fa.runs, fa.errors, fa.latency_n, fa.latency_sum, fa.cost_n, fa.cost_sum, fa.tokens_n,
             fa.tokens_sum, fa.hist, fa.hidx
      from facts fa
      where private.dimensions_match(p_filters, fa.experiment_id, fa.variant_id, fa.version_id,
        fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account, fa.is_manual,
        fa.status)
    ),
    agg as (
      select gr.p, gr.b, gr.g, sum(gr.runs)::bigint as runs, sum(gr.errors)::bigint as errors,
             sum(gr.latency_n)::bigint as latency_n, sum(gr.latency_sum) as latency_sum,
             sum(gr.cost_n)::bigint as cost_n, sum(gr.cost_sum) as cost_sum,
             sum(gr.tokens_n)::bigint as tokens_n, sum(gr.tokens_sum) as tokens_sum
      from grouped gr
      group by gr.p, gr.b, gr.g
    ),
    cells as (
      select c.p, c.b, c.g, c.i, sum(c.c)::double precision as c
      from (
        select gr.p, gr.b, gr.g, u.i::integer as i, u.c::bigint as c
        from grouped gr cross join lateral unnest(gr.hist) with ordinality u (c, i)
        where gr.hist is not null and u.c > 0
        union all
        select gr.p, gr.b, gr.g, gr.hidx, 1 from grouped gr where gr.hidx is not null
      ) c
      where run_metrics && array['latency_p50', 'latency_p95']
      group by c.p, c.b, c.g, c.i
    ),
    cumulative as (
      select c.p, c.b, c.g, c.i, c.c,
             sum(c.c) over (partition by c.p, c.b, c.g order by c.i) as cum,
             sum(c.c) over (partition by c.p, c.b, c.g) as total
      from cells c
    )
    select pc.p, pc.b, pc.g, pc.key, pc.v, pc.n
    from (
      select distinct on (cu.p, cu.b, cu.g, q.key) cu.p, cu.b, cu.g, q.key,
             private.histogram_value(cu.i, cu.c, cu.cum, cu.total, q.q) as v, cu.total::bigint as n
      from cumulative cu
      cross join (values ('latency_p50', 0.5::double precision), ('latency_p95', 0.95::double precision)) q (key, q)
      where q.key = any (run_metrics) and cu.cum >= q.q * cu.total
      order by cu.p, cu.b, cu.g, q.key, cu.i
    ) pc
    union all
    select v.p, v.b, v.g, v.key, v.v, v.n
    from (
      select a.p, a.b, a.g, m.key,
             case m.key
               when 'runs' then a.runs::double precision
               when 'error_rate' then a.errors::double precision / nullif(a.runs, 0)
               when 'latency_mean' then a.latency_sum / nullif(a.latency_n, 0)
               when 'cost' then case when a.cost_n > 0 then a.cost_sum end
               when 'cost_per_run' then a.cost_sum / nullif(a.cost_n, 0)
               when 'tokens' then case when a.tokens_n > 0 then a.tokens_sum end
             end as v,
             case m.key
               when 'runs' then a.runs
               when 'error_rate' then a.runs
               when 'latency_mean' then a.latency_n
               when 'cost' then a.cost_n
               when 'cost_per_run' then a.cost_n
               when 'tokens' then a.tokens_n
             end as n
      from agg a
      cross join unnest(run_metrics) m (key)
      where m.key not in ('latency_p50', 'latency_p95')
    ) v
    where v.n > 0;
  end if;

  if outcome_keys is not null then
    return query
    with pieces as (
      select u.p, u.l, u.f, u.t from unnest(pp, lv, pf, pt) u (p, l, f, t)
    ),
    facts as (
      select pc.p, x.bucket as at, x.experiment_id, x.variant_id, x.version_id, x.model,
             x.provider, x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
             x.metric_key, x.n, x.sum
      from pieces pc
      join public.outcome_rollups x on x.organization_id = p_organization_id and x.level = pc.l
        and x.grain = use_grain and x.bucket >= pc.f and x.bucket < pc.t
      where pc.l <> 'raw' and x.metric_key = any (outcome_keys)
      union all
      select o.p, o.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
             r.capability, r.action, r.intent, coalesce(r.account, o.account), r.is_manual,
             r.status, o.metric_key, 1, o.value::double precision
      from (
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.outcomes t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
        where t.metric_key = any (outcome_keys)
          and not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.outcomes y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.metric_key = any (outcome_keys)
          offset 0
        ) t
        where pc.l = 'raw'
      ) o
      left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
    )
    select a.p, a.b, a.g, c.key, a.s / a.n, a.n
    from (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
             private.dimension_value(p_group_by, fa.experiment_id, fa.variant_id, fa.version_id,
               fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account,
               fa.is_manual, fa.status) as g,
             fa.metric_key, sum(fa.n)::bigint as n, sum(fa.sum) as s
      from facts fa
      where private.dimensions_match(p_filters, fa.experiment_id, fa.variant_id, fa.version_id,
        fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account, fa.is_manual,
        fa.status)
      group by 1, 2, 3, 4
    ) a
    join private.metric_catalog c on c.key = any (p_metrics) and c.outcome_metric_key = a.metric_key
    where a.n > 0;
  end if;

  if need_feedback then
    return query
    with pieces as (
      select u.p, u.l, u.f, u.t from unnest(pp, lv, pf, pt) u (p, l, f, t)
    ),
    facts as (
      select pc.p, x.bucket as at, x.experiment_id, x.variant_id, x.version_id, x.model,
             x.provider, x.capability, x.action, x.intent, x.account, x.is_manual, x.status,
             x.thumbs_up as up, x.thumbs_down as down
      from pieces pc
      join public.feedback_rollups x on x.organization_id = p_organization_id and x.level = pc.l
        and x.grain = use_grain and x.bucket >= pc.f and x.bucket < pc.t
      where pc.l <> 'raw'
      union all
      select fb.p, fb.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model,
             r.provider, r.capability, r.action, r.intent, r.account, r.is_manual, r.status,
             (fb.thumbs = 'up')::integer, (fb.thumbs = 'down')::integer
      from (
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.feedback t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
        where t.thumbs is not null
          and not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.feedback y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.thumbs is not null
          offset 0
        ) t
        where pc.l = 'raw'
      ) fb
      left join public.llm_runs r on r.id = fb.run_id and r.organization_id = fb.organization_id
    )
    select a.p, a.b, a.g, 'thumbs_up_rate'::text, a.up::double precision / (a.up + a.down), a.up + a.down
    from (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
             private.dimension_value(p_group_by, fa.experiment_id, fa.variant_id, fa.version_id,
               fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account,
               fa.is_manual, fa.status) as g,
             sum(fa.up)::bigint as up, sum(fa.down)::bigint as down
      from facts fa
      where private.dimensions_match(p_filters, fa.experiment_id, fa.variant_id, fa.version_id,
        fa.model, fa.provider, fa.capability, fa.action, fa.intent, fa.account, fa.is_manual,
        fa.status)
      group by 1, 2, 3
    ) a
    where a.up + a.down > 0;
  end if;
end;
$$;

revoke all on function private.analytics_check(uuid, text[], timestamptz, timestamptz, jsonb, text) from public;
revoke all on function private.filter_values(jsonb, text) from public;
revoke all on function private.dimensions_match(jsonb, uuid, uuid, uuid, text, text, text, text, text, text, boolean, text) from public;
revoke all on function private.dimension_value(text, uuid, uuid, uuid, text, text, text, text, text, text, boolean, text) from public;
revoke all on function private.metric_values(uuid, text[], timestamptz[], timestamptz[], text, jsonb, text) from public;

-- ---------------------------------------------------------------------------------------------
-- RPCs (every member may call them). Contract: docs/analytics.md.

-- One value per requested metric over [p_from, p_to), and over the same-length period before:
-- both periods in one pass.
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
  with v as materialized (
    select * from private.metric_values(p_organization_id, p_metrics,
      array[p_from, p_from - (p_to - p_from)], array[p_to, p_from], 'all', filters, null)
  )
  select m.key, cur.value, coalesce(cur.n, 0)::bigint, prev.value, coalesce(prev.n, 0)::bigint
  from unnest(p_metrics) with ordinality m (key, ord)
  left join v cur on cur.period = 1 and cur.metric = m.key
  left join v prev on prev.period = 2 and prev.metric = m.key
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
  from private.metric_values(p_organization_id, p_metrics, array[p_from], array[p_to],
    p_granularity, filters, p_group_by) v
  order by v.bucket, v.metric, v.group_key;
end;
$$;

-- One metric per segment of a dimension, in two periods ("why did it change"), in one pass.
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
  from private.metric_values(p_organization_id, array[p_metric], array[p_from, p_compare_from],
    array[p_to, p_compare_to], 'all', filters, p_dimension) x
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
    -- An experiment metric that is about runs, not outcomes, is compared on the run statistic it
    -- has sufficient statistics for: latency percentiles on mean latency, total cost per run.
    select k.key, k.ord,
           case when k.key in ('latency_p50', 'latency_p95') then 'latency_mean'
                when k.key = 'cost' then 'cost_per_run'
                when k.key in ('error_rate', 'latency_mean', 'cost_per_run') then k.key end as run_key
    from unnest(outcome_keys) with ordinality k (key, ord)
    union all
    select m.key, 1000 + m.ord, m.key from unnest(array['error_rate', 'latency_mean', 'cost_per_run'])
      with ordinality m (key, ord)
  )
  select v.id, mk.key,
         coalesce(coalesce(rs.n, os.n), 0)::bigint, coalesce(rs.s, os.s, 0), coalesce(rs.ss, os.ss, 0),
         ps.n::bigint, ps.s, ps.ss,
         coalesce(ec.c, 0)::bigint
  from public.experiment_variants v
  cross join metric_keys mk
  left join run_stats rs on rs.vid = v.id and rs.key = mk.run_key
  left join outcome_stats os on os.vid = v.id and os.key = mk.key and mk.run_key is null
  left join pre_stats ps on ps.vid = v.id and ps.key = coalesce(mk.run_key, mk.key) and ps.n > 0
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
