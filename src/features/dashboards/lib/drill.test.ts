import { describe, expect, it } from "vitest";

import { drillLevel, overviewSearch, runsSearch, searchAtLevel, searchWithStep } from "./drill";

const params = (query: string) => new URLSearchParams(query);

describe("drill-down state in the URL", () => {
  it("goes experiment → variant → intent → runs as the URL chooses each", () => {
    expect(drillLevel(params("metric=conversion"))).toBe(0);
    expect(drillLevel(params("metric=conversion&experiment=e1"))).toBe(1);
    expect(drillLevel(params("experiment=e1&variant=v1"))).toBe(2);
    expect(drillLevel(params("experiment=e1&variant=v1&intent=refund"))).toBe(3);
  });

  it("steps down keeping the range and filters, and replaces deeper choices", () => {
    const start = params("metric=conversion&range=1M&model=gpt-4o&experiment=e1&variant=v1");
    expect(searchWithStep(start, 1, "v2").toString()).toBe(
      "metric=conversion&range=1M&model=gpt-4o&experiment=e1&variant=v2",
    );
    expect(searchAtLevel(start, 1).toString()).toBe(
      "metric=conversion&range=1M&model=gpt-4o&experiment=e1",
    );
  });

  it("hands the Runs explorer only what it reads, and the run to open", () => {
    const search = params(
      "metric=conversion&range=custom&from=2026-11-01&to=2026-11-10&experiment=e1&variant=v1&intent=refund&sort=n:desc&q=re",
    );
    expect(Object.fromEntries(runsSearch(search, "run-1"))).toEqual({
      range: "custom",
      from: "2026-11-01",
      to: "2026-11-10",
      experiment: "e1",
      variant: "v1",
      intent: "refund",
      run: "run-1",
    });
  });

  it("leaves the drilled path behind on the way back to the Overview", () => {
    expect(
      overviewSearch(params("metric=csat&range=3M&model=a&experiment=e1&intent=x")).toString(),
    ).toBe("range=3M&model=a");
  });
});
