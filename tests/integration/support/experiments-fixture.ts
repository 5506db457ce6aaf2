import { adminSql } from "./db";
import type { FixtureUser } from "./fixture";

/** Ids of the experiments rows the RLS matrix probes aim at, in one organization. */
export interface ExperimentIds {
  capability: string;
  /** Linked to the draft experiment (delete probes); A2/I2/metricUnused are free (insert probes). */
  action: string;
  action2: string;
  intent: string;
  intent2: string;
  /** Primary metric of the draft; metricGuardrail is linked as a guardrail; metricUnused is not. */
  metricPrimary: string;
  metricGuardrail: string;
  metricUnused: string;
  template: string;
  templateVersion: string;
  /** One experiment per lifecycle state a transition starts from, authored by the scratch member. */
  draft: string;
  inReview: string;
  approved: string;
  active: string;
  paused: string;
  draftVersion: string;
  draftVersion2: string;
  inReviewVersion: string;
  approvedVersion: string;
  activeVersion: string;
  pausedVersion: string;
  /** The draft's control (100%) and an extra 0% variant. */
  draftControl: string;
  draftExtra: string;
  approval: string;
  /** Capability-level deployments: `first` (superseded) then `current`, so a rollback has a target. */
  firstDeployment: string;
  currentDeployment: string;
  /** Notification id per recipient user id. */
  notifications: Record<string, string>;
}

