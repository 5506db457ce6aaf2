/**
 * From HubSpot records to outcomes, per mapping (public.hubspot_mappings):
 *
 * - transform "one": the record's `property` equals `equals` (deals: dealstage = closedwon) →
 *   value 1. Occurred when the deal entered that stage (hs_v2_date_entered_<stage>, else
 *   hs_date_entered_<stage>), else at the record's last modification.
 * - transform "property_number": the numeric value of `property` (deals: amount), only while the
 *   deal is in `only_when_stage` when set. Empty or non-numeric values produce nothing.
 *
 * Each record yields at most one outcome per mapping, ever: the idempotency key is
 * `hubspot:<object>:<record id>:<mapping id>`, so re-reading a record (a re-sync, a page read
 * twice, a later edit) never writes another one. Outcomes are immutable, so a value that changes
 * after it was recorded keeps its first value (docs/hubspot.md).
 *
 * Linking: the account is the record's `account_property` when set and filled in, else the
 * HubSpot record itself (`hubspot:deal:<id>`); the end user is `end_user_property` when set.
 */
import { z } from "zod";
import { type HubSpotObject, MODIFIED_PROPERTY, type SearchRecord } from "./client.ts";

export const HUBSPOT_TRANSFORMS = ["one", "property_number"] as const;

const propertyName = z.string().regex(/^[A-Za-z0-9_]{1,100}$/, "is not a HubSpot property name");

export const hubspotMapping = z.object({
  id: z.string(),
  object: z.enum(["deals", "contacts"]),
  transform: z.enum(HUBSPOT_TRANSFORMS),
  property: propertyName,
  equals: z.string().nullable(),
  only_when_stage: z.string().nullable(),
  metric_key: z.string(),
  account_property: propertyName.nullable(),
  end_user_property: propertyName.nullable(),
});
export type HubSpotMapping = z.infer<typeof hubspotMapping>;

/** One row for public.hubspot_record_page. */
export interface OutcomeRow {
  idempotency_key: string;
  metric_key: string;
  value: number;
  occurred_at: string;
  account: string;
  end_user_id: string | null;
  metadata: Record<string, unknown>;
}

const SINGULAR: Record<HubSpotObject, string> = { deals: "deal", contacts: "contact" };
const MAX_LINK_LENGTH = 256;

function stageEnteredProperties(stage: string): string[] {
  return [`hs_v2_date_entered_${stage}`, `hs_date_entered_${stage}`];
}

function stageOf(mapping: HubSpotMapping): string | null {
  if (mapping.transform === "one" && mapping.property === "dealstage") return mapping.equals;
  return mapping.only_when_stage;
}

/** Every property the sync must ask HubSpot for, for `object`'s mappings. */
export function propertiesToRead(object: HubSpotObject, mappings: HubSpotMapping[]): string[] {
  const names = new Set<string>([MODIFIED_PROPERTY[object]]);
  for (const mapping of mappings) {
    if (mapping.object !== object) continue;
    names.add(mapping.property);
    if (mapping.only_when_stage) names.add("dealstage");
    if (mapping.account_property) names.add(mapping.account_property);
    if (mapping.end_user_property) names.add(mapping.end_user_property);
    const stage = object === "deals" ? stageOf(mapping) : null;
    if (stage && /^[A-Za-z0-9_]+$/.test(stage)) {
      for (const name of stageEnteredProperties(stage)) names.add(name);
    }
  }
  return [...names].sort();
}

/** When the record was last modified, as HubSpot reports it. */
export function modifiedAt(object: HubSpotObject, record: SearchRecord): string {
  return validIso(record.properties[MODIFIED_PROPERTY[object]]) ?? record.updatedAt;
}

function validIso(value: string | null | undefined): string | null {
  if (!value) return null;
  // HubSpot datetime properties come as ISO 8601, or as epoch milliseconds in older portals.
  const time = /^\d{10,}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

function linkValue(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= MAX_LINK_LENGTH ? trimmed : null;
}

function valueFor(mapping: HubSpotMapping, record: SearchRecord): number | null {
  const props = record.properties;
  if (mapping.transform === "one") return props[mapping.property] === mapping.equals ? 1 : null;
  if (mapping.only_when_stage && props.dealstage !== mapping.only_when_stage) return null;
  const raw = props[mapping.property]?.trim();
  if (!raw) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** The outcomes `record` produces under `mappings` (those of other objects are ignored). */
export function outcomesForRecord(
  object: HubSpotObject,
  record: SearchRecord,
  mappings: HubSpotMapping[],
  portalId: string,
): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const mapping of mappings) {
    if (mapping.object !== object) continue;
    const value = valueFor(mapping, record);
    if (value === null) continue;
    const stage = object === "deals" ? stageOf(mapping) : null;
    const entered = stage
      ? stageEnteredProperties(stage).map((name) => validIso(record.properties[name])).find(
        Boolean,
      )
      : null;
    rows.push({
      idempotency_key: `hubspot:${object}:${record.id}:${mapping.id}`,
      metric_key: mapping.metric_key,
      value,
      occurred_at: entered ?? modifiedAt(object, record),
      account: (mapping.account_property &&
        linkValue(record.properties[mapping.account_property])) ||
        `hubspot:${SINGULAR[object]}:${record.id}`,
      end_user_id: mapping.end_user_property
        ? linkValue(record.properties[mapping.end_user_property])
        : null,
      metadata: {
        hubspot: {
          portal_id: portalId,
          object,
          record_id: record.id,
          mapping_id: mapping.id,
          property: mapping.property,
        },
      },
    });
  }
  return rows;
}
