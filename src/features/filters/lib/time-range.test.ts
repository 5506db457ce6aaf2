import { readUrlFilters } from "./url-filters";
import { formatDayRange, resolveTimeRange, timeRangeParams } from "./time-range";

// A fixed "now" in local time, so the tests mean the same in every time zone.
const NOW = new Date(2026, 10, 21, 9, 30); // Nov 21, 2026, 09:30

function resolve(search: string) {
  const { values, issues } = readUrlFilters(new URLSearchParams(search), timeRangeParams);
  return resolveTimeRange(values, issues, NOW);
}

describe("resolveTimeRange", () => {
  it("defaults to the last 7 days up to now when the URL has no range", () => {
    expect(resolve("")).toEqual({
      preset: "7D",
      from: new Date(2026, 10, 14, 9, 30),
      to: NOW,
      label: "Last 7 days",
      warning: null,
    });
  });

  it.each([
    ["1D", new Date(2026, 10, 20, 9, 30), "Last 24 hours"],
    ["7D", new Date(2026, 10, 14, 9, 30), "Last 7 days"],
    ["1M", new Date(2026, 9, 21, 9, 30), "Last month"],
    ["3M", new Date(2026, 7, 21, 9, 30), "Last 3 months"],
    ["6M", new Date(2026, 4, 21, 9, 30), "Last 6 months"],
    ["1Y", new Date(2025, 10, 21, 9, 30), "Last year"],
  ])("resolves %s to the period ending now", (range, from, label) => {
    expect(resolve(`range=${range}`)).toEqual({
      preset: range,
      from,
      to: NOW,
      label,
      warning: null,
    });
  });

  it("ignores stray from/to parameters on a preset", () => {
    expect(resolve("range=1M&from=2026-01-01&to=2026-01-05")).toMatchObject({
      preset: "1M",
      warning: null,
    });
  });

  it("resolves a custom range to whole local days", () => {
    expect(resolve("range=custom&from=2026-11-01&to=2026-11-15")).toEqual({
      preset: "custom",
      from: new Date(2026, 10, 1, 0, 0, 0, 0),
      to: new Date(2026, 10, 15, 23, 59, 59, 999),
      label: "Nov 1 – Nov 15, 2026",
      warning: null,
    });
  });

  it("accepts a custom range that ends today", () => {
    expect(resolve("range=custom&from=2026-11-21&to=2026-11-21")).toMatchObject({
      preset: "custom",
      label: "Nov 21, 2026",
    });
  });

  it.each([
    ["an unknown range", "range=2W", "“2W” isn't one Causeway knows"],
    ["a custom range without dates", "range=custom", "needs a valid start and end date"],
    [
      "a custom range with a malformed date",
      "range=custom&from=2026-11-1&to=2026-11-15",
      "needs a valid start and end date",
    ],
    [
      "a custom range with an impossible date",
      "range=custom&from=2026-02-30&to=2026-03-02",
      "needs a valid start and end date",
    ],
    [
      "a custom range that starts after it ends",
      "range=custom&from=2026-11-15&to=2026-11-01",
      "starts after it ends",
    ],
    [
      "a custom range that ends after today",
      "range=custom&from=2026-11-20&to=2026-11-22",
      "ends after today",
    ],
  ])("falls back to the last 7 days, with a warning, for %s", (_case, search, warning) => {
    const range = resolve(search);
    expect(range).toMatchObject({ preset: "7D", from: new Date(2026, 10, 14, 9, 30), to: NOW });
    expect(range.warning).toContain(warning);
    expect(range.warning).toContain("so the last 7 days are shown");
  });
});

describe("formatDayRange", () => {
  it("names the year once when both days share it", () => {
    expect(formatDayRange(new Date(2026, 0, 3), new Date(2026, 1, 9))).toBe("Jan 3 – Feb 9, 2026");
  });

  it("names both years across a new year", () => {
    expect(formatDayRange(new Date(2025, 11, 20), new Date(2026, 0, 3))).toBe(
      "Dec 20, 2025 – Jan 3, 2026",
    );
  });
});
