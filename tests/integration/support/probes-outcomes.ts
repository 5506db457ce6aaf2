import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const endpointOf = (f: Fixture, t: Target) =>
  f.outcomes[t === "foreign" ? "foreign" : "org"].endpoint;
const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
/** These rows never belong to one user: the "own" target is skipped. */
const orgRows =
  (make: (f: Fixture, t: Target) => Attempt): AttemptFactory =>
  (f, _s, t) =>
    t === "own" ? undefined : make(f, t);

/**
 * Outcomes in (docs/outcomes.md): recording from the app (record_outcomes) and webhook
 * endpoints, which engineers and admins manage through RPCs only. The two RPCs of the
 * outcomes-webhook edge function are for the service role alone. JSON arguments are sent as JSON
 * text, which both the SQL probe and the local API pass to jsonb as it is.
 */
export const OUTCOMES_PROBES: Record<string, AttemptFactory> = {
  "webhook_endpoints select": orgRows((f, t) => ({
    kind: "select",
    table: "webhook_endpoints",
    match: { id: endpointOf(f, t) },
  })),
  "webhook_endpoints insert": orgRows((f, t) => ({
    kind: "insert",
    table: "webhook_endpoints",
    values: { organization_id: orgOf(f, t), name: "forged", secret_hint: "abcd" },
  })),
  "webhook_endpoints update": orgRows((f, t) => ({
    kind: "update",
    table: "webhook_endpoints",
    match: { id: endpointOf(f, t) },
    values: { disabled_at: new Date().toISOString() },
  })),
  "webhook_endpoints delete": orgRows((f, t) => ({
    kind: "delete",
    table: "webhook_endpoints",
    match: { id: endpointOf(f, t) },
  })),
  "rpc:record_outcomes execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "record_outcomes",
    args: { p_organization_id: orgOf(f, t), p_source: "manual", p_rows: "[]" },
  })),
  "rpc:create_webhook_endpoint execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "create_webhook_endpoint",
    args: { p_organization_id: orgOf(f, t), p_name: "probe endpoint" },
  })),
  "rpc:rotate_webhook_secret execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "rotate_webhook_secret",
    args: { p_endpoint_id: endpointOf(f, t) },
  })),
  "rpc:set_webhook_endpoint_enabled execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "set_webhook_endpoint_enabled",
    args: { p_endpoint_id: endpointOf(f, t), p_enabled: false },
  })),
  "rpc:webhook_endpoint_secrets execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "webhook_endpoint_secrets",
    args: { p_endpoint_id: endpointOf(f, t) },
  })),
  "rpc:receive_webhook_outcomes execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "receive_webhook_outcomes",
    args: {
      p_endpoint_id: endpointOf(f, t),
      p_replay_key: "probe",
      p_replay_expires_at: new Date().toISOString(),
      p_rows: "[]",
    },
  })),
};
