import { describe, expect, it } from "vitest";
import {
  analyzeExperiment,
  type CupedStatsRow,
  cupedStatsRowsSchema,
  decideVerdict,
  metricStatsRowsSchema,
  type MetricSpec,
  type MetricStatsRow,
  type VariantSpec,
  type VerdictInput,
} from "@shared/stats/index.ts";

const VARIANTS: VariantSpec[] = [
  { id: "control", name: "Control", isControl: true, weight: 5000 },
  { id: "b", name: "Shorter prompt", isControl: false, weight: 5000 },
];

const CONVERSION: MetricSpec = {
  key: "conversion",
  label: "Conversion",
  kind: "rate",
  direction: "increase",
  role: "primary",
};
const RESOLUTION: MetricSpec = {
  key: "resolution_time",
  label: "Resolution time",
  kind: "mean",
  direction: "decrease",
  role: "guardrail",
};

function rate(
  variantId: string,
  metric: string,
  n: number,
  conversions: number,
  exposures = n,
): MetricStatsRow {
  return {
    variantId,
    metric,
    n,
    sum: conversions,
    sumSq: conversions,
    exposures,
  };
}

/** Mean metric rows from mean and standard deviation. */
function numeric(
  variantId: string,
  metric: string,
  n: number,
  mean: number,
  sd: number,
): MetricStatsRow {
  const sum = n * mean;
  return { ...rate(variantId, metric, n, 0), sum, sumSq: sd * sd * (n - 1) + (sum * sum) / n };
}

