/** Plain-language explanations of the statistics on the results page. */
export const HELP = {
  change:
    "How much the variant differs from control, relative to control. The bar shows the 95% range of plausible true changes; the line is “no change”.",
  pValue:
    "How surprising this difference would be if the variant changed nothing. Smaller means stronger evidence.",
  adjusted:
    "The p-value corrected for testing many metrics and variants at once, so that one lucky metric is not mistaken for a win. Verdicts use this one.",
  chance:
    "The probability that the variant is truly better than control on this metric, given the data (Bayesian, with no prior assumption).",
  holm: "Holm: strict. Keeps the chance of any false win across all these tests below 5%.",
  bh: "Benjamini–Hochberg: less strict. Keeps the share of false wins among the wins below 5%.",
  sequential:
    "Lets you check results as often as you like without raising the false-positive rate. Intervals are wider in exchange.",
  cuped:
    "Uses each unit's behaviour before the experiment to remove noise (CUPED), which narrows the intervals without biasing the effect. Metrics are then compared on each unit's average instead of on every observation.",
  srm: "Sample-ratio mismatch: the number of units per variant does not fit the allocation.",
} as const;
