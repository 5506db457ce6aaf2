import type { OutcomeRow, OutcomeRowResult } from "@shared/outcome-rows.ts";
import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface RecordOutcomesInput {
  organizationId: string;
  source: "csv" | "manual";
  rows: OutcomeRow[];
}

/**
 * Records up to 1,000 outcomes in one round trip; every row gets its own result, in order.
 * Safe to retry: rows carry idempotency keys, so a row already stored comes back `duplicate`.
 */
export async function recordOutcomes({
  organizationId,
  source,
  rows,
}: RecordOutcomesInput): Promise<OutcomeRowResult[]> {
  const response = await supabase.rpc("record_outcomes", {
    p_organization_id: organizationId,
    p_source: source,
    p_rows: rows as never,
  });
  if (response.error) throw toDatabaseError("The outcomes weren't recorded", response);
  const { results } = response.data as unknown as { results: OutcomeRowResult[] };
  if (!Array.isArray(results) || results.length !== rows.length) {
    throw new Error(
      "The outcomes weren't recorded: the server's answer was incomplete. Try again.",
    );
  }
  return results;
}
