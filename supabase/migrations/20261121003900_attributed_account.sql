-- Outcomes and feedback carry the account they are attributed to, so an account's raw reads cost
-- its own rows.
--
-- The analytics take an outcome's account from its run, else its own (a feedback event's from its
-- run only), so filtering raw outcomes by account meant joining every outcome of the period to
-- its run first: for an account with another dimension (which no rollup holds) over a month at
-- 10M runs a year, seconds. `attributed_account` stores that account on the row:
-- - set on every insert and update from the run named by run_id (private.attribute_*_account);
-- - refreshed when a run arrives after outcomes or feedback named it, by id or external id
--   (private.link_arrived_runs, whose link updates fire the row trigger);
-- - indexed with the organization and time, like llm_runs_account_idx.
-- metric_values then finds an account's raw and tail outcomes and feedback through those indexes.

alter table public.outcomes add column attributed_account text;
alter table public.feedback add column attributed_account text;

comment on column public.outcomes.attributed_account is
  'The account the analytics attribute this outcome to: its run''s, else its own. Kept by triggers.';
comment on column public.feedback.attributed_account is
  'The account the analytics attribute this feedback to: its run''s. Kept by triggers.';

update public.outcomes o set attributed_account = r.account
from public.llm_runs r
where r.id = o.run_id and r.organization_id = o.organization_id and r.account is not null;
update public.outcomes set attributed_account = account
where attributed_account is null and account is not null;
update public.feedback f set attributed_account = r.account
from public.llm_runs r
where r.id = f.run_id and r.organization_id = f.organization_id and r.account is not null;

create index outcomes_account_idx on public.outcomes (organization_id, attributed_account, occurred_at desc)
  where attributed_account is not null;
create index feedback_account_idx on public.feedback (organization_id, attributed_account, occurred_at desc)
  where attributed_account is not null;

create or replace function private.attribute_outcome_account()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.attributed_account := coalesce(
    (select r.account from public.llm_runs r
     where r.id = new.run_id and r.organization_id = new.organization_id),
    new.account);
  return new;
end;
$$;

create or replace function private.attribute_feedback_account()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.attributed_account := (select r.account from public.llm_runs r
                             where r.id = new.run_id and r.organization_id = new.organization_id);
  return new;
end;
$$;

revoke all on function private.attribute_outcome_account() from public;
revoke all on function private.attribute_feedback_account() from public;

create trigger outcomes_attribute_account before insert or update on public.outcomes
  for each row execute function private.attribute_outcome_account();
create trigger feedback_attribute_account before insert or update on public.feedback
  for each row execute function private.attribute_feedback_account();

create or replace function private.link_arrived_runs()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outcomes o set run_id = r.id
  from new_runs r
  where r.external_id is not null and o.organization_id = r.organization_id
    and o.run_id is null and o.run_external_id = r.external_id;
  update public.feedback f set run_id = r.id
  from new_runs r
  where r.external_id is not null and f.organization_id = r.organization_id
    and f.run_id is null and f.run_external_id = r.external_id;
  -- Outcomes and feedback that named this run by id before it arrived take its account now.
  update public.outcomes o set attributed_account = coalesce(r.account, o.account)
  from new_runs r
  where o.run_id = r.id and o.organization_id = r.organization_id
    and o.attributed_account is distinct from coalesce(r.account, o.account);
  update public.feedback f set attributed_account = r.account
  from new_runs r
  where f.run_id = r.id and f.organization_id = r.organization_id
    and f.attributed_account is distinct from r.account;
  update public.run_lifecycle_events e set run_id = r.id
  from new_runs r
  where r.external_id is not null and e.organization_id = r.organization_id
    and e.run_id is null and e.run_external_id = r.external_id;
  return null;
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
  -- Raw and tail reads take the account filter as an index condition (llm_runs_account_idx,
  -- outcomes_account_idx, feedback_account_idx): with the plan made for the actual value, the
  -- `is null` test folds away.
  f_account text[] := private.filter_values(p_filters, 'account');
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
          and (f_account is null or t.account = any (f_account))
        where not exists (select 1 from pieces pc where pc.p = pr.period and pc.l = 'raw'
                          and t.occurred_at >= pc.f and t.occurred_at < pc.t)
        union all
        select pc.p, t.* from pieces pc
        cross join lateral (
          select y.* from public.llm_runs y
          where y.organization_id = p_organization_id and y.occurred_at >= pc.f and y.occurred_at < pc.t
            and (f_account is null or y.account = any (f_account))
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
