import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { HubspotMappingInput } from "../lib/mapping-form";

export interface HubspotMapping {
  id: string;
  object: "deals" | "contacts";
  transform: "one" | "property_number";
  property: string;
  equals: string | null;
  onlyWhenStage: string | null;
  metricKey: string;
  accountProperty: string | null;
  endUserProperty: string | null;
}

export async function fetchHubspotMappings(organizationId: string): Promise<HubspotMapping[]> {
  const response = await supabase
    .from("hubspot_mappings")
    .select(
      "id, object, transform, property, equals, only_when_stage, metric_key, account_property, end_user_property",
    )
    .eq("organization_id", organizationId)
    .order("created_at");
  if (response.error) throw toRequestError("Couldn't load the HubSpot mappings", response);
  return response.data.map((row) => ({
    id: row.id,
    object: row.object as HubspotMapping["object"],
    transform: row.transform as HubspotMapping["transform"],
    property: row.property,
    equals: row.equals,
    onlyWhenStage: row.only_when_stage,
    metricKey: row.metric_key,
    accountProperty: row.account_property,
    endUserProperty: row.end_user_property,
  }));
}

export async function createHubspotMapping(organizationId: string, input: HubspotMappingInput) {
  const response = await supabase.from("hubspot_mappings").insert({
    organization_id: organizationId,
    object: input.object,
    transform: input.transform,
    property: input.property,
    equals: input.equals,
    only_when_stage: input.onlyWhenStage,
    metric_key: input.metricKey,
    account_property: input.accountProperty,
    end_user_property: input.endUserProperty,
  });
  if (response.error)
    throw toDatabaseError("The mapping wasn't added", response, {
      "23505": "The mapping wasn't added: the same mapping exists already.",
      "23503": "The mapping wasn't added: its outcome metric no longer exists. Pick another one.",
    });
}

export async function deleteHubspotMapping(mappingId: string) {
  const response = await supabase
    .from("hubspot_mappings")
    .delete()
    .eq("id", mappingId)
    .select("id");
  if (response.error) throw toDatabaseError("The mapping wasn't removed", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The mapping wasn't removed: only engineers and admins can, or it was already removed. Reload the page.",
    );
  }
}
