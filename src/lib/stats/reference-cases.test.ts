import { describe, expect, it } from "vitest";
import { matchesReference, REFERENCE_CASES } from "@shared/stats/reference-cases.ts";

// Every case carries its published source (GrowthBook gbstats tests, R, scipy, MultipleTesting.jl):
// see supabase/functions/_shared/stats/reference-cases.ts.
describe("statistics engine against published reference values (4 decimals)", () => {
  it.each(REFERENCE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const actual = c.compute();
    for (const [key, expected] of Object.entries(c.expected)) {
      expect(
        matchesReference(actual[key], expected),
        `${key}: got ${actual[key]}, published ${expected} (${c.source})`,
      ).toBe(true);
    }
  });

  it("a wrong value fails the comparison", () => {
    expect(matchesReference(0.0621, 0.06191)).toBe(false);
    expect(matchesReference(0, 0.000020079)).toBe(false);
    expect(matchesReference(undefined, 1)).toBe(false);
    expect(matchesReference(0.061914, 0.06191)).toBe(true);
  });
});
