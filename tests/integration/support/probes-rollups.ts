import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
/** Rollup rows belong to an organization, never to one user. */
const orgRows =
  (make: (f: Fixture, t: Target) => Attempt): AttemptFactory =>
  (f, _s, t) =>
    t === "own" ? undefined : make(f, t);

/** The day total of the fixture's events (fixture-rollups.ts refreshed the rollups). */
const dayTotal = (f: Fixture, t: Target) => ({
  organization_id: orgOf(f, t),
  level: "day",
  grain: "total",
});

const dimensions = (f: Fixture, t: Target) => ({
  ...dayTotal(f, t),
  bucket: "2020-01-01T00:00:00Z",
});

/** Members read rollups; only private.refresh_rollups() writes them. */
function rollupTable(
  table: string,
  measures: Record<string, unknown>,
  update: Record<string, unknown>,
) {
  return {
    [`${table} select`]: orgRows((f, t) => ({ kind: "select", table, match: dayTotal(f, t) })),
    [`${table} insert`]: orgRows((f, t) => ({
      kind: "insert",
      table,
      values: { ...dimensions(f, t), ...measures },
    })),
    [`${table} update`]: orgRows((f, t) => ({
      kind: "update",
      table,
      match: dayTotal(f, t),
      values: update,
    })),
    [`${table} delete`]: orgRows((f, t) => ({ kind: "delete", table, match: dayTotal(f, t) })),
  } satisfies Record<string, AttemptFactory>;
}

const range = () => ({
  p_from: new Date(Date.now() - 86_400_000).toISOString(),
  p_to: new Date(Date.now() + 60_000).toISOString(),
});

export const ROLLUP_PROBES: Record<string, AttemptFactory> = {
  ...rollupTable(
    "run_rollups",
    {
      runs: 1,
      errors: 0,
      latency_n: 0,
      latency_sum: 0,
      latency_sum_sq: 0,
      latency_hist: Array.from({ length: 80 }, () => 0),
      cost_n: 0,
      cost_sum: 0,
      cost_sum_sq: 0,
      tokens_n: 0,
      tokens_sum: 0,
    },
    { runs: 1_000_000 },
  ),
  ...rollupTable(
    "outcome_rollups",
    { metric_key: "conversion", n: 1, sum: 1, sum_sq: 1 },
    { n: 1_000_000 },
  ),
  ...rollupTable("feedback_rollups", { thumbs_up: 1, thumbs_down: 0 }, { thumbs_up: 1_000_000 }),
  "rpc:metric_summary execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "metric_summary",
    args: { p_organization_id: orgOf(f, t), p_metrics: ["runs", "conversion"], ...range() },
  })),
  "rpc:metric_series execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "metric_series",
    args: {
      p_organization_id: orgOf(f, t),
      p_metrics: ["runs"],
      ...range(),
      p_granularity: "hour",
      p_group_by: "model",
    },
  })),
  "rpc:metric_breakdown execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "metric_breakdown",
    args: {
      p_organization_id: orgOf(f, t),
      p_metric: "runs",
      p_dimension: "model",
      ...range(),
      p_compare_from: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      p_compare_to: new Date(Date.now() - 86_400_000).toISOString(),
    },
  })),
  "rpc:experiment_metric_stats execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "experiment_metric_stats",
    args: { p_experiment_id: f.experiments[t === "foreign" ? "foreign" : "org"].active },
  })),
};
