import { adminSql } from "./db";

export interface OutcomesIds {
  endpoint: string;
}

// Deterministic, so every reset puts back the same endpoint.
const ENDPOINT_IDS = [
  "0a000000-0000-4000-8000-000000000001",
  "0a000000-0000-4000-8000-000000000002",
];

/**
 * Puts back one enabled webhook endpoint (with a secret) in each organization and removes the
 * endpoints probes created.
 */
export async function resetOutcomesFixture(orgIds: string[]): Promise<OutcomesIds[]> {
  const result: OutcomesIds[] = [];
  for (const [i, orgId] of orgIds.entries()) {
    const id = ENDPOINT_IDS[i]!;
    await adminSql`delete from public.webhook_endpoints where organization_id = ${orgId} and id <> ${id}`;
    await adminSql`
      insert into public.webhook_endpoints (id, organization_id, name, secret_hint)
      values (${id}, ${orgId}, 'matrix endpoint', 'trix')
      on conflict (id) do update
        set name = excluded.name, secret_hint = excluded.secret_hint, disabled_at = null,
            disabled_by = null, secret_rotated_at = null`;
    await adminSql`delete from private.webhook_secrets where endpoint_id = ${id}`;
    await adminSql`insert into private.webhook_secrets (endpoint_id, secret) values (${id}, 'whsec_matrix')`;
    result.push({ endpoint: id });
  }
  return result;
}
