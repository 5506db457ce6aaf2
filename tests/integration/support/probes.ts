import type { TransactionSql } from "postgres";
import type { Client } from "./clients";
import type { Fixture, FixtureUser } from "./fixture";
import { SAVED_VIEW_PROBES } from "./probes-saved-views";
import { HUBSPOT_PROBES } from "./probes-hubspot";
import { GATEWAY_PROBES } from "./probes-gateway";
import { ROLLUP_PROBES } from "./probes-rollups";
import { CUPED_PROBES } from "./probes-cuped";
import { OUTCOMES_PROBES } from "./probes-outcomes";
import { RUNS_PROBES } from "./probes-runs";
import { EXPERIMENT_EDITING_PROBES } from "./probes-experiments-extra";

/** Which row a probe aims at: one of the member's organization, the user's own, or another org's. */
export type Target = "org" | "own" | "foreign";

type Row = Record<string, unknown>;

/** One attempted operation, described once and run both as SQL and through supabase-js. */
export type Attempt =
  | { kind: "select"; table: string; match: Row }
  | { kind: "insert"; table: string; values: Row }
  | { kind: "update"; table: string; match: Row; values: Row }
  | { kind: "delete"; table: string; match: Row }
  | { kind: "rpc"; fn: string; args: Row };

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const probeEmail = () => `probe-${Math.random().toString(36).slice(2, 10)}@matrix.test`;
const orgOf = (f: Fixture, target: Target) => (target === "foreign" ? f.foreignOrgId : f.orgId);

function member(f: Fixture, self: FixtureUser, target: Target): Row {
  if (target === "own") return { organization_id: f.orgId, user_id: self.id };
  if (target === "foreign") return { organization_id: f.foreignOrgId, user_id: f.foreignAdmin.id };
  return { organization_id: f.orgId, user_id: f.scratch.id };
}