describe("analyzeExperiment", () => {
  it("ships a significant improvement and reports a chance to beat control above 95%", () => {
    const a = analyzeExperiment({
      variants: VARIANTS,
      metrics: [CONVERSION],
      rows: [rate("control", "conversion", 5000, 500), rate("b", "conversion", 5000, 600)],
    });
    const v = a.metrics[0]!.variants[0]!;
    expect(v.comparison?.method).toBe("two-proportion-z");
    expect(v.comparison?.relative?.estimate).toBeCloseTo(0.2, 10);
    expect(v.chanceToBeat).toBeGreaterThan(0.99);
    expect(v.verdict.decision).toBe("ship");
    expect(a.summary[0]?.verdict.decision).toBe("ship");
  });

  it("respects the metric's direction: lower resolution time is better", () => {
    const a = analyzeExperiment({
      variants: VARIANTS,
      metrics: [{ ...RESOLUTION, role: "primary" }],
      rows: [
        numeric("control", "resolution_time", 2000, 30, 10),
        numeric("b", "resolution_time", 2000, 28, 10),
      ],
    });
    const v = a.metrics[0]!.variants[0]!;
    expect(v.comparison!.absolute.estimate).toBeCloseTo(-2, 8);
    expect(v.comparison!.chanceHigher).toBeLessThan(0.01);
    expect(v.chanceToBeat).toBeGreaterThan(0.99);
    expect(v.verdict.decision).toBe("ship");
  });

  it("stops a primary win when a guardrail got significantly worse, naming the guardrail", () => {
    const a = analyzeExperiment({
      variants: VARIANTS,
      metrics: [RESOLUTION, CONVERSION],
      rows: [
        rate("control", "conversion", 5000, 500),
        rate("b", "conversion", 5000, 600),
        numeric("control", "resolution_time", 5000, 30, 10),
        numeric("b", "resolution_time", 5000, 33, 10),
      ],
    });
    // Primary first, whatever the input order.
    expect(a.metrics.map((m) => m.metric.key)).toEqual(["conversion", "resolution_time"]);
    const primary = a.metrics[0]!.variants[0]!;
    expect(primary.verdict.decision).toBe("stop");
    expect(primary.verdict.reason).toContain("Resolution time");
    expect(a.metrics[1]!.variants[0]!.verdict.decision).toBe("stop");
  });

  it("stops everything on a sample-ratio mismatch", () => {
    const a = analyzeExperiment({
      variants: VARIANTS,
      metrics: [CONVERSION],
      rows: [
        rate("control", "conversion", 5000, 500, 5000),
        rate("b", "conversion", 4000, 480, 4000),
      ],
    });
    expect(a.srm?.mismatch).toBe(true);
    expect(a.metrics[0]!.variants[0]!.verdict.decision).toBe("stop");
    expect(a.metrics[0]!.variants[0]!.verdict.reason).toMatch(/sample-ratio mismatch/);
  });

  it("keeps running below the minimum sample size and flags implausible uplifts", () => {
    const small = analyzeExperiment({
      variants: VARIANTS,
      metrics: [CONVERSION],
      rows: [rate("control", "conversion", 60, 6), rate("b", "conversion", 60, 30)],
    });
    expect(small.metrics[0]!.variants[0]!.lowSample).toBe(true);
    expect(small.metrics[0]!.variants[0]!.verdict.decision).toBe("keep_running");

    const huge = analyzeExperiment({
      variants: VARIANTS,
      metrics: [CONVERSION],
      rows: [rate("control", "conversion", 5000, 100), rate("b", "conversion", 5000, 400)],
    });
    const v = huge.metrics[0]!.variants[0]!;
    expect(v.implausible).toBe(true);
    expect(v.verdict.decision).toBe("keep_running");
    expect(v.verdict.reason).toMatch(/implausibly large/);
  });

  it("adjusts p-values across metrics × variants; BH is never stricter than Holm", () => {
    const input = {
      variants: [...VARIANTS, { id: "c", name: "Other model", isControl: false, weight: 5000 }],
      metrics: [CONVERSION, RESOLUTION],
      rows: [
        rate("control", "conversion", 6000, 600, 6000),
        rate("b", "conversion", 6000, 680, 6000),
        rate("c", "conversion", 6000, 640, 6000),
        numeric("control", "resolution_time", 6000, 30, 10),
        numeric("b", "resolution_time", 6000, 29.7, 10),
        numeric("c", "resolution_time", 6000, 30.1, 10),
      ],
    };
    const holm = analyzeExperiment({ ...input, options: { correction: "holm" } });
    const bh = analyzeExperiment({ ...input, options: { correction: "bh" } });
    const cells = (a: typeof holm) => a.metrics.flatMap((m) => m.variants);
    cells(holm).forEach((v, i) => {
      expect(v.adjustedPValue!).toBeGreaterThanOrEqual(v.comparison!.pValue);
      expect(cells(bh)[i]!.adjustedPValue!).toBeLessThanOrEqual(v.adjustedPValue! + 1e-12);
    });
    // The smallest of 4 p-values: Holm multiplies it by 4.
    const smallest = Math.min(...cells(holm).map((v) => v.comparison!.pValue));
    expect(Math.min(...cells(holm).map((v) => v.adjustedPValue!))).toBeCloseTo(4 * smallest, 12);
  });

  it("sequential testing widens the interval (the price of peeking safely)", () => {
    const rows = [rate("control", "conversion", 5000, 500), rate("b", "conversion", 5000, 560)];
    const fixed = analyzeExperiment({ variants: VARIANTS, metrics: [CONVERSION], rows });
    const seq = analyzeExperiment({
      variants: VARIANTS,
      metrics: [CONVERSION],
      rows,
      options: { sequential: true },
    });
    const width = (a: typeof fixed) => {
      const r = a.metrics[0]!.variants[0]!.comparison!.relative!;
      return r.upper - r.lower;
    };
    expect(seq.metrics[0]!.variants[0]!.comparison!.method).toBe("confidence-sequence");
    expect(width(seq)).toBeGreaterThan(width(fixed));
  });

  describe("CUPED", () => {
    const ORDER_VALUE: MetricSpec = {
      key: "order_value",
      label: "Order value",
      kind: "mean",
      direction: "increase",
      role: "primary",
    };
    /** Unit-level sums with post = pre + noise: sd 10 per unit, cov(pre, post) = 90. */
    function units(variantId: string, n: number, postMean: number, withPre = n): CupedStatsRow {
      const sum = n * postMean;
      const preSum = n * 50;
      return {
        variantId,
        metric: "order_value",
        units: n,
        sum,
        sumSq: 100 * (n - 1) + (sum * sum) / n,
        preSum,
        preSumSq: 100 * (n - 1) + (preSum * preSum) / n,
        sumPrePost: 90 * (n - 1) + (sum * preSum) / n,
        unitsWithPre: withPre,
      };
    }
    // Per observation: more observations than units, a smaller effect than per unit.
    const rows = [
      numeric("control", "order_value", 5000, 50, 12),
      numeric("b", "order_value", 5000, 50.2, 12),
    ];
    const cupedRows = [units("control", 2000, 50), units("b", 2000, 50.8)];

    it("compares unit-level means adjusted with the pre-period, narrower than without", () => {
      const plain = analyzeExperiment({ variants: VARIANTS, metrics: [ORDER_VALUE], rows });
      const cuped = analyzeExperiment({
        variants: VARIANTS,
        metrics: [ORDER_VALUE],
        rows,
        cupedRows,
        options: { cuped: true },
      });
      const p = plain.metrics[0]!.variants[0]!;
      const c = cuped.metrics[0]!.variants[0]!;
      expect(p.cuped).toBeNull();
      expect(p.control.n).toBe(5000);
      expect(c.control).toEqual({ n: 2000, mean: 50 });
      expect(c.treatment.mean).toBeCloseTo(50.8, 10);
      expect(c.cuped).toMatchObject({ applied: true, unitsWithPre: 4000 });
      if (!c.cuped?.applied) throw new Error("CUPED not applied");
      expect(c.cuped.theta).toBeCloseTo(0.9, 6);
      // var(post − 0.9·pre) = 100 + 81 − 162 = 19, against 100 unadjusted.
      expect(c.cuped.varianceReduction).toBeCloseTo(0.81, 6);
      expect(c.comparison!.absolute.estimate).toBeCloseTo(0.8, 8);
      expect(c.comparison!.absolute.se).toBeCloseTo(Math.sqrt((2 * 19) / 2000), 8);
      expect(c.comparison!.absolute.se).toBeLessThan(p.comparison!.absolute.se);
    });

    it("compares a rate's per-unit rates as means", () => {
      const conversion = { ...ORDER_VALUE, key: "conversion", kind: "rate" as const };
      const asRate = (r: CupedStatsRow) => ({
        ...r,
        metric: "conversion",
        sum: r.sum / 100,
        sumSq: r.sumSq / 10_000,
        preSum: r.preSum / 100,
        preSumSq: r.preSumSq / 10_000,
        sumPrePost: r.sumPrePost / 10_000,
      });
      const a = analyzeExperiment({
        variants: VARIANTS,
        metrics: [conversion],
        rows: [rate("control", "conversion", 5000, 2500), rate("b", "conversion", 5000, 2600)],
        cupedRows: cupedRows.map(asRate),
        options: { cuped: true },
      });
      expect(a.metrics[0]!.variants[0]!.comparison!.method).toBe("welch-t");
    });

    it("falls back to the per-observation comparison and says why when no unit has a pre-period", () => {
      const a = analyzeExperiment({
        variants: VARIANTS,
        metrics: [ORDER_VALUE],
        rows,
        cupedRows: [units("control", 2000, 50, 0), units("b", 2000, 50.8, 0)],
        options: { cuped: true },
      });
      const v = a.metrics[0]!.variants[0]!;
      expect(v.cuped).toEqual({
        applied: false,
        reason: "none of these units had order value data before the experiment started",
      });
      const plain = analyzeExperiment({ variants: VARIANTS, metrics: [ORDER_VALUE], rows });
      expect(v.comparison).toEqual(plain.metrics[0]!.variants[0]!.comparison);
      expect(v.control.n).toBe(5000);

      const untied = analyzeExperiment({
        variants: VARIANTS,
        metrics: [ORDER_VALUE],
        rows,
        cupedRows: [],
        options: { cuped: true },
      });
      expect(untied.metrics[0]!.variants[0]!.cuped).toMatchObject({
        applied: false,
        reason: expect.stringContaining("end_user_id"),
      });
    });
  });

  it("is empty with no observations, and explains missing comparisons", () => {
    const a = analyzeExperiment({ variants: VARIANTS, metrics: [CONVERSION], rows: [] });
    expect(a.empty).toBe(true);
    expect(a.srm).toBeNull();
    const v = a.metrics[0]!.variants[0]!;
    expect(v.comparison).toBeNull();
    expect(v.verdict.decision).toBe("keep_running");
    expect(v.verdict.reason).toMatch(/at least 2 observations/);
  });
});

