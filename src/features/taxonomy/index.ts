export { TaxonomyPage } from "./components/taxonomy-page";
export { useTaxonomyEntries } from "./hooks/use-taxonomy-entries";
export { useMetricDefinitions } from "./hooks/use-metric-definitions";
export { useSaveTaxonomyEntry } from "./hooks/use-save-taxonomy-entry";
export { useSaveMetricDefinition } from "./hooks/use-save-metric-definition";
export type { TaxonomyEntry } from "./api/fetch-taxonomy-entries";
export type { MetricDefinition } from "./api/fetch-metric-definitions";
export { TAXONOMY_KIND_LABELS, type TaxonomyKind } from "./lib/taxonomy-kinds";
export {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  METRIC_KEY_PATTERN,
  TAXONOMY_KEY_PATTERN,
  metricDefinitionSchema,
  taxonomyEntrySchema,
} from "./lib/taxonomy-schemas";
export { createTaxonomyEntry } from "./api/save-taxonomy-entry";
export { createMetricDefinition } from "./api/save-metric-definition";
