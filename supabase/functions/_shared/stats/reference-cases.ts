/**
 * Published reference values from established engines and statistics packages, each with its
 * source. The vitest suite (src/lib/stats/reference-cases.test.ts) and the Deno test
 * (reference-cases_test.ts) both assert every number here to 4 decimals, so the engine is proven
 * identical in the browser and in the edge runtime.
 *
 * GrowthBook's cases come from growthbook/growthbook, packages/stats/tests/ (gbstats, the Python
 * engine behind GrowthBook's results), which asserts them to 5 decimals.
 */
import { compareArms } from "./compare.ts";
import { benjaminiHochberg, holm } from "./corrections.ts";
import { type CupedArm, cupedMoments, cupedTheta } from "./cuped.ts";
import { armMoments, type SufficientStats } from "./moments.ts";
import { srmCheck } from "./srm.ts";

export interface ReferenceCase {
  name: string;
  source: string;
  /** Expected value per key, as published. */
  expected: Record<string, number>;
  compute: () => Record<string, number>;
}

const meanStats = (n: number, sum: number, sumSq: number): SufficientStats => ({ n, sum, sumSq });
const rateStats = (n: number, conversions: number): SufficientStats => ({
  n,
  sum: conversions,
  sumSq: conversions,
});
const fromValues = (values: number[]): SufficientStats => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSq: values.reduce((a, b) => a + b * b, 0),
});

const GB_FREQUENTIST = "growthbook/growthbook packages/stats/tests/frequentist/test_tests.py";
const GB_BAYESIAN = "growthbook/growthbook packages/stats/tests/bayesian/test_tests.py";

// gbstats' shared fixture: control n=3407 (or 3000 in the sequential cases), treatment n=3461.
const GB_A = meanStats(3407, 1396.87, 52377.9767);
const GB_B = meanStats(3461, 2422.7, 134698.29);
const GB_A_SEQ = meanStats(3000, 1396.87, 52377.9767);

function gbCuped(theta: number | null, sumPrePostA: number, sumPrePostB: number) {
  const a: CupedArm = {
    post: GB_A_SEQ,
    pre: { sum: 16.87, sumSq: 527.9767, sumPrePost: sumPrePostA },
  };
  const b: CupedArm = { post: GB_B, pre: { sum: 22.7, sumSq: 1348.29, sumPrePost: sumPrePostB } };
  const t = theta ?? cupedTheta(a, b, "mean");
  return compareArms(cupedMoments(a, t, "mean"), cupedMoments(b, t, "mean"), {
    kind: "mean",
    sequential: {},
  })!;
}

// R's built-in `sleep` data (Cushny & Peebles): extra hours of sleep for two drugs.
const SLEEP_GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