describe("decideVerdict", () => {
  const base: VerdictInput = {
    label: "Conversion",
    role: "primary",
    direction: "increase",
    alpha: 0.05,
    srmMismatch: false,
    unavailableReason: null,
    minSampleSize: 100,
    controlN: 1000,
    treatmentN: 1000,
    relativeEffect: 0.1,
    absoluteEffect: 0.01,
    adjustedPValue: 0.01,
    implausible: false,
    failingGuardrails: [],
  };

  it("ships a significant improvement, stops a significant harm, keeps running otherwise", () => {
    expect(decideVerdict(base)).toMatchObject({ decision: "ship" });
    expect(decideVerdict({ ...base, relativeEffect: -0.1, absoluteEffect: -0.01 })).toMatchObject({
      decision: "stop",
    });
    expect(decideVerdict({ ...base, adjustedPValue: 0.2 }).decision).toBe("keep_running");
    expect(decideVerdict({ ...base, adjustedPValue: 0.05 }).decision).toBe("keep_running");
  });

  it("a decrease is good for lower-is-better metrics", () => {
    const lower = {
      ...base,
      direction: "decrease" as const,
      relativeEffect: -0.1,
      absoluteEffect: -3,
    };
    expect(decideVerdict(lower).decision).toBe("ship");
    expect(decideVerdict({ ...lower, relativeEffect: 0.1, absoluteEffect: 3 }).decision).toBe(
      "stop",
    );
  });

  it("guardrails only block the primary metric", () => {
    const blocked = decideVerdict({ ...base, failingGuardrails: ["Error rate", "Latency"] });
    expect(blocked.decision).toBe("stop");
    expect(blocked.reason).toContain("Error rate, Latency");
    expect(
      decideVerdict({ ...base, role: "llm", failingGuardrails: ["Error rate"] }).decision,
    ).toBe("ship");
  });

  it("puts SRM before everything and sample size before significance", () => {
    expect(decideVerdict({ ...base, srmMismatch: true, controlN: 3 }).decision).toBe("stop");
    const few = decideVerdict({ ...base, controlN: 40 });
    expect(few.decision).toBe("keep_running");
    expect(few.reason).toContain("Only 40 observations");
  });
});

