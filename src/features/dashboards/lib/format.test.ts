import { describe, expect, it } from "vitest";

import { formatMetricValue, metricChange } from "./format";

describe("formatMetricValue", () => {
  it.each([
    [0.1234, "percent", {}, "12.34%"],
    [0.1234, "percent", { compact: true }, "12.3%"],
    [48.2, "usd", {}, "$48.20"],
    [0.00123, "usd", {}, "$0.00123"],
    [125_000, "usd", { compact: true }, "$125K"],
    [850.4, "ms", {}, "850 ms"],
    [1250, "ms", {}, "1.3 s"],
    [45, "minutes", {}, "45 min"],
    [150, "minutes", {}, "2.5 h"],
    [4.2, "score", {}, "4.20"],
    [1_234_567, "count", {}, "1,234,567"],
    [1_234_567, "tokens", { compact: true }, "1.2M"],
  ] as const)("%s %s %o → %s", (value, unit, options, expected) => {
    expect(formatMetricValue(value, unit, options)).toBe(expected);
  });

  it("shows a dash for a missing value rather than a zero", () => {
    expect(formatMetricValue(null, "percent")).toBe("—");
    expect(formatMetricValue(Number.NaN, "usd")).toBe("—");
  });
});

describe("metricChange", () => {
  it("colours a rise good when higher is better and bad when lower is better", () => {
    expect(metricChange(110, 100, "usd", "increase")).toMatchObject({
      tone: "good",
      label: "+10%",
    });
    expect(metricChange(110, 100, "ms", "decrease")).toMatchObject({ tone: "bad", label: "+10%" });
    expect(metricChange(90, 100, "ms", "decrease")).toMatchObject({ tone: "good", label: "−10%" });
  });

  it("measures rates in percentage points", () => {
    const change = metricChange(0.125, 0.1, "percent", "increase");
    expect(change.label).toBe("+2.5 pp");
    expect(change.absolute).toBeCloseTo(0.025, 12);
    expect(change.tone).toBe("good");
    expect(metricChange(0.05, 0.04, "percent", "decrease").tone).toBe("bad");
  });

  it("calls a change too small to matter neutral", () => {
    expect(metricChange(100.01, 100, "count", "increase").tone).toBe("neutral");
    expect(metricChange(100, 100, "count", "increase")).toMatchObject({
      tone: "neutral",
      label: "0%",
    });
  });

  it("has nothing to compare with when a period is empty", () => {
    expect(metricChange(5, null, "count", "increase")).toMatchObject({
      label: "new",
      relative: null,
    });
    expect(metricChange(null, 5, "count", "increase")).toMatchObject({
      label: "—",
      tone: "neutral",
    });
    expect(metricChange(5, 0, "count", "increase")).toMatchObject({ label: "new", tone: "good" });
  });
});
