// The SQL catalog (what the RPCs accept) and the TypeScript one (what the app offers) are one.
import { afterAll, describe, expect, it } from "vitest";
import { DIMENSIONS, METRICS } from "../../supabase/functions/_shared/analytics/catalog";
import { adminSql } from "./support/db";

afterAll(async () => {
  await adminSql.end();
});

describe("metric catalog", () => {
  it("lists the same metrics in SQL and TypeScript, field by field", async () => {
    const rows = await adminSql`
      select key, label, category, source, outcome_metric_key, aggregation, unit, direction
      from private.metric_catalog order by position`;
    expect(rows.map((r) => ({ ...r }))).toEqual(
      METRICS.map((m) => ({
        key: m.key,
        label: m.label,
        category: m.category,
        source: m.source,
        outcome_metric_key: m.outcomeMetricKey ?? null,
        aggregation: m.aggregation,
        unit: m.unit,
        direction: m.direction,
      })),
    );
  });

  it("lists the same dimensions, in the order the rollups' grouping sets rely on", async () => {
    const rows = await adminSql`select key, label from private.dimension_catalog order by position`;
    expect(rows.map((r) => ({ ...r }))).toEqual(
      DIMENSIONS.map((d) => ({ key: d.key, label: d.label })),
    );
  });
});
