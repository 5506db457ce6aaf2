import { cupedStatsRowsSchema, type CupedStatsRow } from "@shared/stats/index.ts";
import { RequestError, toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

const FAILURE = "Couldn't load the pre-experiment data CUPED needs";

/** Unit-level sums with each unit's pre-period value, per variant and metric (for CUPED). */
export async function fetchCupedStats(experimentId: string): Promise<CupedStatsRow[]> {
  const response = await supabase.rpc("experiment_cuped_stats", {
    p_experiment_id: experimentId,
  });
  if (response.error) throw toRequestError(FAILURE, response);
  const parsed = cupedStatsRowsSchema.safeParse(response.data ?? []);
  if (!parsed.success) {
    throw new RequestError(
      `${FAILURE}: the server sent statistics in an unexpected shape (${parsed.error.issues[0]?.message}).`,
      { retryable: false, cause: parsed.error },
    );
  }
  return parsed.data;
}
