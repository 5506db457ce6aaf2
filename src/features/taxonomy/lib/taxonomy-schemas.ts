import { z } from "zod";

// The same rules as the table checks in 20261121001000_experiments.sql, so the form catches what
// the database would refuse; the database stays the final judge (unique keys, roles).
export const TAXONOMY_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const METRIC_KEY_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

const name = z
  .string()
  .trim()
  .min(1, "Give it a name people will recognise.")
  .max(80, "Keep the name to 80 characters or fewer.");
const description = z.string().trim().max(2000, "Keep the description to 2,000 characters.");

export const taxonomyEntrySchema = z.object({
  key: z
    .string()
    .trim()
    .regex(
      TAXONOMY_KEY_PATTERN,
      "Start with a letter; then letters, digits, '_', '.' or '-' (up to 64), e.g. BookAppointment.",
    ),
  name,
  description,
});
export type TaxonomyEntryFormValues = z.input<typeof taxonomyEntrySchema>;
export type TaxonomyEntryValues = z.output<typeof taxonomyEntrySchema>;

export const METRIC_AGGREGATIONS = ["rate", "mean", "sum", "percentile"] as const;
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];
export const METRIC_DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const AGGREGATION_LABELS: Record<MetricAggregation, string> = {
  rate: "Rate (share of conversations)",
  mean: "Mean (average value)",
  sum: "Sum (total)",
  percentile: "Percentile (e.g. p95)",
};
export const DIRECTION_LABELS: Record<MetricDirection, string> = {
  higher_is_better: "Higher is better",
  lower_is_better: "Lower is better",
};

export const metricDefinitionSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(
        METRIC_KEY_PATTERN,
        "Lowercase letters, digits and '_', starting with a letter (2 to 63), e.g. conversion_rate.",
      ),
    name,
    description,
    unit: z.string().trim().max(24, "Keep the unit to 24 characters, e.g. %, USD, ms."),
    aggregation: z.enum(METRIC_AGGREGATIONS, { message: "Choose how runs are aggregated." }),
    percentile: z.string().trim(),
    direction: z.enum(METRIC_DIRECTIONS, { message: "Choose whether higher or lower is better." }),
  })
  .transform((values, context) => {
    if (values.aggregation !== "percentile") return { ...values, percentile: null };
    const percentile = Number(values.percentile);
    if (
      values.percentile === "" ||
      !Number.isFinite(percentile) ||
      percentile <= 0 ||
      percentile >= 100
    ) {
      context.addIssue({
        code: "custom",
        path: ["percentile"],
        message: "Enter a percentile between 0 and 100 (exclusive), e.g. 95 for p95.",
      });
      return z.NEVER;
    }
    return { ...values, percentile };
  });
export type MetricDefinitionFormValues = z.input<typeof metricDefinitionSchema>;
export type MetricDefinitionValues = z.output<typeof metricDefinitionSchema>;