function profile(f: Fixture, self: FixtureUser, target: Target): Row {
  return {
    id: target === "own" ? self.id : target === "foreign" ? f.foreignAdmin.id : f.scratch.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Experiments. Rows live in f.experiments (see experiments-fixture.ts); every probe aims at the
// same row in the member's organization ("org") or in the other one ("foreign").

const ex = (f: Fixture, t: Target) => f.experiments[t === "foreign" ? "foreign" : "org"];
/** Skips the "own" target: these rows never belong to one user. */
const orgRows =
  (make: (f: Fixture, t: Target, self: FixtureUser) => Attempt): AttemptFactory =>
  (f, s, t) =>
    t === "own" ? undefined : make(f, t, s);

/** select / insert / update / delete probes for a taxonomy-like table. */
function editableTable(
  table: string,
  rowId: (ids: ReturnType<typeof ex>) => string,
  insertValues: (f: Fixture, t: Target) => Row,
  updateValues: Row,
): Record<string, AttemptFactory> {
  return {
    [`${table} select`]: orgRows((f, t) => ({
      kind: "select",
      table,
      match: { id: rowId(ex(f, t)) },
    })),
    [`${table} insert`]: orgRows((f, t) => ({ kind: "insert", table, values: insertValues(f, t) })),
    [`${table} update`]: orgRows((f, t) => ({
      kind: "update",
      table,
      match: { id: rowId(ex(f, t)) },
      values: updateValues,
    })),
    [`${table} delete`]: orgRows((f, t) => ({
      kind: "delete",
      table,
      match: { id: rowId(ex(f, t)) },
    })),
  };
}

function transition(from: (ids: ReturnType<typeof ex>) => string, to: string): AttemptFactory {
  return orgRows((f, t) => ({
    kind: "rpc",
    fn: "transition_experiment",
    args: { p_experiment_id: from(ex(f, t)), p_status: to },
  }));
}

function commentOf(f: Fixture, self: FixtureUser, t: Target): Row {
  const author = t === "own" ? self : t === "foreign" ? f.foreignAdmin : f.scratch;
  return { experiment_id: ex(f, t).draft, created_by: author.id };
}

function notificationOf(f: Fixture, self: FixtureUser, t: Target): string {
  const recipient = t === "own" ? self : t === "foreign" ? f.foreignAdmin : f.scratch;
  return ex(f, t).notifications[recipient.id]!;
}

const EXPERIMENT_PROBES: Record<string, AttemptFactory> = {
  "organization_settings select": orgRows((f, t) => ({
    kind: "select",
    table: "organization_settings",
    match: { organization_id: orgOf(f, t) },
  })),
  "organization_settings insert": orgRows((f, t) => ({
    kind: "insert",
    table: "organization_settings",
    values: { organization_id: orgOf(f, t) },
  })),
  "organization_settings update": orgRows((f, t) => ({
    kind: "update",
    table: "organization_settings",
    match: { organization_id: orgOf(f, t) },
    values: { required_approvals: 1 },
  })),
  "organization_settings delete": orgRows((f, t) => ({
    kind: "delete",
    table: "organization_settings",
    match: { organization_id: orgOf(f, t) },
  })),

  ...editableTable(
    "capabilities",
    (ids) => ids.capability,
    (f, t) => ({ organization_id: orgOf(f, t), key: "ProbeCapability", name: "Probe" }),
    { name: "Renamed by probe", archived_at: new Date().toISOString() },
  ),
  ...editableTable(
    "actions",
    (ids) => ids.action,
    (f, t) => ({ organization_id: orgOf(f, t), key: "ProbeAction", name: "Probe" }),
    { name: "Renamed by probe" },
  ),
  ...editableTable(
    "intents",
    (ids) => ids.intent,
    (f, t) => ({ organization_id: orgOf(f, t), key: "ProbeIntent", name: "Probe" }),
    { description: "Edited by probe" },
  ),
  ...editableTable(
    "metric_definitions",
    (ids) => ids.metricUnused,
    (f, t) => ({
      organization_id: orgOf(f, t),
      key: "probe_metric",
      name: "Probe",
      aggregation: "percentile",
      percentile: 95,
      direction: "lower_is_better",
    }),
    { unit: "ms" },
  ),
  ...editableTable(
    "prompt_templates",
    (ids) => ids.template,
    (f, t) => ({ organization_id: orgOf(f, t), name: "Probe template" }),
    { description: "Edited by probe" },
  ),
  ...editableTable(
    "prompt_template_versions",
    (ids) => ids.templateVersion,
    (f, t) => ({
      organization_id: orgOf(f, t),
      template_id: ex(f, t).template,
      body: "Hello {{name}}",
      change_message: "probe",
    }),
    { body: "Tampered {{customer_name}}" },
  ),
  ...editableTable(
    "experiments",
    (ids) => ids.draft,
    (f, t) => ({
      organization_id: orgOf(f, t),
      name: "Probe experiment",
      capability_id: ex(f, t).capability,
    }),
    { hypothesis: "Edited by probe" },
  ),
  ...editableTable(
    "experiment_versions",
    (ids) => ids.draftVersion,
    (f, t) => ({
      organization_id: orgOf(f, t),
      experiment_id: ex(f, t).draft,
      provider: "anthropic",
      model: "claude-3-5-haiku",
      prompt_text: "Probe prompt",
      change_message: "probe",
    }),
    { model: "tampered" },
  ),
  ...editableTable(
    "experiment_variants",
    (ids) => ids.draftExtra,
    (f, t) => ({
      organization_id: orgOf(f, t),
      experiment_id: ex(f, t).draft,
      key: "probe",
      version_id: ex(f, t).draftVersion2,
      allocation_bp: 0,
    }),
    { name: "Renamed by probe" },
  ),
  ...editableTable(
    "experiment_reviews",
    (ids) => ids.approval,
    (f, t) => ({
      organization_id: orgOf(f, t),
      experiment_id: ex(f, t).inReview,
      round: 1,
      decision: "approved",
    }),
    { decision: "changes_requested" },
  ),
  ...editableTable(
    "deployments",
    (ids) => ids.currentDeployment,
    (f, t) => ({
      organization_id: orgOf(f, t),
      capability_id: ex(f, t).capability,
      version_id: ex(f, t).activeVersion,
    }),
    { note: "Tampered" },
  ),

  // Link tables: the draft is tagged with intent/action and has the guardrail metric; the
  // second intent/action and the unused metric are free to add.
  ...Object.fromEntries(
    (
      [
        ["experiment_intents", "intent_id", (ids) => ids.intent, (ids) => ids.intent2],
        ["experiment_actions", "action_id", (ids) => ids.action, (ids) => ids.action2],
        [
          "experiment_metrics",
          "metric_id",
          (ids) => ids.metricGuardrail,
          (ids) => ids.metricUnused,
        ],
      ] as [string, string, (ids: ExperimentIdsOf) => string, (ids: ExperimentIdsOf) => string][]
    ).flatMap(([table, column, linked, free]) => [
      [
        `${table} select`,
        orgRows((f, t) => ({
          kind: "select",
          table,
          match: { experiment_id: ex(f, t).draft, [column]: linked(ex(f, t)) },
        })),
      ],
      [
        `${table} insert`,
        orgRows((f, t) => ({
          kind: "insert",
          table,
          values: {
            experiment_id: ex(f, t).draft,
            [column]: free(ex(f, t)),
            organization_id: orgOf(f, t),
            ...(table === "experiment_metrics" ? { role: "guardrail" } : {}),
          },
        })),
      ],
      [
        `${table} update`,
        orgRows((f, t) => ({
          kind: "update",
          table,
          match: { experiment_id: ex(f, t).draft, [column]: linked(ex(f, t)) },
          values:
            table === "experiment_metrics" ? { role: "guardrail" } : { [column]: free(ex(f, t)) },
        })),
      ],
      [
        `${table} delete`,
        orgRows((f, t) => ({
          kind: "delete",
          table,
          match: { experiment_id: ex(f, t).draft, [column]: linked(ex(f, t)) },
        })),
      ],
    ]),
  ),

  "experiment_comments select": (f, s, t) => ({
    kind: "select",
    table: "experiment_comments",
    match: commentOf(f, s, t),
  }),
  "experiment_comments insert": orgRows((f, t) => ({
    kind: "insert",
    table: "experiment_comments",
    values: {
      organization_id: orgOf(f, t),
      experiment_id: ex(f, t).draft,
      version_id: ex(f, t).draftVersion,
      body: "Probe comment",
      anchor: { field: "prompt", start: 0, end: 6 },
    },
  })),
  "experiment_comments update": (f, s, t) => ({
    kind: "update",
    table: "experiment_comments",
    match: commentOf(f, s, t),
    values: { body: "Edited by probe" },
  }),
  "experiment_comments delete": (f, s, t) => ({
    kind: "delete",
    table: "experiment_comments",
    match: commentOf(f, s, t),
  }),

  "notifications select": (f, s, t) => ({
    kind: "select",
    table: "notifications",
    match: { id: notificationOf(f, s, t) },
  }),
  "notifications insert": orgRows((f, t, s) => ({
    kind: "insert",
    table: "notifications",
    values: {
      organization_id: orgOf(f, t),
      user_id: s.id,
      kind: "review_requested",
      title: "Forged",
    },
  })),
  "notifications update": (f, s, t) => ({
    kind: "update",
    table: "notifications",
    match: { id: notificationOf(f, s, t) },
    values: { read_at: new Date().toISOString() },
  }),
  "notifications delete": (f, s, t) => ({
    kind: "delete",
    table: "notifications",
    match: { id: notificationOf(f, s, t) },
  }),

  "exposures select": orgRows((f, t) => ({
    kind: "select",
    table: "exposures",
    match: { experiment_id: ex(f, t).active },
  })),
  "exposures insert": orgRows((f, t) => ({
    kind: "insert",
    table: "exposures",
    values: {
      experiment_id: ex(f, t).active,
      unit_id: "forged-unit",
      organization_id: orgOf(f, t),
      variant_id: ex(f, t).draftControl,
      version_id: ex(f, t).activeVersion,
    },
  })),
  "exposures update": orgRows((f, t) => ({
    kind: "update",
    table: "exposures",
    match: { experiment_id: ex(f, t).active },
    values: { unit_id: "tampered" },
  })),
  "exposures delete": orgRows((f, t) => ({
    kind: "delete",
    table: "exposures",
    match: { experiment_id: ex(f, t).active },
  })),

  "rpc:create_experiment execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "create_experiment",
    args: {
      p_organization_id: orgOf(f, t),
      p_experiment: {
        name: "Probe experiment",
        capability_id: ex(f, t).capability,
        primary_metric_id: ex(f, t).metricPrimary,
        variants: [
          { version: { provider: "openai", model: "gpt-4o", prompt_text: "A" } },
          { key: "b", version: { provider: "gemini", model: "gemini-1.5-pro", prompt_text: "B" } },
        ],
      },
    },
  })),
  "rpc:fork_experiment execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "fork_experiment",
    args: { p_experiment_id: ex(f, t).active },
  })),
  "rpc:branch_version execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "branch_version",
    args: {
      p_parent_version_id: ex(f, t).draftVersion,
      p_change_message: "Probe branch",
      p_changes: { temperature: 0.5 },
      p_branch: "probe",
    },
  })),
  "rpc:version_diff execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "version_diff",
    args: { p_from_version_id: ex(f, t).draftVersion, p_to_version_id: ex(f, t).draftVersion2 },
  })),
  // Pure: reads no organization's rows, so only the "org" target (no organization) is probed.
  "rpc:preview_prompt_template execute": (_f, _s, t) =>
    t === "org"
      ? {
          kind: "rpc",
          fn: "preview_prompt_template",
          args: { p_body: "Hi {{customer_name}}", p_values: { customer_name: "Ann" } },
        }
      : undefined,
  "rpc:transition_experiment submit": transition((ids) => ids.draft, "in_review"),
  "rpc:transition_experiment withdraw": transition((ids) => ids.inReview, "draft"),
  "rpc:transition_experiment activate": transition((ids) => ids.approved, "active"),
  "rpc:transition_experiment pause": transition((ids) => ids.active, "paused"),
  "rpc:transition_experiment resume": transition((ids) => ids.paused, "active"),
  "rpc:transition_experiment archive": transition((ids) => ids.active, "archived"),
  "rpc:review_experiment approve": orgRows((f, t) => ({
    kind: "rpc",
    fn: "review_experiment",
    args: { p_experiment_id: ex(f, t).inReview, p_decision: "approved", p_comment: "" },
  })),
  "rpc:review_experiment request_changes": orgRows((f, t) => ({
    kind: "rpc",
    fn: "review_experiment",
    args: {
      p_experiment_id: ex(f, t).inReview,
      p_decision: "changes_requested",
      p_comment: "Please tighten the prompt",
    },
  })),
  "rpc:deploy execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "deploy",
    args: {
      p_capability_id: ex(f, t).capability,
      p_version_id: ex(f, t).activeVersion,
      p_experiment_id: ex(f, t).active,
      p_action_id: ex(f, t).action,
      p_note: "Probe deploy",
    },
  })),
  "rpc:rollback_deployment execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "rollback_deployment",
    args: { p_capability_id: ex(f, t).capability, p_reason: "Probe rollback" },
  })),
  "rpc:deployment_impact execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "deployment_impact",
    args: { p_capability_id: ex(f, t).capability },
  })),
  "rpc:mark_notifications_read execute": (f, s, t) => ({
    kind: "rpc",
    fn: "mark_notifications_read",
    args: { p_notification_ids: [notificationOf(f, s, t)] },
  }),
  "rpc:mark_all_notifications_read execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "mark_all_notifications_read",
    args: { p_organization_id: orgOf(f, t) },
  })),
  // Service role only: the resolve edge function calls it with an org API key.
  "rpc:resolve_prompt execute": orgRows(() => ({
    kind: "rpc",
    fn: "resolve_prompt",
    args: { p_api_key: "cw_probe", p_capability: "MatrixCapability", p_unit_id: "probe-unit" },
  })),
};

