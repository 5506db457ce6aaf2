/**
 * Statistics engine for experiment results, shared by the SPA (as "@shared/stats/index.ts") and
 * the edge functions. Pure functions over sufficient statistics; methods, formulas and sources
 * are in docs/statistics.md.
 */
export {
  type AnalysisOptions,
  analyzeExperiment,
  type ArmSummary,
  type CupedOutcome,
  DEFAULT_ANALYSIS_OPTIONS,
  type ExperimentAnalysis,
  type ExperimentInput,
  type MetricAnalysis,
  type MetricSpec,
  type MetricStatsRow,
  type VariantComparison,
  type VariantSpec,
} from "./analyze.ts";
export {
  compareArms,
  type CompareOptions,
  type Comparison,
  type EffectInterval,
  notComparableReason,
  type TestMethod,
} from "./compare.ts";
export { adjustPValues, benjaminiHochberg, type CorrectionMethod, holm } from "./corrections.ts";
export {
  cupedAdjust,
  type CupedAdjustment,
  type CupedArm,
  cupedArmFromRow,
  cupedMoments,
  type CupedStatsRow,
  cupedTheta,
  type PrePeriodStats,
} from "./cuped.ts";
export {
  type ArmMoments,
  armMoments,
  covariance,
  mean,
  type MetricKind,
  type SufficientStats,
  variance,
} from "./moments.ts";
export {
  cupedStatsRowSchema,
  cupedStatsRowsSchema,
  metricStatsRowSchema,
  metricStatsRowsSchema,
} from "./schema.ts";
export {
  alwaysValidPValue,
  confidenceSequenceHalfWidth,
  DEFAULT_SEQUENTIAL_TUNING,
  mixtureRho,
} from "./sequential.ts";
export { DEFAULT_SRM_THRESHOLD, srmCheck, type SrmResult } from "./srm.ts";
export {
  decideVerdict,
  type Decision,
  type Direction,
  formatChange,
  formatPValue,
  type MetricRole,
  type Verdict,
  type VerdictInput,
} from "./verdict.ts";