export const REFERENCE_CASES: ReferenceCase[] = [
  {
    name: "Welch t, relative lift by the delta method (gbstats test_two_sided_ttest)",
    source: GB_FREQUENTIST,
    expected: { estimate: 0.70732, lower: -0.03526, upper: 1.44989, se: 0.37879, pValue: 0.06191 },
    compute: () => {
      const r = compareArms(armMoments(GB_A, "mean"), armMoments(GB_B, "mean"), { kind: "mean" })!
        .relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name: "Welch t, absolute difference (gbstats test_two_sided_ttest_absolute)",
    source: GB_FREQUENTIST,
    expected: { estimate: 0.29, lower: 0.04538, upper: 0.53462, se: 0.12478, pValue: 0.02016 },
    compute: () => {
      const r = compareArms(armMoments(GB_A, "mean"), armMoments(GB_B, "mean"), { kind: "mean" })!
        .absolute;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name: "Proportions 14/28 vs 16/30 through Welch t (gbstats test_two_sided_ttest_binom)",
    source: GB_FREQUENTIST,
    expected: { estimate: 0.06667, lower: -0.47767, upper: 0.61101, se: 0.2717, pValue: 0.80707 },
    compute: () => {
      const r = compareArms(
        armMoments(rateStats(28, 14), "rate"),
        armMoments(rateStats(30, 16), "rate"),
        {
          kind: "rate",
          test: "welch-t",
        },
      )!.relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name: "Sequential confidence sequence, means, N* = 1000 (gbstats test_sequential_test_runs)",
    source: GB_FREQUENTIST,
    expected: { estimate: 0.50336, lower: -0.55844, upper: 1.56516, se: 0.33341, pValue: 1 },
    compute: () => {
      const r = compareArms(armMoments(GB_A_SEQ, "mean"), armMoments(GB_B, "mean"), {
        kind: "mean",
        sequential: { tuning: 1000 },
      })!.relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name:
      "Sequential confidence sequence, proportions, default N* (gbstats test_sequential_test_runs_prop)",
    source: GB_FREQUENTIST,
    expected: { estimate: 0.50386, lower: 0.40098, upper: 0.60675, se: 0.03386, pValue: 0 },
    compute: () => {
      const r = compareArms(
        armMoments(rateStats(3000, 1396), "rate"),
        armMoments(rateStats(3461, 2422), "rate"),
        { kind: "rate", sequential: {} },
      )!.relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name:
      "CUPED with θ estimated from both arms, sequential (gbstats test_sequential_test_runs_ra, θ=None)",
    source: `${GB_FREQUENTIST} (version with RegressionAdjustedStatistic theta=None)`,
    expected: { estimate: 0.50338, lower: -0.50969, upper: 1.51646, se: 0.33341, pValue: 1 },
    compute: () => {
      const r = gbCuped(null, 1, 1).relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se, pValue: r.pValue };
    },
  },
  {
    name:
      "CUPED with θ = 0.5 and real cross terms, sequential (gbstats test_sequential_test_runs_ra)",
    source:
      `${GB_FREQUENTIST} (earlier version with theta=0.5, post_pre_sum_of_products 12525 / 3333)`,
    expected: { estimate: 0.50236, lower: -0.43745, upper: 1.44217, se: 0.3093 },
    compute: () => {
      const r = gbCuped(0.5, 12525, 3333).relative!;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper, se: r.se };
    },
  },
  {
    name: "Chance to beat control, proportions 49/100 vs 51/100, flat prior (gbstats TestBinom)",
    source: GB_BAYESIAN,
    expected: { estimate: 0.04082, lower: -0.24779, upper: 0.32943, se: 0.14725, chance: 0.60918 },
    compute: () => {
      const c = compareArms(
        armMoments(rateStats(100, 49), "rate"),
        armMoments(rateStats(100, 51), "rate"),
        {
          kind: "rate",
        },
      )!;
      const r = c.relative!;
      return {
        estimate: r.estimate,
        lower: r.lower,
        upper: r.upper,
        se: r.se,
        chance: c.chanceHigher,
      };
    },
  },
  {
    name: "Chance to beat control, means, flat prior (gbstats TestNorm)",
    source: GB_BAYESIAN,
    expected: { estimate: 0.05, se: 0.03572, chance: 0.91923 },
    compute: () => {
      const c = compareArms(
        armMoments(meanStats(10, 100, 1002.25), "mean"),
        armMoments(meanStats(10, 105, 1111.5), "mean"),
        { kind: "mean" },
      )!;
      return { estimate: c.relative!.estimate, se: c.relative!.se, chance: c.chanceHigher };
    },
  },
  {
    name: "Welch two-sample t-test on R's sleep data: t.test(extra ~ group, data = sleep)",
    source: "R documentation, t.test examples (https://rdrr.io/r/stats/t.test.html); printed: " +
      "t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832",
    expected: { estimate: -1.58, lower: -3.3654832, upper: 0.2054832, pValue: 0.07939, t: -1.8608 },
    compute: () => {
      // R reports group 1 − group 2: group 2 plays control.
      const c = compareArms(
        armMoments(fromValues(SLEEP_GROUP_2), "mean"),
        armMoments(fromValues(SLEEP_GROUP_1), "mean"),
        { kind: "mean" },
      )!;
      const a = c.absolute;
      return {
        estimate: a.estimate,
        lower: a.lower,
        upper: a.upper,
        pValue: a.pValue,
        t: a.estimate / a.se,
      };
    },
  },
  {
    name: "Welch–Satterthwaite degrees of freedom on R's sleep data (printed to 3 decimals)",
    source: "R documentation, t.test examples (https://rdrr.io/r/stats/t.test.html): df = 17.776",
    expected: { dfRoundedTo3: 17.776 },
    compute: () => {
      const c = compareArms(
        armMoments(fromValues(SLEEP_GROUP_2), "mean"),
        armMoments(fromValues(SLEEP_GROUP_1), "mean"),
        { kind: "mean" },
      )!;
      return { dfRoundedTo3: Math.round(c.df! * 1000) / 1000 };
    },
  },
  {
    name: "Two-proportion z, 94/214 vs 39/128: R prop.test(correct = FALSE)",
    source: "https://influentialpoints.com/notes/n9rmf3.htm (R output: X-squared = 6.1026, " +
      "p-value = 0.01350, 95% CI 0.03074072 0.23838896, props 0.4392523 0.3046875)",
    expected: {
      estimate: 0.4392523 - 0.3046875,
      lower: 0.03074072,
      upper: 0.23838896,
      pValue: 0.0135,
      chiSquare: 6.1026,
    },
    compute: () => {
      const control = armMoments(rateStats(128, 39), "rate");
      const treatment = armMoments(rateStats(214, 94), "rate");
      const a = compareArms(control, treatment, { kind: "rate" })!.absolute;
      const pooled = (39 + 94) / (128 + 214);
      const z = a.estimate / Math.sqrt(pooled * (1 - pooled) * (1 / 128 + 1 / 214));
      return {
        estimate: a.estimate,
        lower: a.lower,
        upper: a.upper,
        pValue: a.pValue,
        chiSquare: z * z,
      };
    },
  },
  {
    name: "SRM: 1000 vs 1200 exposures on a 50/50 split (gbstats test_srm)",
    source:
      "growthbook/growthbook packages/stats/tests/test_gbstats.py: check_srm([1000, 1200], [0.5, 0.5]) == 0.000020079",
    expected: { pValue: 0.000020079 },
    compute: () => ({ pValue: srmCheck([1000, 1200], [0.5, 0.5])!.pValue }),
  },
  {
    name: "SRM as chi-square goodness of fit, equal weights (scipy.stats.chisquare docstring)",
    source:
      "scipy scipy/stats/_stats_py.py chisquare docstring: chisquare([16, 18, 16, 14, 12, 12]) → (2.0, 0.84914503608460956)",
    expected: { chiSquare: 2, pValue: 0.84914503608460956 },
    compute: () => {
      const r = srmCheck([16, 18, 16, 14, 12, 12], [1, 1, 1, 1, 1, 1])!;
      return { chiSquare: r.chiSquare, pValue: r.pValue };
    },
  },
  {
    name: "SRM as chi-square goodness of fit, unequal weights (scipy.stats.chisquare docstring)",
    source:
      "scipy scipy/stats/_stats_py.py chisquare docstring: f_exp=[16, 16, 16, 16, 16, 8] → (3.5, 0.62338762774958223)",
    expected: { chiSquare: 3.5, pValue: 0.62338762774958223 },
    compute: () => {
      const r = srmCheck([16, 18, 16, 14, 12, 12], [2, 2, 2, 2, 2, 1])!;
      return { chiSquare: r.chiSquare, pValue: r.pValue };
    },
  },
  {
    name: "Holm adjustment of [0.001, 0.01, 0.03, 0.5] (MultipleTesting.jl)",
    source:
      "juliangehring/MultipleTesting.jl src/pval-adjustment.jl, Holm docstring: [0.004, 0.03, 0.06, 0.5]",
    expected: { p1: 0.004, p2: 0.03, p3: 0.06, p4: 0.5 },
    compute: () => {
      const [p1, p2, p3, p4] = holm([0.001, 0.01, 0.03, 0.5]);
      return { p1: p1!, p2: p2!, p3: p3!, p4: p4! };
    },
  },
  {
    name: "Benjamini–Hochberg adjustment of [0.001, 0.01, 0.03, 0.5] (MultipleTesting.jl)",
    source:
      "juliangehring/MultipleTesting.jl src/pval-adjustment.jl, BenjaminiHochberg docstring: [0.004, 0.02, 0.04, 0.5]",
    expected: { p1: 0.004, p2: 0.02, p3: 0.04, p4: 0.5 },
    compute: () => {
      // Shuffled on purpose: adjusted values must come back in the input order.
      const [p3, p1, p4, p2] = benjaminiHochberg([0.03, 0.001, 0.5, 0.01]);
      return { p1: p1!, p2: p2!, p3: p3!, p4: p4! };
    },
  },
];

/**
 * Equal to 4 decimals: |actual − expected| below half a unit in the 4th decimal. Values published
 * below 0.01 (tiny p-values) must also agree to 0.1% relative, or 4 decimals would accept 0.
 */
export function matchesReference(actual: number | undefined, expected: number): boolean {
  if (actual === undefined || !(Math.abs(actual - expected) < 5e-5)) return false;
  const tiny = expected !== 0 && Math.abs(expected) < 0.01;
  return !tiny || Math.abs(actual - expected) <= 1e-3 * Math.abs(expected);
}