// ---------------------------------------------------------------------------------------------
// Ingested events: members read them; nobody writes them from the browser (only ingest_events,
// as the service role). The raw text of runs only through run_text.

const evOf = (f: Fixture, t: Target) => f.events[t === "foreign" ? "foreign" : "org"];

function readOnlyTable(
  table: string,
  rowId: (ids: ReturnType<typeof evOf>) => string,
  insertValues: Row,
  updateValues: Row,
): Record<string, AttemptFactory> {
  return {
    [`${table} select`]: orgRows((f, t) => ({
      kind: "select",
      table,
      match: { id: rowId(evOf(f, t)) },
    })),
    [`${table} insert`]: orgRows((f, t) => ({
      kind: "insert",
      table,
      values: {
        organization_id: orgOf(f, t),
        idempotency_key: `probe-${Math.random().toString(36).slice(2)}`,
        event_hash: "00000000-0000-0000-0000-000000000000",
        occurred_at: new Date().toISOString(),
        ...insertValues,
      },
    })),
    [`${table} update`]: orgRows((f, t) => ({
      kind: "update",
      table,
      match: { id: rowId(evOf(f, t)) },
      values: updateValues,
    })),
    [`${table} delete`]: orgRows((f, t) => ({
      kind: "delete",
      table,
      match: { id: rowId(evOf(f, t)) },
    })),
  };
}

