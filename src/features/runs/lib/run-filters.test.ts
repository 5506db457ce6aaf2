import { activeFilterCount, nextSort, toQueryFilters, type RunFilterValues } from "./run-filters";

const none: RunFilterValues = {
  model: undefined,
  status: undefined,
  intent: undefined,
  capability: undefined,
  action: undefined,
  account: undefined,
  mode: undefined,
  experiment: undefined,
  variant: undefined,
  version: undefined,
  sort: undefined,
};

describe("toQueryFilters", () => {
  it("sends only the filters that are set, and manual/automated as the is_manual flag", () => {
    expect(toQueryFilters(none)).toEqual({});
    expect(
      toQueryFilters({ ...none, model: "gpt-4o", mode: "automated", sort: "cost_desc" }),
    ).toEqual({ model: "gpt-4o", manual: false });
    expect(toQueryFilters({ ...none, mode: "manual" })).toEqual({ manual: true });
  });

  it("counts the active filters, not the sort", () => {
    expect(activeFilterCount({ ...none, sort: "oldest" })).toBe(0);
    expect(activeFilterCount({ ...none, intent: "Returns", account: "acme" })).toBe(2);
  });
});

describe("nextSort", () => {
  it.each([
    ["newest", "time", "oldest"],
    ["oldest", "time", "newest"],
    ["newest", "latency", "latency_desc"],
    ["latency_desc", "latency", "latency_asc"],
    ["latency_asc", "cost", "cost_desc"],
    ["cost_desc", "cost", "cost_asc"],
    ["cost_asc", "time", "newest"],
  ] as const)("from %s, clicking %s sorts by %s", (current, column, expected) => {
    expect(nextSort(current, column)).toBe(expected);
  });
});
