import { useMutation } from "@tanstack/react-query";
import { reviewExperiment, type ReviewInput } from "../api/review-experiment";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useReviewExperiment(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: (input: ReviewInput) => reviewExperiment(input),
    onSettled: invalidate,
  });
}