describe("metricStatsRowsSchema", () => {
  it("parses numbers sent as strings and keeps nulls", () => {
    const [row] = metricStatsRowsSchema.parse([
      {
        variant_id: "7f1c6a4e-2f8b-4d4a-9c1e-1b2c3d4e5f60",
        metric: "conversion",
        n: "120",
        sum: "12",
        sum_sq: 12,
        exposures: "130",
      },
    ]);
    expect(row).toEqual({
      variantId: "7f1c6a4e-2f8b-4d4a-9c1e-1b2c3d4e5f60",
      metric: "conversion",
      n: 120,
      sum: 12,
      sumSq: 12,
      exposures: 130,
    });
  });

  it("rejects a malformed row with the field that is wrong", () => {
    const result = metricStatsRowsSchema.safeParse([
      {
        variant_id: "7f1c6a4e-2f8b-4d4a-9c1e-1b2c3d4e5f60",
        metric: "conversion",
        n: "-3",
        sum: 1,
        sum_sq: 1,
      },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([0, "n"]);
  });
});

describe("cupedStatsRowsSchema", () => {
  const row = {
    variant_id: "7f1c6a4e-2f8b-4d4a-9c1e-1b2c3d4e5f60",
    metric: "order_value",
    n_units: "40",
    sum: "2000.5",
    sum_sq: 100_100,
    pre_sum: "1900",
    pre_sum_sq: 90_500,
    sum_pre_post: "95000.25",
    units_with_pre: "35",
  };

  it("parses numbers sent as strings", () => {
    expect(cupedStatsRowsSchema.parse([row])).toEqual([
      {
        variantId: row.variant_id,
        metric: "order_value",
        units: 40,
        sum: 2000.5,
        sumSq: 100_100,
        preSum: 1900,
        preSumSq: 90_500,
        sumPrePost: 95000.25,
        unitsWithPre: 35,
      },
    ]);
  });

  it("rejects more units with a pre-period than units", () => {
    const result = cupedStatsRowsSchema.safeParse([{ ...row, units_with_pre: 41 }]);
    expect(result.error?.issues[0]?.path).toEqual([0, "units_with_pre"]);
  });
});
