-- Two more day grains, so that no filter combination reads a long range of raw rows, and week
-- rows, so that a long range reads fewer rollup rows.
--
-- 'combined_status': the combined grain's eight dimensions plus is_manual and status. A
-- breakdown by status filtered to a model (or manual/automated with an intent, ...) had no grain
-- and scanned the organization's raw rows of the range: seconds per month at 10M runs a year.
-- The two dimensions have few values, so on the benchmark's data a day of 27,397 runs needs 429
-- such rows (the combined grain needs 96). A separate grain rather than widening 'combined', so
-- the combinations without them keep reading the smaller one.
--
-- 'account_combined': every dimension, account included, kept only for the account-days with at
-- least private.rollup_state.account_combined_min_runs runs (100 by default). An account with
-- another dimension read the account's raw rows for the whole range: 9.2 s for a year of the
-- largest account (8% of all runs) with a model. Crossing every account with the other
-- dimensions costs three rows for every four runs (most accounts have a few runs a day, each its
-- own combination), but the large account-days compress well: on the benchmark's data the 17
-- accounts above 100 runs on a day hold 5,620 of its 27,397 runs in 1,755 rows. The other
-- account-days are read raw (their runs received up to the watermark, through
-- llm_runs_account_idx, one day at a time), so an account costs at most 100 raw runs a day.
-- Which account-days have rows is read from the rows themselves (an account_combined runs row
-- for that account and day), never from the setting, so changing the setting takes effect as
-- days are recomputed and answers stay right meanwhile. Null accounts are never crossed.
--
-- Week rows: a year of combined_status rows is 157,000 day rows on the benchmark's data, each
-- with an 80-bucket histogram, and unnesting them for a percentile took over a second. Every
-- grain gets week rows for the weeks that have ended, summed from its day rows by the refresh,
-- and a range is read in whole weeks where it can.
--
-- The existing days have no rows of either grain, so the watermark goes back to -infinity and
-- the next refresh recomputes everything (about 25 minutes for 10M runs; until it commits the
-- RPCs read every row as tail: right, but slow).

alter table private.rollup_state
  add column account_combined_min_runs integer not null default 100
    check (account_combined_min_runs > 0);

create index run_rollups_account_combined_idx on public.run_rollups (organization_id, account, level, bucket)
  where grain = 'account_combined';
create index outcome_rollups_account_combined_idx on public.outcome_rollups (organization_id, account, level, bucket)
  where grain = 'account_combined';
create index feedback_rollups_account_combined_idx on public.feedback_rollups (organization_id, account, level, bucket)
  where grain = 'account_combined';

-- Week rows (every grain, summed from the day rows by refresh_rollups), so that a year of a
-- filtered view reads 52 rows per combination instead of 365.
alter table public.run_rollups drop constraint run_rollups_level_check,
  add constraint run_rollups_level_check check (level in ('minute', 'hour', 'day', 'week'));
alter table public.outcome_rollups drop constraint outcome_rollups_level_check,
  add constraint outcome_rollups_level_check check (level in ('minute', 'hour', 'day', 'week'));
alter table public.feedback_rollups drop constraint feedback_rollups_level_check,
  add constraint feedback_rollups_level_check check (level in ('minute', 'hour', 'day', 'week'));

