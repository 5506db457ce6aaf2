import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSql } from "./support/db";
import {
  activeExperiment,
  createTestOrg,
  type ServingSetup,
  type TestOrg,
} from "./support/experiments";

/**
 * Sticky assignment is implemented once, in SQL (private.assignment_bucket and
 * private.assign_variant, used by resolve_prompt). These tests call it directly.
 */

/** The documented algorithm, independently: first 8 hex digits of md5(salt:unit) mod 10000. */
function expectedBucket(salt: string, unit: string): number {
  const hex = createHash("md5").update(`${salt}:${unit}`).digest("hex").slice(0, 8);
  return parseInt(hex, 16) % 10_000;
}

/** P(X² ≥ x) for a chi-square variable with `df` degrees of freedom (regularized upper gamma). */
export function chiSquarePValue(x: number, df: number): number {
  const a = df / 2;
  const z = x / 2;
  if (z <= 0) return 1;
  const lnGammaA = lnGamma(a);
  if (z < a + 1) {
    // Series for the lower incomplete gamma P(a, z); Q = 1 - P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-z + a * Math.log(z) - lnGammaA);
  }
  // Continued fraction (modified Lentz) for Q(a, z).
  let b = z + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-z + a * Math.log(z) - lnGammaA) * h;
}

function lnGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.61083007999963, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let sum = c[0]!;
  for (let i = 1; i < g + 2; i++) sum += c[i]! / (x + i);
  const t = x + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
}

describe("chi-square p-values (the yardstick itself)", () => {
  it.each([
    [3.841, 1, 0.05],
    [10.828, 1, 0.001],
    [13.816, 2, 0.001],
    [16.266, 3, 0.001],
    [21.666, 9, 0.01],
    [0.5, 4, 0.9735],
  ])("P(X² ≥ %f; df %i) ≈ %f", (x, df, p) => {
    expect(chiSquarePValue(x, df)).toBeCloseTo(p, 3);
  });
});

describe("assignment_bucket", () => {
  it("is the first 8 hex digits of md5(salt:unit) mod 10000, the same on every call", async () => {
    const units = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const rows = await adminSql<{ unit: string; bucket: number; again: number }[]>`
      select unit, private.assignment_bucket('salt-1', unit) as bucket,
             private.assignment_bucket('salt-1', unit) as again
      from unnest(${units}::text[]) unit`;
    for (const row of rows) {
      expect(row.bucket).toBe(expectedBucket("salt-1", row.unit));
      expect(row.again).toBe(row.bucket);
    }
    // Known values, so a change of algorithm cannot slip through by changing both sides.
    const [known] = await adminSql<{ a: number; b: number }[]>`
      select private.assignment_bucket('s', 'u') as a, private.assignment_bucket('exp-salt', 'customer-42') as b`;
    expect(known).toEqual({
      a: expectedBucket("s", "u"),
      b: expectedBucket("exp-salt", "customer-42"),
    });
    expect(known!.a).toBe(357);
  });

  it("spreads 100,000 units uniformly over ten bucket ranges (chi-square, p > 0.001)", async () => {
    const rows = await adminSql<{ decile: number; units: number }[]>`
      select private.assignment_bucket('uniformity', 'unit-' || g) / 1000 as decile, count(*)::int as units
      from generate_series(1, 100000) g group by 1 order by 1`;
    expect(rows.map((r) => r.decile)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const statistic = chiSquare(
      rows.map((r) => r.units),
      rows.map(() => 10_000),
    );
    expect(chiSquarePValue(statistic, 9)).toBeGreaterThan(0.001);
  });
});

describe("assign_variant", () => {
  let org: TestOrg;
  let even: ServingSetup;
  let skewed: ServingSetup;

  beforeAll(async () => {
    org = await createTestOrg("assignment");
    even = await activeExperiment(org, { capabilityKey: "Even", salt: "even-salt" });
    skewed = await activeExperiment(org, {
      capabilityKey: "Skewed",
      allocations: [2000, 8000],
      salt: "skewed-salt",
    });
  }, 60_000);

  afterAll(async () => {
    await org.delete();
    await adminSql.end();
  });

  it("maps buckets to variants by cumulative allocation, in position order", async () => {
    // Skewed: control owns buckets 0–1999, treatment 2000–9999.
    const units = Array.from({ length: 2000 }, (_, i) => `u${i}`);
    const rows = await adminSql<{ unit: string; variant: string }[]>`
      select unit, private.assign_variant(${skewed.experiment}, unit) as variant
      from unnest(${units}::text[]) unit`;
    for (const row of rows) {
      const bucket = expectedBucket("skewed-salt", row.unit);
      expect(row.variant).toBe(bucket < 2000 ? skewed.variants.control : skewed.variants.treatment);
    }
  });

  it("is sticky: the same unit always gets the same variant", async () => {
    const rows = await adminSql<{ distinct_variants: number }[]>`
      select count(distinct private.assign_variant(${even.experiment}, 'unit-' || (g % 50)))::int as distinct_variants
      from generate_series(1, 5000) g group by g % 50`;
    expect(rows).toHaveLength(50);
    for (const row of rows) expect(row.distinct_variants).toBe(1);
  });

  it("re-randomizes with another salt", async () => {
    const [row] = await adminSql<{ same: number }[]>`
      select count(*) filter (where private.assign_variant(${even.experiment}, 'unit-' || g)
                                  = (select case when private.assignment_bucket('other-salt', 'unit-' || g) < 5000
                                                 then ${even.variants.control}::uuid
                                                 else ${even.variants.treatment}::uuid end))::int as same
      from generate_series(1, 10000) g`;
    // Independent assignments agree about half the time, not always.
    expect(row!.same).toBeGreaterThan(4500);
    expect(row!.same).toBeLessThan(5500);
  });

  it.each([
    ["a 50/50 split", () => even, [0.5, 0.5]],
    ["a 20/80 split", () => skewed, [0.2, 0.8]],
  ] as const)(
    "matches %s over 100,000 units (chi-square, df = variants − 1, p > 0.001)",
    async (_name, setup, shares) => {
      const experiment = setup();
      const rows = await adminSql<{ variant: string; units: number }[]>`
        select private.assign_variant(${experiment.experiment}, 'visitor-' || g) as variant, count(*)::int as units
        from generate_series(1, 100000) g group by 1`;
      const observed = [experiment.variants.control, experiment.variants.treatment].map(
        (variant) => rows.find((r) => r.variant === variant)?.units ?? 0,
      );
      expect(observed[0]! + observed[1]!).toBe(100_000);
      const statistic = chiSquare(
        observed,
        shares.map((share) => share * 100_000),
      );
      expect(chiSquarePValue(statistic, shares.length - 1)).toBeGreaterThan(0.001);
    },
    // 100,000 assignments take a few seconds alone, much longer on a busy 2-core machine.
    120_000,
  );

  it("detects a skew the test is meant to catch (the check has power)", () => {
    // 50.6/49.4 over 100,000 units is a real sample-ratio mismatch.
    const statistic = chiSquare([50_600, 49_400], [50_000, 50_000]);
    expect(chiSquarePValue(statistic, 1)).toBeLessThan(0.001);
  });
});