const EVENT_PROBES: Record<string, AttemptFactory> = {
  ...readOnlyTable("llm_runs", (ids) => ids.run, { model: "forged" }, { model: "tampered" }),
  ...readOnlyTable(
    "run_lifecycle_events",
    (ids) => ids.lifecycle,
    { type: "run_completed", run_external_id: "forged" },
    { duration_ms: 1 },
  ),
  ...readOnlyTable(
    "outcomes",
    (ids) => ids.outcome,
    { metric_key: "conversion", value: 1, account: "forged" },
    { value: 2 },
  ),
  ...readOnlyTable(
    "feedback",
    (ids) => ids.feedback,
    { run_external_id: "forged", thumbs: "down" },
    { thumbs: "down" },
  ),
  "rpc:run_text execute": orgRows((f, t) => ({
    kind: "rpc",
    fn: "run_text",
    args: { p_run_id: evOf(f, t).run },
  })),
  // Service role only: the ingest edge function calls it with an org API key.
  "rpc:ingest_events execute": orgRows(() => ({
    kind: "rpc",
    fn: "ingest_events",
    args: { p_api_key: "cw_probe", p_events: [] },
  })),
};

type ExperimentIdsOf = ReturnType<typeof ex>;

// `own` targets exist only where a row can belong to the user; elsewhere the factory returns
// undefined and the probe is skipped for that target.
export const PROBES: Record<string, AttemptFactory> = {
  "organizations select": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "select", table: "organizations", match: { id: orgOf(f, t) } },
  "organizations update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "organizations",
          match: { id: orgOf(f, t) },
          values: { name: "Renamed by probe" },
        },
  "organizations delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "delete", table: "organizations", match: { id: orgOf(f, t) } },

  "profiles select": (f, s, t) => ({ kind: "select", table: "profiles", match: profile(f, s, t) }),
  "profiles update": (f, s, t) => ({
    kind: "update",
    table: "profiles",
    match: profile(f, s, t),
    values: { display_name: "Probe" },
  }),

  "memberships select": (f, s, t) => ({
    kind: "select",
    table: "memberships",
    match: member(f, s, t),
  }),
  "memberships insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "memberships",
          values: {
            organization_id: orgOf(f, t),
            user_id: f.users.non_member.id,
            role: "enablement",
          },
        },
  "memberships update": (f, s, t) => ({
    kind: "update",
    table: "memberships",
    match: member(f, s, t),
    values: { role: "enablement" },
  }),
  "memberships delete": (f, s, t) => ({
    kind: "delete",
    table: "memberships",
    match: member(f, s, t),
  }),

  "invitations select": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "select",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
        },
  "invitations insert": (f, s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "invitations",
          values: {
            organization_id: orgOf(f, t),
            email: probeEmail(),
            role: "enablement",
            invited_by: s.id,
          },
        },
  "invitations update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
          values: { revoked_at: new Date().toISOString() },
        },
  "invitations delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "delete",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
        },

  "audit_log select": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "select", table: "audit_log", match: { organization_id: orgOf(f, t) } },
  "audit_log insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "audit_log",
          values: {
            organization_id: orgOf(f, t),
            action: "insert",
            entity_type: "forged",
            entity_id: "x",
          },
        },
  "audit_log update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "audit_log",
          match: { organization_id: orgOf(f, t) },
          values: { entity_type: "tampered" },
        },
  "audit_log delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "delete", table: "audit_log", match: { organization_id: orgOf(f, t) } },

  "api_keys select": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "select",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },
  "api_keys insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "api_keys",
          values: {
            organization_id: orgOf(f, t),
            name: "forged key",
            prefix: `cw_probe${Date.now()}`,
            key_hash: "forged",
            scopes: ["ingest"],
          },
        },
  "api_keys update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
          values: { name: "tampered" },
        },
  "api_keys delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "delete",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },

  "rpc:create_api_key execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "create_api_key",
          args: { p_organization_id: orgOf(f, t), p_name: "probe key", p_scopes: ["ingest"] },
        },
  "rpc:revoke_api_key execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "revoke_api_key",
          args: { p_key_id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },

  ...EXPERIMENT_PROBES,
  ...EVENT_PROBES,
  ...SAVED_VIEW_PROBES,
  ...HUBSPOT_PROBES,
  ...GATEWAY_PROBES,
  ...ROLLUP_PROBES,
  ...CUPED_PROBES,
  ...OUTCOMES_PROBES,
  ...RUNS_PROBES,
  ...EXPERIMENT_EDITING_PROBES,
};

