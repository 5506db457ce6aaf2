vi.mock("@/lib/supabase", () => import("@/test/supabase-mock"));

import { metric } from "@shared/analytics/catalog.ts";
import { decomposeChange } from "@shared/analytics/decomposition.ts";
import { formatMetricValue } from "@/features/dashboards";
import { explainChange, formatDelta } from "./explain";
import { decompositionKind, EXPLAINABLE_METRICS, whyChangedParams } from "./why-params";

const labels: Record<string, string> = { v1: "v1 · Checkout", v2: "v2 · Checkout" };
const label = (segment: string) => labels[segment] ?? segment;

describe("explainChange", () => {
  it("names the change, splits it into mix and rate, and names the version that drove it", () => {
    const conversion = metric("conversion");
    const d = decomposeChange(
      [
        { segment: "v1", baselineN: 1000, baselineValue: 0.3, currentN: 200, currentValue: 0.3 },
        { segment: "v2", baselineN: 0, baselineValue: null, currentN: 800, currentValue: 0.2 },
      ],
      decompositionKind(conversion),
    );
    const text = explainChange(d, conversion, label, formatMetricValue, "Version")!;
    expect(text.headline).toBe("Conversion fell from 30% to 22% (−8 pp).");
    expect(text.mix).toBe("−8 pp from traffic moving between version segments (mix).");
    expect(text.rate).toBe("±0 pp from segments performing differently (rate).");
    expect(text.drivers[0]).toMatch(/^v2 · Checkout explains −/);
    expect(text.drivers[0]).toContain("its share of traffic went from 0% to 80%");
  });

  it("speaks of a segment's own change when its value moved", () => {
    const csat = metric("csat");
    const d = decomposeChange(
      [
        { segment: "refund", baselineN: 500, baselineValue: 4.5, currentN: 500, currentValue: 3.5 },
        { segment: "order", baselineN: 500, baselineValue: 4, currentN: 500, currentValue: 4 },
      ],
      "average",
    );
    const text = explainChange(d, csat, label, formatMetricValue, "Intent")!;
    expect(text.headline).toBe("CSAT fell from 4.25 to 3.75 (−0.50).");
    expect(text.drivers).toEqual(["refund explains −0.50: its csat went from 4.50 to 3.50."]);
  });

  it("has no mix for totals such as cost", () => {
    const cost = metric("cost");
    const d = decomposeChange(
      [{ segment: "gpt-4o", baselineN: 10, baselineValue: 100, currentN: 10, currentValue: 150 }],
      decompositionKind(cost),
    );
    const text = explainChange(d, cost, label, formatMetricValue, "Model")!;
    expect(text.mix).toBeNull();
    expect(text.drivers).toEqual(["gpt-4o: $100.00 → $150.00 (+$50.00)."]);
  });

  it("explains nothing without data in both periods", () => {
    const d = decomposeChange([], "average");
    expect(explainChange(d, metric("conversion"), label, formatMetricValue, "Model")).toBeNull();
  });
});

describe("why-changed parameters", () => {
  it("offers every metric but percentiles, which have no mix/rate split", () => {
    const keys = EXPLAINABLE_METRICS.map((m) => m.key);
    expect(keys).not.toContain("latency_p95");
    expect(keys).toContain("conversion");
    expect(whyChangedParams.metric.safeParse("latency_p50").success).toBe(false);
    expect(whyChangedParams.by.parse(undefined)).toBe("version_id");
  });

  it("formats rate changes in percentage points and others in their unit", () => {
    expect(formatDelta(0.0123, "percent", formatMetricValue)).toBe("+1.23 pp");
    expect(formatDelta(-1500, "ms", formatMetricValue)).toBe("−1.5 s");
  });
});
