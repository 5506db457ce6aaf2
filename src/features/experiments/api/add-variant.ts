import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface AddVariantInput {
  organizationId: string;
  experimentId: string;
  key: string;
  name: string;
  versionId: string;
  allocationBp: number;
  /** After the experiment's last variant: assignment walks variants in (position, key) order. */
  position: number;
}

/**
 * Adds a variant to a draft. Its allocation may leave the total off 100%: the database only
 * requires 100% on submission, and the allocation editor rebalances.
 */
export async function addVariant(input: AddVariantInput): Promise<{ id: string }> {
  const response = await supabase
    .from("experiment_variants")
    .insert({
      organization_id: input.organizationId,
      experiment_id: input.experimentId,
      key: input.key,
      name: input.name,
      version_id: input.versionId,
      allocation_bp: input.allocationBp,
      is_control: false,
      position: input.position,
    })
    .select("id")
    .single();
  if (response.error) {
    throw toDatabaseError("The variant wasn't added", response, {
      "23505": `The variant wasn't added: this experiment already has a variant with the key “${input.key}”.`,
    });
  }
  return { id: response.data.id };
}
