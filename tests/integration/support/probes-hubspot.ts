import type { Fixture, FixtureUser } from "./fixture";
import { HUBSPOT_MATRIX_METRIC } from "./fixture-hubspot";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const ids = (f: Fixture, t: Target) => f.hubspot[t === "foreign" ? "foreign" : "org"];
const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
/** These rows never belong to one user: the "own" target is skipped. */
const orgRows =
  (make: (f: Fixture, t: Target) => Attempt): AttemptFactory =>
  (f, _s, t) =>
    t === "own" ? undefined : make(f, t);

/**
 * The HubSpot connection, mappings and sync history (docs/permissions.md): every member reads
 * them; engineers and admins disconnect and manage mappings; connecting and syncing go through
 * the hubspot-sync edge function, whose RPCs only the service role may call.
 */
export const HUBSPOT_PROBES: Record<string, AttemptFactory> = {
  "hubspot_connections select": orgRows((f, t) => ({
    kind: "select",
    table: "hubspot_connections",
    match: { organization_id: orgOf(f, t) },
  })),
  "hubspot_connections insert": orgRows((f, t) => ({
    kind: "insert",
    table: "hubspot_connections",
    values: {
      organization_id: t === "foreign" ? f.foreignOrgId : f.orgId,
      ciphertext: "forged",
      token_last_four: "abcd",
      portal_id: "1",
    },
  })),
  "hubspot_connections update": orgRows((f, t) => ({
    kind: "update",
    table: "hubspot_connections",
    match: { organization_id: orgOf(f, t) },
    values: { status: "connected" },
  })),
  "hubspot_connections delete": orgRows((f, t) => ({
    kind: "delete",
    table: "hubspot_connections",
    match: { organization_id: orgOf(f, t) },
  })),

  "hubspot_mappings select": orgRows((f, t) => ({
    kind: "select",
    table: "hubspot_mappings",
    match: { id: ids(f, t).mapping },
  })),
  "hubspot_mappings insert": orgRows((f, t) => ({
    kind: "insert",
    table: "hubspot_mappings",
    values: {
      organization_id: orgOf(f, t),
      object: "deals",
      transform: "property_number",
      property: "amount",
      metric_key: HUBSPOT_MATRIX_METRIC,
    },
  })),
  "hubspot_mappings update": orgRows((f, t) => ({
    kind: "update",
    table: "hubspot_mappings",
    match: { id: ids(f, t).mapping },
    values: { account_property: "customer_account" },
  })),
  "hubspot_mappings delete": orgRows((f, t) => ({
    kind: "delete",
    table: "hubspot_mappings",
    match: { id: ids(f, t).mapping },
  })),

  "hubspot_sync_runs select": orgRows((f, t) => ({
    kind: "select",
    table: "hubspot_sync_runs",
    match: { id: ids(f, t).run },
  })),
  "hubspot_sync_runs insert": orgRows((f, t) => ({
    kind: "insert",
    table: "hubspot_sync_runs",
    values: { organization_id: orgOf(f, t), trigger: "manual" },
  })),
  "hubspot_sync_runs update": orgRows((f, t) => ({
    kind: "update",
    table: "hubspot_sync_runs",
    match: { id: ids(f, t).run },
    values: { outcomes_written: 99 },
  })),
  "hubspot_sync_runs delete": orgRows((f, t) => ({
    kind: "delete",
    table: "hubspot_sync_runs",
    match: { id: ids(f, t).run },
  })),

  "rpc:authorize_hubspot_manager execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "authorize_hubspot_manager",
    args: { p_organization_id: orgOf(f, t) },
  })),
  // Service role only: the hubspot-sync edge function.
  "rpc:hubspot_begin_sync execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "hubspot_begin_sync",
    args: { p_organization_id: orgOf(f, t), p_trigger: "manual" },
  })),
  "rpc:hubspot_record_page execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "hubspot_record_page",
    args: {
      p_run_id: ids(f, t).run,
      p_object: "deals",
      p_cursor: null,
      p_records: 0,
      p_outcomes: [],
    },
  })),
  "rpc:hubspot_finish_sync execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "hubspot_finish_sync",
    args: { p_run_id: ids(f, t).run, p_status: "failed" },
  })),
  "rpc:hubspot_due_connections execute": orgRows(() => ({
    kind: "rpc",
    fn: "hubspot_due_connections",
    args: {},
  })),
};
