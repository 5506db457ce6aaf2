import { useMutation, useQueryClient } from "@tanstack/react-query";
import { outcomeKeys } from "../api/outcome-keys";
import { recordOutcomes, type RecordOutcomesInput } from "../api/record-outcomes";

/** Records one batch; the recent outcomes are refreshed after each. */
export function useRecordOutcomes(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<RecordOutcomesInput, "organizationId">) =>
      recordOutcomes({ organizationId, ...input }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: outcomeKeys.recent(organizationId) }),
  });
}
