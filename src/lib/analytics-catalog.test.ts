import { describe, expect, it } from "vitest";
import { granularityFor, METRICS, metric } from "@shared/analytics/catalog.ts";

// The SPA reads the catalog through the @shared alias: this keeps that import path working.
describe("analytics catalog through @shared", () => {
  it("exposes the metrics and the automatic granularity", () => {
    expect(METRICS.length).toBeGreaterThan(10);
    expect(metric("conversion").unit).toBe("percent");
    const to = new Date("2026-11-21T00:00:00Z");
    expect(granularityFor(new Date("2025-11-21T00:00:00Z"), to)).toBe("week");
    expect(granularityFor(new Date("2026-11-20T00:00:00Z"), to)).toBe("hour");
  });
});
