import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  createMetricDefinition,
  updateMetricDefinition,
  type MetricDefinitionChanges,
} from "../api/save-metric-definition";
import { taxonomyKeys } from "../api/taxonomy-keys";
import type { MetricDefinitionValues } from "../lib/taxonomy-schemas";

export type SaveMetricDefinitionInput =
  { id: null; values: MetricDefinitionValues } | { id: string; changes: MetricDefinitionChanges };

/** Creates (id null) or changes a metric definition, then refreshes the list. */
export function useSaveMetricDefinition(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SaveMetricDefinitionInput) => {
      if (input.id === null) return createMetricDefinition(organizationId, input.values);
      await updateMetricDefinition(input.id, input.changes);
      return input.id;
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: taxonomyKeys.metrics(organizationId) }),
  });
}