/** True when the database let the attempt through (a row came back, or the call succeeded). */
export async function attemptWithSql(tx: TransactionSql, attempt: Attempt): Promise<boolean> {
  const where = (match: Row) =>
    Object.entries(match).reduce(
      (clause, [column, value], index) =>
        tx`${clause} ${index ? tx`and` : tx``} ${tx(column)} = ${value as string}`,
      tx``,
    );
  try {
    await tx`savepoint probe`;
    let rows: readonly unknown[];
    switch (attempt.kind) {
      case "select":
        rows =
          await tx`select 1 from ${tx("public." + attempt.table)} where ${where(attempt.match)}`;
        break;
      case "insert":
        rows =
          await tx`insert into ${tx("public." + attempt.table)} ${tx(attempt.values as Record<string, string>)} returning 1`;
        break;
      case "update":
        rows =
          await tx`update ${tx("public." + attempt.table)} set ${tx(attempt.values as Record<string, string>)} where ${where(attempt.match)} returning 1`;
        break;
      case "delete":
        rows =
          await tx`delete from ${tx("public." + attempt.table)} where ${where(attempt.match)} returning 1`;
        break;
      case "rpc": {
        const names = Object.keys(attempt.args);
        const args = names.map(
          (name, index) =>
            tx`${index ? tx`,` : tx``} ${tx(name)} => ${attempt.args[name] as string}`,
        );
        await tx`select * from ${tx("public." + attempt.fn)}(${args.reduce((all, arg) => tx`${all} ${arg}`, tx``)})`;
        rows = [1];
        break;
      }
    }
    await tx`rollback to savepoint probe`;
    return rows.length > 0;
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    await tx`rollback to savepoint probe`;
    return false;
  }
}