-- The element-wise sum of latency histograms given as a two-dimensional array (one per row, as
-- array_agg of the histograms makes it).
create or replace function private.sum_histograms(p_histograms integer[])
returns integer[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select array_agg(s.c order by s.i)
  from (
    select (u.o - 1) % 80 + 1 as i, sum(u.c)::integer as c
    from unnest(p_histograms) with ordinality u (c, o)
    group by 1
  ) s;
$$;
revoke all on function private.sum_histograms(integer[]) from public;

-- The oldest bucket kept of a level and grain ('infinity': that level does not keep the grain).
-- Minute rows: the total, for 48 hours. Hour rows: the total forever (so the unfiltered
-- Overview's ragged range edges never fall back to days of raw rows), each dimension but
-- account for 90 days. Day rows: every grain, forever. Account has too many values, and the
-- combined grains too many combinations, to be worth hourly rows: at hour scale they are read
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
    when p_level in ('day', 'week') then '-infinity'::timestamptz
    when p_level = 'hour' and p_grain = 'total' then '-infinity'::timestamptz
    when p_level = 'hour' and p_grain not in ('account', 'combined', 'combined_status', 'account_combined') then date_trunc('day', p_watermark - interval '90 days', 'UTC')
    when p_level = 'minute' and p_grain = 'total' then date_trunc('hour', p_watermark - interval '48 hours', 'UTC')
    else 'infinity'::timestamptz
  end;
$$;

-- Splits [p_from, p_to) into pieces read from the coarsest level that keeps p_grain and tiles
-- them (weeks or days in the middle, hours and minutes at the edges), and 'raw' pieces
-- (sub-minute edges, and whatever no level keeps), which are aggregated from the raw tables.
-- Week rows exist for the weeks that had ended by the watermark (refresh_rollups): a week that
-- is still open is read from its day rows.
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
  if unit = 'week' then
    hi := least(hi, date_trunc('week', p_watermark, 'UTC'));
  end if;
  if lo < hi then
    return query select unit, lo, hi;
    return query select * from private.rollup_pieces(p_from, lo, p_levels[2:], p_grain, p_watermark);
    return query select * from private.rollup_pieces(hi, p_to, p_levels[2:], p_grain, p_watermark);
  else
    return query select * from private.rollup_pieces(p_from, p_to, p_levels[2:], p_grain, p_watermark);
  end if;
end;
$$;

-- The grain of a refresh grouping set's GROUPING() mask (see rollup_level): the dimension bits
-- are experiment_id (bit 10) … intent (bit 3), account (2), is_manual (1), status (0).
-- 'account_combined' groups by a column of its own (the account where its account-day is large
-- enough), so refresh_rollups tells it apart from 'combined_status', which has the same mask.
create or replace function private.rollup_grain(p_mask integer)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case p_mask & 2047
    when 2047 then 'total' when 7 then 'combined' when 4 then 'combined_status'
    when 1023 then 'experiment_id' when 1535 then 'variant_id' when 1791 then 'version_id'
    when 1919 then 'model' when 1983 then 'provider' when 2015 then 'capability'
    when 2031 then 'action' when 2039 then 'intent' when 2043 then 'account'
    when 2045 then 'is_manual' when 2046 then 'status'
  end;
$$;

-- The grain a query reads: the narrowest that has every dimension it filters or groups by. Every
-- combination has one now; 'account_combined' holds only the large account-days (metric_values
-- reads the others raw).
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
    when not d @> array['account'] then 'combined_status'
    else 'account_combined'
  end
  from (
    select array(select k from jsonb_object_keys(p_filters) k
                 union select p_group_by where p_group_by is not null) as d
  ) x;
$$;

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
  min_runs integer;
  crossed_orgs uuid[];
  crossed_days timestamptz[];
  crossed_accounts text[];
  week record;
  w_new timestamptz := now();
  since timestamptz;
  minute_from timestamptz := private.rollup_horizon('minute', 'total', w_new);
  -- Where hour rows of each dimension start (every dimension's, account aside, is the same).
  recent_from timestamptz := private.rollup_horizon('hour', 'model', w_new);
  levels constant text[] := array['minute', 'hour', 'day'];
  grains constant text[] := array['total', 'combined', 'experiment_id', 'variant_id', 'version_id',
    'model', 'provider', 'capability', 'action', 'intent', 'account', 'is_manual', 'status',
    'combined_status', 'account_combined'];
  batch record;
  day_sets constant text := $sets$
        (b.db), (b.db, b.experiment_id), (b.db, b.variant_id), (b.db, b.version_id),
        (b.db, b.model), (b.db, b.provider), (b.db, b.capability), (b.db, b.action),
        (b.db, b.intent), (b.db, b.account), (b.db, b.is_manual), (b.db, b.status),
        (b.db, b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
         b.action, b.intent),
        (b.db, b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
         b.action, b.intent, b.is_manual, b.status),
        (b.db, b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
         b.action, b.intent, b.crossed_account, b.is_manual, b.status)$sets$;
  -- Per batch, ONE statement: it reads each source table once and computes every level and
  -- grain with GROUPING SETS. Its parameters: $1/$2 the batch's (organization, day) pairs, $3 the
  -- new watermark, $4/$5 where minute and recent hour rows start, $6/$7/$8 the batch's
  -- (organization, day, account) with account_combined rows. Only the grouping sets differ
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
             date_trunc('day', s.occurred_at, 'UTC') as db,
             -- The account, where its account-day keeps account_combined rows: that grain groups
             -- by it, so the small account-days fold into one discarded group per combination
             -- instead of hashing a group for nearly every run.
             x.account as crossed_account
      from src s
      left join unnest($6::uuid[], $7::timestamptz[], $8::text[]) x (organization_id, day, account)
        on x.organization_id = s.organization_id and x.day = date_trunc('day', s.occurred_at, 'UTC')
        and x.account = s.account
    ),
    -- Every level × grain in one pass (see rollup_horizon for which level keeps which grain);
    -- the latency histogram bucket is part of the key, folded into an array below.
    sets as (
      select b.kind, b.metric_key, b.organization_id, b.hidx, b.mb, b.hb, b.cb, b.db,
             b.experiment_id, b.variant_id, b.version_id, b.model, b.provider, b.capability,
             b.action, b.intent, coalesce(b.account, b.crossed_account) as account, b.is_manual,
             b.status,
             grouping(b.mb, b.hb, b.cb, b.db, b.experiment_id, b.variant_id, b.version_id, b.model,
                      b.provider, b.capability, b.action, b.intent, b.account, b.is_manual,
                      b.status) as mask,
             grouping(b.crossed_account) = 0 as crossed,
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
             coalesce(s.mb, s.hb, s.cb, s.db) as bucket,
             case when s.crossed then 'account_combined' else private.rollup_grain(s.mask) end as grain,
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
        and (not s.crossed or s.account is not null)
      group by s.kind, s.metric_key, s.organization_id, s.mask, s.crossed, s.mb, s.hb, s.cb, s.db,
               s.experiment_id, s.variant_id, s.version_id, s.model, s.provider, s.capability,
               s.action, s.intent, s.account, s.is_manual, s.status
      union all
      select s.kind, s.metric_key, s.organization_id, private.rollup_level(s.mask),
             coalesce(s.mb, s.hb, s.cb, s.db),
             case when s.crossed then 'account_combined' else private.rollup_grain(s.mask) end,
             s.experiment_id,
             s.variant_id, s.version_id, s.model, s.provider, s.capability, s.action, s.intent,
             s.account, s.is_manual, s.status, s.c, null, null, null, null, null, null, null,
             null, null, null, s.val_sum, s.val_sum_sq, s.up, s.down
      from sets s
      where s.kind <> 'runs' and coalesce(s.mb, s.hb, s.cb, s.db) is not null
        and (not s.crossed or s.account is not null)
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
  select s.watermark, s.account_combined_min_runs into w_old, min_runs from private.rollup_state s for update;
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

    -- The batch's account-days with at least min_runs runs keep account_combined rows; their
    -- outcomes and feedback (by attributed account) go with them. Counted as the statement
    -- counts the account grain's runs, so the account grain's day row says which they are.
    select coalesce(array_agg(c.organization_id), '{}'), coalesce(array_agg(c.day), '{}'),
           coalesce(array_agg(c.account), '{}')
    into crossed_orgs, crossed_days, crossed_accounts
    from (
      select g.organization_id, g.day, r.account
      from unnest(batch.orgs, batch.days) g (organization_id, day)
      cross join lateral (
        select y.account from public.llm_runs y
        where y.organization_id = g.organization_id and y.received_at <= w_new
          and y.occurred_at >= g.day and y.occurred_at < g.day + interval '24 hours'
          and y.account is not null
        offset 0
      ) r
      group by g.organization_id, g.day, r.account
      having count(*) >= min_runs
    ) c;

    execute format(rollup_statement, case when batch.days[cardinality(batch.days)] + interval '24 hours' > recent_from
                                          then recent_sets else old_sets end)
    using batch.orgs, batch.days, w_new, minute_from, recent_from, crossed_orgs, crossed_days,
          crossed_accounts;
  end loop;

  -- Week rows, summed from the day rows (every grain), one week at a time, for the weeks that
  -- have ended: those of the touched days, and those that ended since the previous refresh
  -- (their last days were rolled up while they were open). A year's long-range view reads 52
  -- of them instead of 365 day rows per combination; an open week is read from its day rows
  -- (rollup_pieces), so the every-minute refresh does not sum the current week again.
  for week in
    select distinct x.organization_id, x.starts
    from (
      select w.organization_id, date_trunc('week', w.day, 'UTC') as starts
      from private.rollup_work_days w
      union all
      select o.id, g.starts
      from public.organizations o
      -- None on a first refresh (every day is touched then).
      cross join generate_series(case when w_old > '-infinity' then date_trunc('week', w_old, 'UTC')
                                      else 'infinity' end,
                                 w_new - interval '168 hours', interval '168 hours') g (starts)
    ) x
    where x.starts + interval '168 hours' <= w_new
  loop
    delete from public.run_rollups x
    where x.organization_id = week.organization_id and x.level = 'week' and x.grain = any (grains)
      and x.bucket = week.starts;
    delete from public.outcome_rollups x
    where x.organization_id = week.organization_id and x.level = 'week' and x.grain = any (grains)
      and x.bucket = week.starts;
    delete from public.feedback_rollups x
    where x.organization_id = week.organization_id and x.level = 'week' and x.grain = any (grains)
      and x.bucket = week.starts;
    -- Sums in numeric, as the day rows were made: the same rows to the last bit on a rerun.
    insert into public.run_rollups (organization_id, level, bucket, grain, experiment_id, variant_id, version_id, model, provider, capability, action, intent, account, is_manual, status, runs, errors, latency_n, latency_sum,
      latency_sum_sq, latency_hist, cost_n, cost_sum, cost_sum_sq, tokens_n, tokens_sum)
    select week.organization_id, 'week', week.starts, d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status,
           sum(d.runs), sum(d.errors), sum(d.latency_n), sum(d.latency_sum::numeric),
           sum(d.latency_sum_sq::numeric), private.sum_histograms(array_agg(d.latency_hist)),
           sum(d.cost_n), sum(d.cost_sum::numeric), sum(d.cost_sum_sq::numeric), sum(d.tokens_n),
           sum(d.tokens_sum::numeric)
    from public.run_rollups d
    where d.organization_id = week.organization_id and d.level = 'day' and d.grain = any (grains)
      and d.bucket >= week.starts and d.bucket < week.starts + interval '168 hours'
    group by d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status;
    insert into public.outcome_rollups (organization_id, level, bucket, grain, experiment_id, variant_id, version_id, model, provider, capability, action, intent, account, is_manual, status, metric_key, n, sum, sum_sq)
    select week.organization_id, 'week', week.starts, d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status, d.metric_key,
           sum(d.n), sum(d.sum::numeric), sum(d.sum_sq::numeric)
    from public.outcome_rollups d
    where d.organization_id = week.organization_id and d.level = 'day' and d.grain = any (grains)
      and d.bucket >= week.starts and d.bucket < week.starts + interval '168 hours'
    group by d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status, d.metric_key;
    insert into public.feedback_rollups (organization_id, level, bucket, grain, experiment_id, variant_id, version_id, model, provider, capability, action, intent, account, is_manual, status, thumbs_up, thumbs_down)
    select week.organization_id, 'week', week.starts, d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status,
           sum(d.thumbs_up), sum(d.thumbs_down)
    from public.feedback_rollups d
    where d.organization_id = week.organization_id and d.level = 'day' and d.grain = any (grains)
      and d.bucket >= week.starts and d.bucket < week.starts + interval '168 hours'
    group by d.grain, d.experiment_id, d.variant_id, d.version_id, d.model, d.provider, d.capability, d.action, d.intent, d.account, d.is_manual, d.status;
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

-- Metric values per period (the ranges [p_froms[i], p_tos[i]), which may differ in length and
-- overlap), per bucket (p_granularity minute | hour | day | week, or 'all' for one value over the
-- period, bucket = its start) and per group of p_group_by. Callers validate first. One statement
-- per source table the metrics need (runs, outcomes, feedback), each reading the rollups of the
-- narrowest grain, the tail and the raw pieces of all periods at once (and, for the
-- account_combined grain, the raw rows of the account-days it does not keep).
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
  -- The filters, one array per dimension (null: not filtered). The statements test them inline:
  -- with the plan made for the actual values, an unused test folds away and the account's becomes
  -- an index condition (llm_runs_account_idx, outcomes_account_idx, feedback_account_idx).
  f_experiment_id text[] := private.filter_values(p_filters, 'experiment_id');
  f_variant_id text[] := private.filter_values(p_filters, 'variant_id');
  f_version_id text[] := private.filter_values(p_filters, 'version_id');
  f_model text[] := private.filter_values(p_filters, 'model');
  f_provider text[] := private.filter_values(p_filters, 'provider');
  f_capability text[] := private.filter_values(p_filters, 'capability');
  f_action text[] := private.filter_values(p_filters, 'action');
  f_intent text[] := private.filter_values(p_filters, 'intent');
  f_account text[] := private.filter_values(p_filters, 'account');
  f_is_manual text[] := private.filter_values(p_filters, 'is_manual');
  f_status text[] := private.filter_values(p_filters, 'status');
  trunc_unit text := nullif(p_granularity, 'all');
  pp integer[];
  lv text[];
  pf timestamptz[];
  pt timestamptz[];
  run_metrics text[];
  outcome_keys text[];
  need_feedback boolean;
  -- The account_combined grain keeps only the large account-days; of the others, in the day
  -- pieces, raw_* are those of the filtered accounts (read raw, an index range per account and
  -- day) and crossed_* those that have rows, when no account is filtered (the rest are read raw).
  raw_p integer[];
  raw_day timestamptz[];
  raw_account text[];
  crossed_day timestamptz[];
  crossed_account text[];
begin
  select s.watermark into w from private.rollup_state s;

  select coalesce(array_agg(p.period::integer), '{}'), coalesce(array_agg(x.level), '{}'),
         coalesce(array_agg(x.piece_from), '{}'), coalesce(array_agg(x.piece_to), '{}')
  into pp, lv, pf, pt
  from unnest(p_froms, p_tos) with ordinality p (f, t, period)
  cross join lateral private.rollup_pieces(p.f, p.t,
    case p_granularity when 'minute' then array['minute'] when 'hour' then array['hour', 'minute']
      when 'day' then array['day', 'hour', 'minute'] else array['week', 'day', 'hour', 'minute'] end,
    use_grain, w) x;

  if use_grain = 'account_combined' then
    -- Whether an account-day has rows is read from its account_combined runs day row, which the
    -- refresh writes with the outcome and feedback rows of that account-day. A week row holds
    -- its week's account-days that have day rows, so week pieces are taken day by day here too.
    select coalesce(array_agg(pc.p), '{}'), coalesce(array_agg(d.day), '{}'),
           coalesce(array_agg(a.account), '{}')
    into raw_p, raw_day, raw_account
    from unnest(pp, lv, pf, pt) pc (p, l, f, t)
    cross join lateral generate_series(pc.f, pc.t - interval '24 hours', interval '24 hours') d (day)
    cross join lateral unnest(f_account) a (account)
    where pc.l in ('day', 'week')
      and not exists (select 1 from public.run_rollups x
                      where x.organization_id = p_organization_id and x.grain = 'account_combined'
                        and x.account = a.account and x.level = 'day' and x.bucket = d.day);
    if f_account is null then
      select coalesce(array_agg(c.bucket), '{}'), coalesce(array_agg(c.account), '{}')
      into crossed_day, crossed_account
      from (
        select distinct x.bucket, x.account
        from unnest(pp, lv, pf, pt) pc (p, l, f, t)
        join public.run_rollups x on x.organization_id = p_organization_id and x.level = 'day'
          and x.grain = 'account_combined' and x.bucket >= pc.f and x.bucket < pc.t
        where pc.l in ('day', 'week')
      ) c;
    end if;
  end if;

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
      -- An index range scan per piece: joined to the pieces, the planner can pick a scan of the
      -- whole table for a grain with many rows (the account grain's, 4 seconds).
      cross join lateral (
        select y.* from public.run_rollups y
        where y.organization_id = p_organization_id and y.level = pc.l and y.grain = use_grain
          and y.bucket >= pc.f and y.bucket < pc.t
          and (f_account is null or y.account = any (f_account))
        offset 0
      ) x
      where pc.l <> 'raw'
      union all
      select r.p, r.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
             r.capability, r.action, r.intent, r.account, r.is_manual, r.status,
             1, (r.status <> 'ok')::integer, (r.latency_ms is not null)::integer,
             coalesce(r.latency_ms::double precision, 0), (r.cost_usd is not null)::integer,
             coalesce(r.cost_usd::double precision, 0),
             (r.tokens_in is not null or r.tokens_out is not null)::integer,
             (coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0))::double precision,
             null, case when r.latency_ms is not null then least(80, greatest(1, floor(4 * ln(greatest(r.latency_ms::double precision, 1)) / ln(2))::integer + 1)) end
      from (
        -- The tail: rows received after the watermark, where the rollups cover them.
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.llm_runs t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
          and (f_account is null or t.account = any (f_account))
        where not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.llm_runs y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f and y.occurred_at < pc.t
            and (f_account is null or y.account = any (f_account))
          offset 0 -- an index range scan per piece
        ) t
        where pc.l = 'raw'
        union all
        -- account_combined: the account-days without rows, their rows received up to the
        -- watermark (the tail has the rest). Filtered by account, an index range scan per
        -- account and day; otherwise the day pieces' rows, less the account-days with rows.
        select u.p, t.* from unnest(raw_p, raw_day, raw_account) u (p, day, account)
        cross join lateral (
          select y.* from public.llm_runs y
          where y.organization_id = p_organization_id and y.account = u.account
            and y.occurred_at >= u.day and y.occurred_at < u.day + interval '24 hours'
            and y.received_at <= w
          offset 0
        ) t
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.llm_runs y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.received_at <= w
          offset 0
        ) t
        where use_grain = 'account_combined' and f_account is null and pc.l in ('day', 'week')
          and (t.account is null
               or not exists (select 1 from unnest(crossed_day, crossed_account) c (bucket, account)
                              where c.bucket = date_trunc('day', t.occurred_at, 'UTC')
                              and c.account = t.account))
      ) r
    ),
    grouped as materialized (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
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
             fa.runs, fa.errors, fa.latency_n, fa.latency_sum, fa.cost_n, fa.cost_sum, fa.tokens_n,
             fa.tokens_sum, fa.hist, fa.hidx
      from facts fa
      where (f_experiment_id is null or fa.experiment_id::text = any (f_experiment_id))
        and (f_variant_id is null or fa.variant_id::text = any (f_variant_id))
        and (f_version_id is null or fa.version_id::text = any (f_version_id))
        and (f_model is null or fa.model = any (f_model))
        and (f_provider is null or fa.provider = any (f_provider))
        and (f_capability is null or fa.capability = any (f_capability))
        and (f_action is null or fa.action = any (f_action))
        and (f_intent is null or fa.intent = any (f_intent))
        and (f_account is null or fa.account = any (f_account))
        and (f_is_manual is null or fa.is_manual::text = any (f_is_manual))
        and (f_status is null or fa.status = any (f_status))
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
             (power(2, (cu.i - 1) / 4.0)
               * power(power(2, 0.25), least(1, greatest(0, (q.q * cu.total - (cu.cum - cu.c)) / cu.c))))::double precision as v, cu.total::bigint as n
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
      cross join lateral (
        select y.* from public.outcome_rollups y
        where y.organization_id = p_organization_id and y.level = pc.l and y.grain = use_grain
          and y.bucket >= pc.f and y.bucket < pc.t and y.metric_key = any (outcome_keys)
          and (f_account is null or y.account = any (f_account))
        offset 0
      ) x
      where pc.l <> 'raw'
      union all
      select o.p, o.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model, r.provider,
             r.capability, r.action, r.intent, o.attributed_account, r.is_manual,
             r.status, o.metric_key, 1, o.value::double precision
      from (
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.outcomes t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
          and (f_account is null or t.attributed_account = any (f_account))
        where t.metric_key = any (outcome_keys)
          and not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.outcomes y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.metric_key = any (outcome_keys)
            and (f_account is null or y.attributed_account = any (f_account))
          offset 0
        ) t
        where pc.l = 'raw'
        union all
        -- account_combined: the account-days without rows, their rows received up to the
        -- watermark (the tail has the rest). Filtered by account, an index range scan per
        -- account and day; otherwise the day pieces' rows, less the account-days with rows.
        select u.p, t.* from unnest(raw_p, raw_day, raw_account) u (p, day, account)
        cross join lateral (
          select y.* from public.outcomes y
          where y.organization_id = p_organization_id and y.attributed_account = u.account
            and y.occurred_at >= u.day and y.occurred_at < u.day + interval '24 hours'
            and y.received_at <= w and y.metric_key = any (outcome_keys)
          offset 0
        ) t
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.outcomes y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.received_at <= w and y.metric_key = any (outcome_keys)
          offset 0
        ) t
        where use_grain = 'account_combined' and f_account is null and pc.l in ('day', 'week')
          and (t.attributed_account is null
               or not exists (select 1 from unnest(crossed_day, crossed_account) c (bucket, account)
                              where c.bucket = date_trunc('day', t.occurred_at, 'UTC')
                              and c.account = t.attributed_account))
      ) o
      -- The run's other dimensions, unless the grain needs none (the account is on the row).
      left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
        and use_grain not in ('total', 'account')
    )
    select a.p, a.b, a.g, c.key, a.s / a.n, a.n
    from (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
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
             fa.metric_key, sum(fa.n)::bigint as n, sum(fa.sum) as s
      from facts fa
      where (f_experiment_id is null or fa.experiment_id::text = any (f_experiment_id))
        and (f_variant_id is null or fa.variant_id::text = any (f_variant_id))
        and (f_version_id is null or fa.version_id::text = any (f_version_id))
        and (f_model is null or fa.model = any (f_model))
        and (f_provider is null or fa.provider = any (f_provider))
        and (f_capability is null or fa.capability = any (f_capability))
        and (f_action is null or fa.action = any (f_action))
        and (f_intent is null or fa.intent = any (f_intent))
        and (f_account is null or fa.account = any (f_account))
        and (f_is_manual is null or fa.is_manual::text = any (f_is_manual))
        and (f_status is null or fa.status = any (f_status))
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
      cross join lateral (
        select y.* from public.feedback_rollups y
        where y.organization_id = p_organization_id and y.level = pc.l and y.grain = use_grain
          and y.bucket >= pc.f and y.bucket < pc.t
          and (f_account is null or y.account = any (f_account))
        offset 0
      ) x
      where pc.l <> 'raw'
      union all
      select fb.p, fb.occurred_at, r.experiment_id, r.variant_id, r.version_id, r.model,
             r.provider, r.capability, r.action, r.intent, fb.attributed_account, r.is_manual, r.status,
             (fb.thumbs = 'up')::integer, (fb.thumbs = 'down')::integer
      from (
        select pr.period::integer as p, t.*
        from unnest(p_froms, p_tos) with ordinality pr (f, t, period)
        join public.feedback t on t.organization_id = p_organization_id and t.received_at > w
          and t.occurred_at >= pr.f and t.occurred_at < pr.t
          and (f_account is null or t.attributed_account = any (f_account))
        where t.thumbs is not null
          and not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.feedback y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.thumbs is not null
            and (f_account is null or y.attributed_account = any (f_account))
          offset 0
        ) t
        where pc.l = 'raw'
        union all
        -- account_combined: the account-days without rows, their rows received up to the
        -- watermark (the tail has the rest). Filtered by account, an index range scan per
        -- account and day; otherwise the day pieces' rows, less the account-days with rows.
        select u.p, t.* from unnest(raw_p, raw_day, raw_account) u (p, day, account)
        cross join lateral (
          select y.* from public.feedback y
          where y.organization_id = p_organization_id and y.attributed_account = u.account
            and y.occurred_at >= u.day and y.occurred_at < u.day + interval '24 hours'
            and y.received_at <= w and y.thumbs is not null
          offset 0
        ) t
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.feedback y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f
            and y.occurred_at < pc.t and y.received_at <= w and y.thumbs is not null
          offset 0
        ) t
        where use_grain = 'account_combined' and f_account is null and pc.l in ('day', 'week')
          and (t.attributed_account is null
               or not exists (select 1 from unnest(crossed_day, crossed_account) c (bucket, account)
                              where c.bucket = date_trunc('day', t.occurred_at, 'UTC')
                              and c.account = t.attributed_account))
      ) fb
      left join public.llm_runs r on r.id = fb.run_id and r.organization_id = fb.organization_id
        and use_grain not in ('total', 'account')
    )
    select a.p, a.b, a.g, 'thumbs_up_rate'::text, a.up::double precision / (a.up + a.down), a.up + a.down
    from (
      select fa.p, case when trunc_unit is null then p_froms[fa.p] else date_trunc(trunc_unit, fa.at, 'UTC') end as b,
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
             sum(fa.up)::bigint as up, sum(fa.down)::bigint as down
      from facts fa
      where (f_experiment_id is null or fa.experiment_id::text = any (f_experiment_id))
        and (f_variant_id is null or fa.variant_id::text = any (f_variant_id))
        and (f_version_id is null or fa.version_id::text = any (f_version_id))
        and (f_model is null or fa.model = any (f_model))
        and (f_provider is null or fa.provider = any (f_provider))
        and (f_capability is null or fa.capability = any (f_capability))
        and (f_action is null or fa.action = any (f_action))
        and (f_intent is null or fa.intent = any (f_intent))
        and (f_account is null or fa.account = any (f_account))
        and (f_is_manual is null or fa.is_manual::text = any (f_is_manual))
        and (f_status is null or fa.status = any (f_status))
      group by 1, 2, 3
    ) a
    where a.up + a.down > 0;
  end if;
end;
$$;

-- The existing days have no rows of the new grains: recompute everything on the next refresh.
update private.rollup_state set watermark = '-infinity';
