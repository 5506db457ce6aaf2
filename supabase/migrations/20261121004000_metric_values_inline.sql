-- metric_values: account filters as index conditions, and no per-row helper calls.
--
-- Account filters. metric_values reads raw rows for what no rollup holds: the partial days at a
-- range's ends of an account's view (accounts have day rows only), the tail received after the
-- watermark, and filter combinations without a grain (an account with another dimension). Those
-- reads used to take every row of the organization in the period and test it. Now an account
-- filter is written out as `account = any (...)` on runs and `attributed_account = any (...)` on
-- outcomes and feedback, so with the plan made for the actual values they come through
-- llm_runs_account_idx, outcomes_account_idx and feedback_account_idx and cost the account's own
-- rows; an account's day rows come through the account grain's index.
--
-- No helper calls. private.dimensions_match, dimension_value, latency_bucket and histogram_value
-- are SQL functions with a pinned search_path (the advisors require it), and a function with a
-- SET clause is never inlined: each call sets and restores the search_path. metric_values called
-- them once per fact row, raw row and histogram cell, which made a 1Y Overview over 10M runs take
-- about 220 ms instead of under 100 (the benchmark database had kept older, inlinable versions of
-- them, so bench/results/dashboard.md did not show it). Their expressions are now written into
-- the statements, the filters as one array per dimension, and the helpers, used nowhere else, go.
--
-- A day grain crossing accounts with the other dimensions was measured and left out: on the
-- benchmark's data (2,000 accounts a day) it needs 20,578 rows for a day of 27,397 runs, three
-- rows for every four runs, each with an 80-bucket latency histogram.

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
      ) o
      left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
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
      ) fb
      left join public.llm_runs r on r.id = fb.run_id and r.organization_id = fb.organization_id
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

drop function private.dimensions_match(jsonb, uuid, uuid, uuid, text, text, text, text, text, text, boolean, text);
drop function private.dimension_value(text, uuid, uuid, uuid, text, text, text, text, text, text, boolean, text);
drop function private.histogram_value(integer, double precision, double precision, double precision, double precision);
drop function private.latency_bucket(numeric);
