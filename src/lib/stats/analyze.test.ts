import { describe, expect, it } from "vitest";
import {
  analyzeExperiment,
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
    preN: null,
    preSum: null,
    preSumSq: null,
    sumPrePost: null,
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

  it("applies CUPED only with the pre-period cross term, and it narrows the interval", () => {
    // Post = pre + noise: the pre-period explains most of the variance.
    const withPre = (row: MetricStatsRow, preMean: number): MetricStatsRow => {
      const preSum = row.n * preMean;
      const preSumSq = 100 * (row.n - 1) + (preSum * preSum) / row.n;
      // cov(pre, post) = 90 per unit
      return {
        ...row,
        preN: row.n,
        preSum,
        preSumSq,
        sumPrePost: 90 * (row.n - 1) + (row.sum * preSum) / row.n,
      };
    };
    const rows = [
      withPre(numeric("control", "order_value", 2000, 50, 10), 50),
      withPre(numeric("b", "order_value", 2000, 50.8, 10), 50),
    ];
    const metric: MetricSpec = {
      key: "order_value",
      label: "Order value",
      kind: "mean",
      direction: "increase",
      role: "primary",
    };
    const plain = analyzeExperiment({ variants: VARIANTS, metrics: [metric], rows });
    const cuped = analyzeExperiment({
      variants: VARIANTS,
      metrics: [metric],
      rows,
      options: { cuped: true },
    });
    expect(plain.cupedAvailable).toBe(true);
    const p = plain.metrics[0]!.variants[0]!;
    const c = cuped.metrics[0]!.variants[0]!;
    expect(p.cupedTheta).toBeNull();
    expect(c.cupedTheta).toBeCloseTo(0.9, 6);
    expect(c.comparison!.absolute.se).toBeLessThan(p.comparison!.absolute.se / 2);

    const noCross = rows.map((r) => ({ ...r, sumPrePost: null }));
    expect(
      analyzeExperiment({ variants: VARIANTS, metrics: [metric], rows: noCross }).cupedAvailable,
    ).toBe(false);
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
        pre_n: null,
        pre_sum: null,
        pre_sum_sq: null,
        exposures: "130",
      },
    ]);
    expect(row).toMatchObject({
      n: 120,
      sum: 12,
      sumSq: 12,
      preN: null,
      sumPrePost: null,
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
