import { labelFor, type DimensionLabels } from "../api/fetch-dimension-labels";
import { CATEGORY_LABELS, type MetricCategory } from "./catalog";
import {
  FILTER_DIMENSIONS,
  FILTER_LABELS,
  FILTER_PARAMS,
  type DimensionFilters,
} from "./dashboard-params";

/** The filters in effect, named for people ("Experiment" = "Checkout copy test"), for exports. */
export function describeFilters(
  filters: DimensionFilters,
  labels: DimensionLabels | undefined,
  category?: MetricCategory,
): { label: string; value: string }[] {
  const described = FILTER_PARAMS.flatMap((param) => {
    const values = filters[param];
    if (!values || values.length === 0) return [];
    const dimension = FILTER_DIMENSIONS[param];
    return [
      {
        label: FILTER_LABELS[param],
        value: values.map((value) => labelFor(labels, dimension, value)).join(", "),
      },
    ];
  });
  if (category) described.unshift({ label: "Metric type", value: CATEGORY_LABELS[category] });
  return described;
}