/** The same attempt through PostgREST: what a browser holding this user's session could do. */
export async function attemptWithHttp(client: Client, attempt: Attempt): Promise<boolean> {
  // The generated types cannot follow a table name chosen at run time, so the builder is used
  // through the few methods a probe needs.
  type Result = { data: unknown; error: { code?: string; message: string } | null };
  interface Builder extends PromiseLike<Result> {
    select(columns?: string): Builder;
    insert(values: Row): Builder;
    update(values: Row): Builder;
    delete(): Builder;
    eq(column: string, value: unknown): Builder;
  }
  const from = (table: string) => client.from(table as never) as unknown as Builder;
  const matchAll = (query: Builder, match: Row) =>
    Object.entries(match).reduce((q, [column, value]) => q.eq(column, value), query);
  // Return only the columns the probe names: some tables have columns no browser role may read
  // (api_keys.key_hash), and `*` would be refused for that reason alone.
  const columns = (row: Row) => Object.keys(row).join(",");
  let result: Result;
  switch (attempt.kind) {
    case "select":
      result = await matchAll(from(attempt.table).select(columns(attempt.match)), attempt.match);
      break;
    case "insert":
      result = await from(attempt.table).insert(attempt.values).select(columns(attempt.values));
      break;
    case "update":
      result = await matchAll(from(attempt.table).update(attempt.values), attempt.match).select(
        columns(attempt.match),
      );
      break;
    case "delete":
      result = await matchAll(from(attempt.table).delete(), attempt.match).select(
        columns(attempt.match),
      );
      break;
    case "rpc":
      result = await client.rpc(attempt.fn as never, attempt.args as never);
      if (!result.error) return true;
      break;
  }
  if (result.error) {
    if (!isPermissionCode(result.error.code))
      throw new Error(`Unexpected error: ${result.error.code} ${result.error.message}`);
    return false;
  }
  return Array.isArray(result.data) ? result.data.length > 0 : result.data != null;
}

// 42501 insufficient privilege / RLS violation; PGRST116 etc. are not permission errors.
function isPermissionCode(code: string | undefined): boolean {
  return code === "42501";
}

function isPermissionError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    isPermissionCode((error as { code?: string }).code)
  );
}
