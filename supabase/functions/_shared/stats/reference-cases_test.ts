import assert from "node:assert/strict";
import { matchesReference, REFERENCE_CASES } from "./reference-cases.ts";
import { analyzeExperiment } from "./index.ts";

// The same published cases the vitest suite checks, run in Deno: the engine works unchanged in
// the edge runtime (npm @stdlib through the import map).
for (const c of REFERENCE_CASES) {
  Deno.test(`stats reference: ${c.name}`, () => {
    const actual = c.compute();
    for (const [key, expected] of Object.entries(c.expected)) {
      const value = actual[key];
      assert.ok(
        matchesReference(value, expected),
        `${key}: ${value} ≠ ${expected} (source: ${c.source})`,
      );
    }
  });
}

Deno.test("stats: analyzeExperiment runs end to end in Deno", () => {
  const analysis = analyzeExperiment({
    variants: [
      { id: "c", name: "Control", isControl: true, weight: 5000 },
      { id: "t", name: "New prompt", isControl: false, weight: 5000 },
    ],
    metrics: [{
      key: "conversion",
      label: "Conversion",
      kind: "rate",
      direction: "increase",
      role: "primary",
    }],
    rows: [
      {
        variantId: "c",
        metric: "conversion",
        n: 5000,
        sum: 500,
        sumSq: 500,
        exposures: 5000,
      },
      {
        variantId: "t",
        metric: "conversion",
        n: 5000,
        sum: 600,
        sumSq: 600,
        exposures: 5000,
      },
    ],
  });
  assert.equal(analysis.summary[0]?.verdict.decision, "ship");
  assert.equal(analysis.srm?.mismatch, false);
});
