import { describe, expect, it } from "vitest";

import type { MetricKey } from "./catalog";
import { cannotAddReason, chartAxes } from "./chart-axes";

const keys = (...list: string[]) => list as MetricKey[];

describe("the overlay chart's two axes", () => {
  it("puts the first unit on the left and the next on the right", () => {
    expect(chartAxes(keys("conversion", "latency_p95", "escalation"))).toEqual({
      left: "percent",
      right: "ms",
      sideOf: { conversion: "left", latency_p95: "right", escalation: "left" },
    });
  });

  it("leaves out a metric in a third unit", () => {
    expect(chartAxes(keys("conversion", "latency_p95", "cost")).sideOf).not.toHaveProperty("cost");
  });

  it("says why a metric can't be added", () => {
    expect(cannotAddReason("cost" as MetricKey, keys("conversion", "latency_p95"))).toMatch(
      /two axes/,
    );
    expect(
      cannotAddReason("escalation" as MetricKey, keys("conversion", "latency_p95")),
    ).toBeNull();
    expect(
      cannotAddReason(
        "runs" as MetricKey,
        keys("conversion", "escalation", "deflection", "error_rate"),
      ),
    ).toMatch(/up to 4/);
  });
});
