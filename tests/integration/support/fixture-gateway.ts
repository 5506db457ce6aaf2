import { adminSql } from "./db";

export interface GatewayIds {
  providerKey: string;
  price: string;
}

const MODEL = "matrix-model";

/**
 * Puts back, in each organization, an active OpenAI provider key (a ciphertext no secret
 * decrypts) and its own price for one model. Probes may have changed, added or deleted rows:
 * everything is rewritten.
 */
export async function resetGatewayFixture(orgIds: string[]): Promise<GatewayIds[]> {
  const result: GatewayIds[] = [];
  for (const orgId of orgIds) {
    await adminSql`delete from public.provider_keys where organization_id = ${orgId}`;
    const [key] = await adminSql<{ id: string }[]>`
      insert into public.provider_keys (organization_id, provider, ciphertext, last4)
      values (${orgId}, 'openai', 'v1:bWF0cml4:bWF0cml4', 'trix')
      returning id`;
    await adminSql`delete from public.model_prices where organization_id = ${orgId}`;
    const [price] = await adminSql<{ id: string }[]>`
      insert into public.model_prices (organization_id, provider, model, input_per_mtok, output_per_mtok)
      values (${orgId}, 'openai', ${MODEL}, 1, 2)
      returning id`;
    result.push({ providerKey: key!.id, price: price!.id });
  }
  return result;
}
