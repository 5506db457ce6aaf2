import type { HubspotMapping } from "../api/hubspot-mappings";

interface Labels {
  /** Deal stage id → label, from the pipelines API. */
  stages: Map<string, string>;
  /** Property name → label, per object. */
  properties: { deals: Map<string, string>; contacts: Map<string, string> };
}

/** "Deal reaches Closed Won", "Deal Amount (when Closed Won)", "Contact Lifecycle Stage is customer". */
export function describeMappingSource(mapping: HubspotMapping, labels: Labels): string {
  const stage = (id: string) => labels.stages.get(id) ?? id;
  const property = labels.properties[mapping.object].get(mapping.property) ?? mapping.property;
  if (mapping.object === "deals") {
    if (mapping.transform === "one" && mapping.property === "dealstage") {
      return `Deal reaches ${stage(mapping.equals ?? "")}`;
    }
    if (mapping.transform === "one") return `Deal ${property} is ${mapping.equals}`;
    return mapping.onlyWhenStage
      ? `Deal ${property} (when ${stage(mapping.onlyWhenStage)})`
      : `Deal ${property}`;
  }
  return mapping.transform === "one"
    ? `Contact ${property} is ${mapping.equals}`
    : `Contact ${property}`;
}

/** Where the outcome's account (and end user) come from. */
export function describeMappingLink(mapping: HubspotMapping, labels: Labels): string {
  const property = (name: string) => labels.properties[mapping.object].get(name) ?? name;
  const account = mapping.accountProperty
    ? `Account from ${property(mapping.accountProperty)}`
    : `Account: the HubSpot ${mapping.object === "deals" ? "deal" : "contact"}`;
  return mapping.endUserProperty
    ? `${account}; end user from ${property(mapping.endUserProperty)}`
    : account;
}