// Deterministic ids, so every reset puts back exactly the same rows.
const id = (org: "org" | "foreign", n: number) =>
  `${org === "org" ? "e" : "f"}0000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

function idsFor(org: "org" | "foreign", recipients: FixtureUser[]): ExperimentIds {
  return {
    capability: id(org, 0x1),
    action: id(org, 0x10),
    action2: id(org, 0x11),
    intent: id(org, 0x20),
    intent2: id(org, 0x21),
    metricPrimary: id(org, 0x30),
    metricGuardrail: id(org, 0x31),
    metricUnused: id(org, 0x32),
    template: id(org, 0x40),
    templateVersion: id(org, 0x41),
    draft: id(org, 0x100),
    inReview: id(org, 0x101),
    approved: id(org, 0x102),
    active: id(org, 0x103),
    paused: id(org, 0x104),
    draftVersion: id(org, 0x200),
    draftVersion2: id(org, 0x201),
    inReviewVersion: id(org, 0x202),
    approvedVersion: id(org, 0x203),
    activeVersion: id(org, 0x204),
    pausedVersion: id(org, 0x205),
    draftControl: id(org, 0x300),
    draftExtra: id(org, 0x301),
    approval: id(org, 0x400),
    firstDeployment: id(org, 0x500),
    currentDeployment: id(org, 0x501),
    notifications: Object.fromEntries(recipients.map((user, i) => [user.id, id(org, 0x700 + i)])),
  };
}

interface OrgSetup {
  tag: "org" | "foreign";
  orgId: string;
  ids: ExperimentIds;
  /** Author of every experiment and version. */
  author: FixtureUser;
  /** Approves the "approved" experiment: a product manager or admin who is not the author. */
  approver: FixtureUser;
  commenters: FixtureUser[];
  recipients: FixtureUser[];
}

/**
 * Puts the experiments fixture of both matrix organizations back exactly: deletes every row of
 * the feature in them (probes may have added some) and inserts the fixture rows again. Runs
 * with triggers off (session_replication_role = replica), because the fixture has to rewind
 * what the app never may: statuses, history rows, versions.
 */
export async function resetExperimentsFixture(
  org: Omit<OrgSetup, "ids" | "tag">,
  foreign: Omit<OrgSetup, "ids" | "tag">,
): Promise<{ org: ExperimentIds; foreign: ExperimentIds }> {
  const setups: OrgSetup[] = [
    { ...org, tag: "org", ids: idsFor("org", org.recipients) },
    { ...foreign, tag: "foreign", ids: idsFor("foreign", foreign.recipients) },
  ];
  const orgIds = setups.map((s) => s.orgId);
  // Fixture rows are found by organization and also by their fixed ids, in case a test left
  // them under another organization (e.g. one re-created after a failed test renamed it).
  const fixtureIds: string[] = setups.flatMap(({ ids }) =>
    Object.values(ids).flatMap((value) =>
      typeof value === "string" ? [value] : Object.values(value),
    ),
  );
  // Every row of every table, for both organizations: one multi-row insert per table.
  type Rows = Record<string, unknown>[];
  const rows: Record<string, Rows> = {};
  const add = (table: string, ...items: Rows) => (rows[table] ??= []).push(...items);
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000);

  for (const { tag, orgId: o, ids, author, approver, commenters, recipients } of setups) {
    add("capabilities", {
      id: ids.capability,
      organization_id: o,
      key: "MatrixCapability",
      name: "Matrix capability",
    });
    add(
      "actions",
      { id: ids.action, organization_id: o, key: "MatrixAction", name: "Matrix action" },
      { id: ids.action2, organization_id: o, key: "MatrixAction2", name: "Matrix action 2" },
    );
    add(
      "intents",
      { id: ids.intent, organization_id: o, key: "MatrixIntent", name: "Matrix intent" },
      { id: ids.intent2, organization_id: o, key: "MatrixIntent2", name: "Matrix intent 2" },
    );
    const metric = (id: string, key: string, aggregation: string, direction: string) => ({
      id,
      organization_id: o,
      key,
      name: key,
      aggregation,
      direction,
    });
    add(
      "metric_definitions",
      metric(ids.metricPrimary, "matrix_conversion", "rate", "higher_is_better"),
      metric(ids.metricGuardrail, "matrix_escalation", "rate", "lower_is_better"),
      metric(ids.metricUnused, "matrix_csat", "mean", "higher_is_better"),
    );
    add("prompt_templates", {
      id: ids.template,
      organization_id: o,
      name: "Matrix template",
      created_by: author.id,
    });
    add("prompt_template_versions", {
      id: ids.templateVersion,
      organization_id: o,
      template_id: ids.template,
      number: 1,
      body: "Hi {{customer_name}}",
      variables: adminSql.json([{ name: "customer_name", type: "text" }]),
      created_by: author.id,
    });

    // One experiment per state a transition starts from, each with a primary metric.
    const experiments: [string, string, number, boolean][] = [
      [ids.draft, "draft", 0, false],
      [ids.inReview, "in_review", 1, false],
      [ids.approved, "in_review", 1, false],
      [ids.active, "active", 1, true],
      [ids.paused, "paused", 1, true],
    ];
    for (const [experimentId, status, round, activated] of experiments) {
      add("experiments", {
        id: experimentId,
        organization_id: o,
        name: `Matrix ${status}`,
        capability_id: ids.capability,
        status,
        review_round: round,
        activated_at: activated ? daysAgo(3) : null,
        created_by: author.id,
      });
      add("experiment_metrics", {
        experiment_id: experimentId,
        metric_id: ids.metricPrimary,
        organization_id: o,
        role: "primary",
      });
    }
    add("experiment_metrics", {
      experiment_id: ids.draft,
      metric_id: ids.metricGuardrail,
      organization_id: o,
      role: "guardrail",
    });
    add("experiment_intents", {
      experiment_id: ids.draft,
      intent_id: ids.intent,
      organization_id: o,
    });
    add("experiment_actions", {
      experiment_id: ids.draft,
      action_id: ids.action,
      organization_id: o,
    });

    // One version per experiment (the draft has two) and a variant using it.
    // [version, its variant, experiment, number]
    const versions: [string, string, string, number][] = [
      [ids.draftVersion, ids.draftControl, ids.draft, 1],
      [ids.draftVersion2, ids.draftExtra, ids.draft, 2],
      [ids.inReviewVersion, id(tag, 0x302), ids.inReview, 1],
      [ids.approvedVersion, id(tag, 0x303), ids.approved, 1],
      [ids.activeVersion, id(tag, 0x304), ids.active, 1],
      [ids.pausedVersion, id(tag, 0x305), ids.paused, 1],
    ];
    for (const [versionId, variantId, experimentId, number] of versions) {
      add("experiment_versions", {
        id: versionId,
        organization_id: o,
        experiment_id: experimentId,
        number,
        branch: "main",
        change_message: "Matrix version",
        provider: "openai",
        model: number === 1 ? "gpt-4o-mini" : "gpt-4o",
        prompt_text: `Prompt ${number}`,
        created_by: author.id,
      });
      add("experiment_variants", {
        id: variantId,
        organization_id: o,
        experiment_id: experimentId,
        key: number === 1 ? "control" : "extra",
        version_id: versionId,
        allocation_bp: number === 1 ? 10000 : 0,
        is_control: number === 1,
        position: number - 1,
      });
    }
    add("experiment_reviews", {
      id: ids.approval,
      organization_id: o,
      experiment_id: ids.approved,
      round: 1,
      reviewer_id: approver.id,
      decision: "approved",
    });
    const deployment = {
      organization_id: o,
      capability_id: ids.capability,
      version_id: ids.activeVersion,
      deployed_by: author.id,
    };
    add(
      "deployments",
      {
        ...deployment,
        id: ids.firstDeployment,
        experiment_id: null,
        replaced_deployment_id: null,
        rollback_to_deployment_id: null,
        deployed_at: daysAgo(2),
        superseded_at: daysAgo(1),
      },
      {
        ...deployment,
        id: ids.currentDeployment,
        experiment_id: ids.active,
        replaced_deployment_id: ids.firstDeployment,
        rollback_to_deployment_id: ids.firstDeployment,
        deployed_at: daysAgo(1),
        superseded_at: null,
      },
    );
    add("exposures", {
      experiment_id: ids.active,
      unit_id: "matrix-unit",
      organization_id: o,
      variant_id: id(tag, 0x304),
      version_id: ids.activeVersion,
    });
    for (const user of commenters) {
      add("experiment_comments", {
        organization_id: o,
        experiment_id: ids.draft,
        body: `Comment by ${user.email}`,
        created_by: user.id,
      });
    }
    for (const user of recipients) {
      add("notifications", {
        id: ids.notifications[user.id]!,
        organization_id: o,
        user_id: user.id,
        kind: "review_requested",
        experiment_id: ids.inReview,
        title: "Matrix notification",
      });
    }
  }

  // Children before parents, though with triggers off foreign keys are not checked either.
  const deleteOrder: [string, string][] = [
    ["exposures", "experiment_id"],
    ["notifications", "id"],
    ["experiment_comments", "experiment_id"],
    ["deployments", "id"],
    ["experiment_reviews", "experiment_id"],
    ["experiment_variants", "experiment_id"],
    ["experiment_intents", "experiment_id"],
    ["experiment_actions", "experiment_id"],
    ["experiment_metrics", "experiment_id"],
    ["experiment_versions", "experiment_id"],
    ["experiments", "id"],
    ["prompt_template_versions", "template_id"],
    ["prompt_templates", "id"],
    ["metric_definitions", "id"],
    ["intents", "id"],
    ["actions", "id"],
    ["capabilities", "id"],
  ];
  // Ids are uuids this file made or read from the database, so literals are safe here; one
  // round trip for all deletes keeps the reset (run after every allowed HTTP write) quick.
  const uuidList = (values: string[]) =>
    values.map((v) => `'${v.replace(/[^0-9a-f-]/gi, "")}'`).join(", ");
  const deletes = deleteOrder
    .map(
      ([table, column]) =>
        `delete from public.${table} where organization_id in (${uuidList(orgIds)}) or ${column} in (${uuidList(fixtureIds)});`,
    )
    .join("\n");

  await adminSql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(deletes);
    await tx`
      insert into public.organization_settings (organization_id, required_approvals)
      select unnest(${orgIds}::uuid[]), 1
      on conflict (organization_id) do update set required_approvals = 1`;
    for (const [table] of [...deleteOrder].reverse()) {
      const items = rows[table]!;
      await tx`insert into ${tx("public." + table)} ${tx(items as Record<string, string>[])}`;
    }
  });
  return { org: setups[0]!.ids, foreign: setups[1]!.ids };
}
