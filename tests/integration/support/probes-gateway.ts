import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const ids = (f: Fixture, t: Target) => f.gateway[t === "foreign" ? "foreign" : "org"];
const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
/** These rows never belong to one user: the "own" target is skipped. */
const orgRows =
  (make: (f: Fixture, t: Target, self: FixtureUser) => Attempt): AttemptFactory =>
  (f, s, t) =>
    t === "own" ? undefined : make(f, t, s);

/**
 * Provider keys, model prices and the gateway's RPCs (docs/permissions.md): engineers and admins
 * read provider keys (never their ciphertext) and change them only through the provider-keys
 * function, whose RPCs only the service role may call; every member reads prices, engineers and
 * admins edit their organization's.
 */
export const GATEWAY_PROBES: Record<string, AttemptFactory> = {
  "provider_keys select": orgRows((f, t) => ({
    kind: "select",
    table: "provider_keys",
    match: { id: ids(f, t).providerKey },
  })),
  "provider_keys insert": orgRows((f, t) => ({
    kind: "insert",
    table: "provider_keys",
    values: {
      organization_id: orgOf(f, t),
      provider: "gemini",
      ciphertext: "v1:Zm9yZ2Vk:Zm9yZ2Vk",
      last4: "rged",
    },
  })),
  "provider_keys update": orgRows((f, t) => ({
    kind: "update",
    table: "provider_keys",
    match: { id: ids(f, t).providerKey },
    values: { last4: "zzzz" },
  })),
  "provider_keys delete": orgRows((f, t) => ({
    kind: "delete",
    table: "provider_keys",
    match: { id: ids(f, t).providerKey },
  })),
  "rpc:manage_provider_key execute": orgRows((f, t, s) => ({
    kind: "rpc",
    fn: "manage_provider_key",
    args: {
      p_actor: s.id,
      p_action: "revoke",
      p_organization_id: orgOf(f, t),
      p_provider: "openai",
    },
  })),
  "rpc:provider_key_for_test execute": orgRows((f, t, s) => ({
    kind: "rpc",
    fn: "provider_key_for_test",
    args: { p_actor: s.id, p_organization_id: orgOf(f, t), p_provider: "openai" },
  })),
  "rpc:record_provider_key_test execute": orgRows((f, t, s) => ({
    kind: "rpc",
    fn: "record_provider_key_test",
    args: { p_actor: s.id, p_key_id: ids(f, t).providerKey, p_ok: true, p_message: "forged" },
  })),

  "model_prices select": orgRows((f, t) => ({
    kind: "select",
    table: "model_prices",
    match: { id: ids(f, t).price },
  })),
  "model_prices insert": orgRows((f, t) => ({
    kind: "insert",
    table: "model_prices",
    values: {
      organization_id: orgOf(f, t),
      provider: "openai",
      model: `probe-${Math.random().toString(36).slice(2, 10)}`,
      input_per_mtok: 1,
      output_per_mtok: 1,
    },
  })),
  "model_prices update": orgRows((f, t) => ({
    kind: "update",
    table: "model_prices",
    match: { id: ids(f, t).price },
    values: { input_per_mtok: 9 },
  })),
  "model_prices delete": orgRows((f, t) => ({
    kind: "delete",
    table: "model_prices",
    match: { id: ids(f, t).price },
  })),
  "rpc:effective_model_prices execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "effective_model_prices",
    args: { p_organization_id: orgOf(f, t) },
  })),

  "rpc:gateway_prepare execute": orgRows(() => ({
    kind: "rpc",
    fn: "gateway_prepare",
    args: { p_api_key: "cw_matrix_probe", p_capability: "Probe", p_unit_id: "probe" },
  })),
  "rpc:gateway_record_runs execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "gateway_record_runs",
    args: { p_organization_id: orgOf(f, t), p_events: [] },
  })),
};
