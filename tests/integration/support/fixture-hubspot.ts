import { adminSql } from "./db";

export interface HubspotIds {
  mapping: string;
  run: string;
}

const METRIC = "hubspot_matrix_conversion";

/**
 * Puts back, in each organization, a HubSpot connection, one mapping and one finished sync run.
 * The connection is marked invalid_token so no scheduled sync ever picks it up (its ciphertext
 * decrypts under no secret). Probes may have deleted or added rows: everything is rewritten.
 */
export async function resetHubspotFixture(orgIds: string[]): Promise<HubspotIds[]> {
  const result: HubspotIds[] = [];
  for (const orgId of orgIds) {
    await adminSql`
      insert into public.metric_definitions (organization_id, key, name, aggregation, direction)
      values (${orgId}, ${METRIC}, 'HubSpot matrix conversion', 'rate', 'higher_is_better')
      on conflict (organization_id, key) do nothing`;
    await adminSql`
      insert into public.hubspot_connections (organization_id, ciphertext, token_last_four, portal_id, status)
      values (${orgId}, 'v1:bWF0cml4:bWF0cml4', 'trix', '123456', 'invalid_token')
      on conflict (organization_id) do update
        set ciphertext = excluded.ciphertext, status = excluded.status, last_error = null`;
    await adminSql`delete from public.hubspot_mappings where organization_id = ${orgId}`;
    const [mapping] = await adminSql<{ id: string }[]>`
      insert into public.hubspot_mappings (organization_id, object, transform, property, equals, metric_key)
      values (${orgId}, 'deals', 'one', 'dealstage', 'closedwon', ${METRIC})
      returning id`;
    await adminSql`delete from public.hubspot_sync_runs where organization_id = ${orgId}`;
    const [run] = await adminSql<{ id: string }[]>`
      insert into public.hubspot_sync_runs (organization_id, trigger, status, finished_at, pages, records)
      values (${orgId}, 'scheduled', 'succeeded', now(), 1, 3)
      returning id`;
    result.push({ mapping: mapping!.id, run: run!.id });
  }
  return result;
}

export const HUBSPOT_MATRIX_METRIC = METRIC;
