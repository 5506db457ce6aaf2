import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import {
  activeExperiment,
  createTestOrg,
  signIn,
  sqlErrorCode,
  type TestOrg,
} from "./support/experiments";

/**
 * Experiments lifecycle and governance through supabase-js with real sign-ins (the RLS matrix
 * covers who may call what; these cover the rules inside): approvals, the lifecycle, frozen
 * drafts, immutable versions, branching and forking, deployments and rollback, notifications,
 * templates, and the append-only audit trail.
 */

let org: TestOrg;
const as = {} as Record<keyof TestOrg["users"], Client>;
let capability: string;
let metric: string;

beforeAll(async () => {
  org = await createTestOrg("experiments");
  for (const [role, user] of Object.entries(org.users)) {
    as[role as keyof TestOrg["users"]] = await signIn(user);
  }
  const { data: cap, error } = await as.prompt_engineer
    .from("capabilities")
    .insert({ organization_id: org.orgId, key: "QualifyLead", name: "Qualify lead" })
    .select()
    .single();
  expect(error).toBeNull();
  capability = cap!.id;
  const { data: m } = await as.product_manager
    .from("metric_definitions")
    .insert({
      organization_id: org.orgId,
      key: "conversion_rate",
      name: "Conversion rate",
      unit: "%",
      aggregation: "rate",
      direction: "higher_is_better",
    })
    .select()
    .single();
  metric = m!.id;
}, 60_000);

afterAll(async () => {
  await org.delete();
  await adminSql.end();
});

/** A complete draft created by `client` through create_experiment. */
async function draft(client: Client, name: string, submit = false) {
  const { data, error } = await client.rpc("create_experiment", {
    p_organization_id: org.orgId,
    p_experiment: {
      name,
      hypothesis: "B is better",
      capability_id: capability,
      primary_metric_id: metric,
      submit,
      variants: [
        {
          version: { provider: "openai", model: "gpt-4o-mini", prompt_text: "A", temperature: 0.7 },
        },
        { key: "b", version: { provider: "gemini", model: "gemini-1.5-pro", prompt_text: "B" } },
      ],
    },
  });
  expect(error).toBeNull();
  return data!;
}

describe("approvals", () => {
  it("an author cannot approve their own change; another product manager can; then it goes active", async () => {
    const experiment = await draft(as.prompt_engineer, "Opener", true);
    expect(experiment.status).toBe("in_review");
    expect(experiment.review_round).toBe(1);

    // Prompt engineers never approve; nobody activates before the approvals are in.
    const selfReview = await as.prompt_engineer.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
    });
    expect(selfReview.error?.code).toBe("42501");
    const early = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "active",
    });
    expect(early.error?.code).toBe("55000");
    expect(early.error?.message).toMatch(/needs 1 approval/);

    const approval = await as.product_manager.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
      p_comment: "Looks good",
    });
    expect(approval.error).toBeNull();
    expect(approval.data).toMatchObject({
      decision: "approved",
      round: 1,
      reviewer_id: org.users.product_manager.id,
    });

    const started = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "active",
    });
    expect(started.error).toBeNull();
    expect(started.data).toMatchObject({
      status: "active",
      status_changed_by: org.users.prompt_engineer.id,
    });
    expect(started.data!.activated_at).not.toBeNull();
  });

  it("a product manager who wrote the experiment cannot approve it either", async () => {
    const experiment = await draft(as.product_manager, "PM's own", true);
    const own = await as.product_manager.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
    });
    expect(own.error?.code).toBe("42501");
    expect(own.error?.message).toMatch(/own change/);
    // Any other product manager or admin may.
    const byAdmin = await as.admin.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
    });
    expect(byAdmin.error).toBeNull();
  });

  it("only product managers and admins approve", async () => {
    const experiment = await draft(as.prompt_engineer, "Who reviews", true);
    for (const role of ["operations", "engineer", "enablement"] as const) {
      const { error } = await as[role].rpc("review_experiment", {
        p_experiment_id: experiment.id,
        p_decision: "approved",
      });
      expect([role, error?.code]).toEqual([role, "42501"]);
    }
  });

  it("the organization's required approvals count distinct approvers, enforced on the status change itself", async () => {
    const settings = await as.admin
      .from("organization_settings")
      .update({ required_approvals: 2 })
      .eq("organization_id", org.orgId)
      .select()
      .single();
    expect(settings.data).toMatchObject({ required_approvals: 2, updated_by: org.users.admin.id });
    const denied = await as.product_manager
      .from("organization_settings")
      .update({ required_approvals: 1 })
      .eq("organization_id", org.orgId)
      .select();
    expect(denied.data).toEqual([]);
    try {
      const experiment = await draft(as.prompt_engineer, "Two approvals", true);
      await as.product_manager.rpc("review_experiment", {
        p_experiment_id: experiment.id,
        p_decision: "approved",
      });
      const oneShort = await as.prompt_engineer.rpc("transition_experiment", {
        p_experiment_id: experiment.id,
        p_status: "active",
      });
      expect(oneShort.error?.message).toMatch(/needs 2 approval\(s\).*has 1/);
      // Not even the service role (or a direct update) gets around it: the trigger decides.
      expect(
        await sqlErrorCode(
          adminSql`update public.experiments set status = 'active' where id = ${experiment.id}`,
        ),
      ).toBe("55000");
      const again = await as.product_manager.rpc("review_experiment", {
        p_experiment_id: experiment.id,
        p_decision: "approved",
      });
      expect(again.error?.code).toBe("23505");
      await as.product_manager_2.rpc("review_experiment", {
        p_experiment_id: experiment.id,
        p_decision: "approved",
      });
      const started = await as.prompt_engineer.rpc("transition_experiment", {
        p_experiment_id: experiment.id,
        p_status: "active",
      });
      expect(started.error).toBeNull();
    } finally {
      await adminSql`update public.organization_settings set required_approvals = 1 where organization_id = ${org.orgId}`;
    }
  });

  it("changes requested send it back to draft, and approvals of an earlier round no longer count", async () => {
    const experiment = await draft(as.prompt_engineer, "Round two", true);
    await as.product_manager.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
    });
    const noReason = await as.admin.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "changes_requested",
    });
    expect(noReason.error?.code).toBe("22023");
    const requested = await as.admin.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "changes_requested",
      p_comment: "Lower the temperature",
    });
    expect(requested.error).toBeNull();
    const { data: back } = await as.prompt_engineer
      .from("experiments")
      .select()
      .eq("id", experiment.id)
      .single();
    expect(back!.status).toBe("draft");

    await as.prompt_engineer
      .from("experiments")
      .update({ hypothesis: "Cooler B is better" })
      .eq("id", experiment.id);
    const resubmitted = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "in_review",
    });
    expect(resubmitted.data!.review_round).toBe(2);
    const stale = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "active",
    });
    expect(stale.error?.message).toMatch(/has 0/);
  });
});

describe("who may edit", () => {
  it("enablement cannot create or edit anything", async () => {
    const experiment = await draft(as.prompt_engineer, "Read only for enablement");
    const create = await as.enablement.rpc("create_experiment", {
      p_organization_id: org.orgId,
      p_experiment: { name: "Nope", capability_id: capability, variants: [] },
    });
    expect(create.error?.code).toBe("42501");
    const edit = await as.enablement
      .from("experiments")
      .update({ name: "Renamed" })
      .eq("id", experiment.id)
      .select();
    expect(edit.data).toEqual([]);
    const insert = await as.enablement
      .from("experiments")
      .insert({ organization_id: org.orgId, name: "Sneaky", capability_id: capability });
    expect(insert.error?.code).toBe("42501");
    const comment = await as.enablement
      .from("experiment_comments")
      .insert({ organization_id: org.orgId, experiment_id: experiment.id, body: "Hi" });
    expect(comment.error?.code).toBe("42501");
    const taxonomy = await as.enablement
      .from("intents")
      .insert({ organization_id: org.orgId, key: "Nope", name: "Nope" });
    expect(taxonomy.error?.code).toBe("42501");
    // It can read all of it.
    const read = await as.enablement.from("experiments").select("id").eq("id", experiment.id);
    expect(read.data).toHaveLength(1);
  });

  it("only drafts can be edited, whoever writes", async () => {
    const experiment = await draft(as.prompt_engineer, "Frozen", true);
    const viaApi = await as.prompt_engineer
      .from("experiments")
      .update({ name: "Changed" })
      .eq("id", experiment.id)
      .select();
    expect(viaApi.data).toEqual([]);
    expect(
      await sqlErrorCode(
        adminSql`update public.experiments set name = 'Changed' where id = ${experiment.id}`,
      ),
    ).toBe("55000");
    expect(
      await sqlErrorCode(
        adminSql`update public.experiment_variants set allocation_bp = 9000 where experiment_id = ${experiment.id}`,
      ),
    ).toBe("55000");
    expect(
      await sqlErrorCode(adminSql`delete from public.experiments where id = ${experiment.id}`),
    ).toBe("42501");
  });

  it("a draft cannot be submitted until its allocations add up to 100% and it has a primary metric", async () => {
    const experiment = await draft(as.prompt_engineer, "Allocations");
    const { data: variants } = await as.prompt_engineer
      .from("experiment_variants")
      .select("id, key, allocation_bp")
      .eq("experiment_id", experiment.id)
      .order("position");
    expect(variants!.map((v) => v.allocation_bp)).toEqual([5000, 5000]);
    await as.prompt_engineer
      .from("experiment_variants")
      .update({ allocation_bp: 4000 })
      .eq("id", variants![0]!.id);
    const short = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "in_review",
    });
    expect(short.error?.message).toMatch(/add up to 100% \(they add up to 90\.00%\)/);
    await as.prompt_engineer
      .from("experiment_variants")
      .update({ allocation_bp: 5000 })
      .eq("id", variants![0]!.id);
    await as.prompt_engineer
      .from("experiment_metrics")
      .delete()
      .eq("experiment_id", experiment.id)
      .eq("metric_id", metric);
    const noMetric = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "in_review",
    });
    expect(noMetric.error?.message).toMatch(/primary outcome metric/);
  });
});

describe("lifecycle", () => {
  it("operations may pause an active experiment during an incident, but not resume or start one", async () => {
    const live = await activeExperiment(org, { capabilityKey: "Incident" });
    const byEngineer = await as.engineer.rpc("transition_experiment", {
      p_experiment_id: live.experiment,
      p_status: "paused",
    });
    expect(byEngineer.error?.code).toBe("42501");
    const paused = await as.operations.rpc("transition_experiment", {
      p_experiment_id: live.experiment,
      p_status: "paused",
    });
    expect(paused.error).toBeNull();
    expect(paused.data).toMatchObject({
      status: "paused",
      status_changed_by: org.users.operations.id,
    });
    const resume = await as.operations.rpc("transition_experiment", {
      p_experiment_id: live.experiment,
      p_status: "active",
    });
    expect(resume.error?.code).toBe("42501");
    const archived = await as.product_manager.rpc("transition_experiment", {
      p_experiment_id: live.experiment,
      p_status: "archived",
    });
    expect(archived.data).toMatchObject({ status: "archived" });
    const revived = await as.admin.rpc("transition_experiment", {
      p_experiment_id: live.experiment,
      p_status: "active",
    });
    expect(revived.error?.code).toBe("55000");
    expect(revived.error?.message).toMatch(/cannot go from archived to active/);
  });

  it("notifies reviewers of a review request and the authors of decisions and pauses", async () => {
    const experiment = await draft(as.prompt_engineer, "Notify me", true);
    const inbox = async (client: Client) =>
      (
        await client
          .from("notifications")
          .select("kind, title, read_at, id")
          .eq("experiment_id", experiment.id)
      ).data!;
    expect((await inbox(as.product_manager)).map((n) => n.kind)).toEqual(["review_requested"]);
    expect((await inbox(as.admin)).map((n) => n.kind)).toEqual(["review_requested"]);
    expect(await inbox(as.operations)).toEqual([]);
    expect(await inbox(as.prompt_engineer)).toEqual([]);

    await as.product_manager.rpc("review_experiment", {
      p_experiment_id: experiment.id,
      p_decision: "approved",
      p_comment: "Nice",
    });
    await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "active",
    });
    await as.operations.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "paused",
    });
    const mine = await inbox(as.prompt_engineer);
    expect(mine.map((n) => n.kind).sort()).toEqual(["experiment_paused", "review_approved"]);
    expect(mine.find((n) => n.kind === "review_approved")!.title).toBe(
      "product_manager approved “Notify me”",
    );

    const [first] = await inbox(as.product_manager);
    const notMine = await as.prompt_engineer.rpc("mark_notifications_read", {
      p_notification_ids: [first!.id],
    });
    expect(notMine.error?.code).toBe("42501");
    const marked = await as.product_manager.rpc("mark_notifications_read", {
      p_notification_ids: [first!.id],
    });
    expect(marked.data).toBe(1);
    expect((await inbox(as.product_manager))[0]!.read_at).not.toBeNull();
    const all = await as.prompt_engineer.rpc("mark_all_notifications_read", {
      p_organization_id: org.orgId,
    });
    expect(all.data).toBeGreaterThanOrEqual(2);
  });

  it("comments and annotations: anyone but enablement comments; authors edit their own; admins moderate", async () => {
    const experiment = await draft(as.prompt_engineer, "Discuss");
    const { data: version } = await as.prompt_engineer
      .from("experiment_versions")
      .select("id")
      .eq("experiment_id", experiment.id)
      .eq("number", 1)
      .single();
    const { data: comment, error } = await as.operations
      .from("experiment_comments")
      .insert({
        organization_id: org.orgId,
        experiment_id: experiment.id,
        version_id: version!.id,
        body: "This line caused INC-7",
        anchor: { field: "prompt", start: 0, end: 1 },
      })
      .select()
      .single();
    expect(error).toBeNull();
    expect(comment).toMatchObject({
      created_by: org.users.operations.id,
      anchor: { field: "prompt", start: 0, end: 1 },
    });
    const hijack = await as.product_manager
      .from("experiment_comments")
      .update({ body: "x" })
      .eq("id", comment!.id)
      .select();
    expect(hijack.data).toEqual([]);
    const removed = await as.admin
      .from("experiment_comments")
      .delete()
      .eq("id", comment!.id)
      .select();
    expect(removed.data).toHaveLength(1);
  });
});

describe("versions, branches and forks", () => {
  it("versions are immutable, for everyone", async () => {
    const experiment = await draft(as.prompt_engineer, "Immutable");
    const { data: versions } = await as.prompt_engineer
      .from("experiment_versions")
      .select("id")
      .eq("experiment_id", experiment.id)
      .order("number");
    const update = await as.prompt_engineer
      .from("experiment_versions")
      .update({ model: "gpt-5" })
      .eq("id", versions![0]!.id)
      .select();
    expect(update.data ?? []).toEqual([]);
    const [unchanged] =
      await adminSql`select model from public.experiment_versions where id = ${versions![0]!.id}`;
    expect(unchanged!.model).toBe("gpt-4o-mini");
    expect(
      await sqlErrorCode(
        adminSql`update public.experiment_versions set model = 'gpt-5' where id = ${versions![0]!.id}`,
      ),
    ).toBe("42501");
    expect(
      await sqlErrorCode(
        adminSql`delete from public.experiment_versions where id = ${versions![0]!.id}`,
      ),
    ).toBe("42501");
  });

  it("branch_version creates a new version from a parent, on its branch or a new one, and diff compares them", async () => {
    const experiment = await draft(as.prompt_engineer, "Branching");
    const { data: root } = await as.prompt_engineer
      .from("experiment_versions")
      .select()
      .eq("experiment_id", experiment.id)
      .eq("number", 1)
      .single();
    expect(root).toMatchObject({ branch: "main", parent_version_id: null });
    const next = await as.prompt_engineer.rpc("branch_version", {
      p_parent_version_id: root!.id,
      p_change_message: "Cooler",
      p_changes: { temperature: 0.2 },
    });
    expect(next.error).toBeNull();
    expect(next.data).toMatchObject({
      number: 3,
      branch: "main",
      parent_version_id: root!.id,
      prompt_text: "A",
      model: "gpt-4o-mini",
      temperature: 0.2,
      created_by: org.users.prompt_engineer.id,
    });
    const branch = await as.product_manager.rpc("branch_version", {
      p_parent_version_id: root!.id,
      p_change_message: "Try Claude",
      p_changes: { provider: "anthropic", model: "claude-3-5-sonnet", stop_sequences: ["END"] },
      p_branch: "claude",
    });
    expect(branch.data).toMatchObject({ number: 4, branch: "claude", parent_version_id: root!.id });
    const bad = await as.prompt_engineer.rpc("branch_version", {
      p_parent_version_id: root!.id,
      p_change_message: "Sneaky",
      p_changes: { created_by: org.users.admin.id },
    });
    expect(bad.error?.code).toBe("22023");

    const diff = await as.enablement.rpc("version_diff", {
      p_from_version_id: root!.id,
      p_to_version_id: branch.data!.id,
    });
    const changed = diff.data!.filter((row) => row.changed).map((row) => row.field);
    expect(changed).toEqual(["provider", "model", "stop_sequences", "branch", "change_message"]);
    expect(diff.data!.find((row) => row.field === "prompt")).toMatchObject({
      from_value: "A",
      to_value: "A",
      changed: false,
    });
  });

  it("a live experiment takes no new versions: fork it, and the fork keeps the history", async () => {
    const live = await activeExperiment(org, { capabilityKey: "Fork" });
    const onLive = await as.prompt_engineer.rpc("branch_version", {
      p_parent_version_id: live.versions.control!,
      p_change_message: "Tweak",
      p_changes: { temperature: 0.1 },
    });
    expect(onLive.error?.code).toBe("55000");

    const fork = await as.prompt_engineer.rpc("fork_experiment", {
      p_experiment_id: live.experiment,
    });
    expect(fork.error).toBeNull();
    expect(fork.data).toMatchObject({
      status: "draft",
      origin_experiment_id: live.experiment,
      name: "Fork experiment (fork)",
    });
    const { data: original } = await as.prompt_engineer
      .from("experiments")
      .select("salt")
      .eq("id", live.experiment)
      .single();
    expect(fork.data!.salt).not.toBe(original!.salt);
    const { data: copies } = await as.prompt_engineer
      .from("experiment_versions")
      .select("id, parent_version_id, prompt_text, number")
      .eq("experiment_id", fork.data!.id)
      .order("number");
    expect(copies!.map((c) => c.parent_version_id).sort()).toEqual(
      [live.versions.control, live.versions.treatment].sort(),
    );
    const { data: variants } = await as.prompt_engineer
      .from("experiment_variants")
      .select("key, allocation_bp, version_id")
      .eq("experiment_id", fork.data!.id)
      .order("position");
    expect(variants!.map((v) => [v.key, v.allocation_bp])).toEqual([
      ["control", 5000],
      ["treatment", 5000],
    ]);
    expect(copies!.map((c) => c.id)).toContain(variants![0]!.version_id);
    const onFork = await as.prompt_engineer.rpc("branch_version", {
      p_parent_version_id: variants![1]!.version_id,
      p_change_message: "Tweak on the fork",
      p_changes: { temperature: 0.1 },
    });
    expect(onFork.error).toBeNull();
  });
});

describe("templates", () => {
  it("declarations must match the body, and every variable must be bound by versions using it", async () => {
    const { data: template } = await as.prompt_engineer
      .from("prompt_templates")
      .insert({ organization_id: org.orgId, name: "Opener" })
      .select()
      .single();
    const mismatch = await as.prompt_engineer.from("prompt_template_versions").insert({
      organization_id: org.orgId,
      template_id: template!.id,
      body: "Hi {{customer_name}} {{tone}}",
      variables: [
        { name: "customer_name", type: "text" },
        { name: "unused", type: "number" },
      ],
    });
    expect(mismatch.error?.code).toBe("22023");
    expect(mismatch.error?.message).toMatch(
      /\{\{tone\}\} is used but not declared; unused is declared but not used/,
    );

    const derived = await as.prompt_engineer
      .from("prompt_template_versions")
      .insert({
        organization_id: org.orgId,
        template_id: template!.id,
        body: "Hi {{ customer_name }}, {{tone}}",
      })
      .select()
      .single();
    expect(derived.data).toMatchObject({
      number: 1,
      variables: [
        { name: "customer_name", type: "text" },
        { name: "tone", type: "text" },
      ],
    });

    const experiment = await draft(as.prompt_engineer, "Templated");
    const unbound = await as.prompt_engineer.from("experiment_versions").insert({
      organization_id: org.orgId,
      experiment_id: experiment.id,
      change_message: "Use the template",
      provider: "openai",
      model: "gpt-4o",
      template_version_id: derived.data!.id,
      template_bindings: { tone: "warm" },
    });
    expect(unbound.error?.code).toBe("22023");
    expect(unbound.error?.message).toMatch(/customer_name is not bound/);
    const bound = await as.prompt_engineer.from("experiment_versions").insert({
      organization_id: org.orgId,
      experiment_id: experiment.id,
      change_message: "Use the template",
      provider: "openai",
      model: "gpt-4o",
      template_version_id: derived.data!.id,
      template_bindings: { tone: "warm", customer_name: "there" },
    });
    expect(bound.error).toBeNull();
  });

  it("preview renders sample values and lists what is missing", async () => {
    const { data } = await as.engineer.rpc("preview_prompt_template", {
      p_body: "Hi {{name}}, {{count}} items",
      p_values: { name: "Ann" },
      p_variables: [
        { name: "name", type: "text" },
        { name: "count", type: "number" },
      ],
    });
    expect(data).toEqual([
      {
        rendered: "Hi Ann, {{count}} items",
        variables: [
          { name: "name", type: "text" },
          { name: "count", type: "number" },
        ],
        problems: ["count is not bound"],
      },
    ]);
    // One pass: a value that looks like a placeholder is inserted as is.
    const { data: once } = await as.engineer.rpc("preview_prompt_template", {
      p_body: "Hi {{ name }}, {{count}} items, {{name}}",
      p_values: { name: "{{count}}", count: 3 },
      p_variables: [
        { name: "name", type: "text" },
        { name: "count", type: "number" },
      ],
    });
    expect(once![0]!.rendered).toBe("Hi {{count}}, 3 items, {{count}}");
  });
});

describe("deployments and rollback", () => {
  it("rolls back one scope to the previous deployment, recording who, when and why; the impact view says what changes", async () => {
    const live = await activeExperiment(org, { capabilityKey: "Rollback" });
    // Promote the treatment to everyone, then narrow an action to the control.
    const promote = await as.product_manager.rpc("deploy", {
      p_capability_id: live.capability,
      p_version_id: live.versions.treatment,
      p_note: "Promote treatment",
    });
    expect(promote.error).toBeNull();
    await as.prompt_engineer.rpc("deploy", {
      p_capability_id: live.capability,
      p_action_id: live.action,
      p_version_id: live.versions.control,
    });

    const impact = await as.operations.rpc("deployment_impact", {
      p_capability_id: live.capability,
    });
    expect(impact.error).toBeNull();
    expect(
      impact.data!.map((row) => [
        row.action_key,
        row.is_target,
        row.change,
        row.version_id,
        row.after_version_id,
      ]),
    ).toEqual([
      [null, true, "rolls_back", live.versions.treatment, live.versions.control],
      ["RollbackAction", false, "keeps_own_deployment", live.versions.control, null],
    ]);
    expect(impact.data![0]).toMatchObject({
      after_experiment_id: live.experiment,
      after_version_label: "Rollback experiment v1 (main)",
    });

    const noReason = await as.operations.rpc("rollback_deployment", {
      p_capability_id: live.capability,
      p_reason: " ",
    });
    expect(noReason.error?.code).toBe("22023");
    const byEngineer = await as.engineer.rpc("rollback_deployment", {
      p_capability_id: live.capability,
      p_reason: "Spike",
    });
    expect(byEngineer.error?.code).toBe("42501");
    const rolledBack = await as.operations.rpc("rollback_deployment", {
      p_capability_id: live.capability,
      p_reason: "Escalations spiked after the promotion",
    });
    expect(rolledBack.error).toBeNull();
    expect(rolledBack.data).toMatchObject({
      kind: "rollback",
      version_id: live.versions.control,
      experiment_id: live.experiment,
      replaced_deployment_id: promote.data!.id,
      restored_deployment_id: live.deployment,
      deployed_by: org.users.operations.id,
      note: "Escalations spiked after the promotion",
    });
    const { data: history } = await as.enablement
      .from("deployments")
      .select("id, superseded_at")
      .eq("capability_id", live.capability)
      .is("action_id", null)
      .order("deployed_at");
    expect(history!.map((d) => d.superseded_at === null)).toEqual([false, false, true]);

    // The first deployment of a scope has nothing before it.
    const again = await as.operations.rpc("rollback_deployment", {
      p_capability_id: live.capability,
      p_reason: "Further back",
    });
    expect(again.error?.code).toBe("55000");
    expect(again.error?.message).toMatch(/nothing to roll back to/);
    const deployments =
      await adminSql`select 1 from public.deployments where capability_id = ${live.capability}`;
    expect(
      await sqlErrorCode(
        adminSql`update public.deployments set note = 'x' where id = ${live.deployment}`,
      ),
    ).toBe("42501");
    expect(
      await sqlErrorCode(adminSql`delete from public.deployments where id = ${live.deployment}`),
    ).toBe("42501");
    expect(deployments.length).toBe(4);
  });

  it("only versions that went through review can be deployed", async () => {
    const unreviewed = await draft(as.prompt_engineer, "Never reviewed");
    const { data: version } = await as.prompt_engineer
      .from("experiment_versions")
      .select("id")
      .eq("experiment_id", unreviewed.id)
      .eq("number", 1)
      .single();
    const { error } = await as.product_manager.rpc("deploy", {
      p_capability_id: capability,
      p_version_id: version!.id,
    });
    expect(error?.code).toBe("55000");
    expect(error?.message).toMatch(/approved and went active/);
  });
});

describe("audit trail", () => {
  it("records changes to experiments, versions, approvals and deployments, with who did them", async () => {
    const live = await activeExperiment(org, { capabilityKey: "Audited" });
    const { data } = await as.admin
      .from("audit_log")
      .select("entity_type, action, actor_id, entity_id")
      .eq("organization_id", org.orgId)
      .in("entity_id", [live.experiment, live.deployment, ...Object.values(live.versions)]);
    const kinds = new Set(data!.map((row) => `${row.entity_type} ${row.action}`));
    for (const kind of [
      "experiments insert",
      "experiments update",
      "experiment_versions insert",
      "deployments insert",
    ]) {
      expect(kinds).toContain(kind);
    }
    const activation = await adminSql<{ actor_id: string }[]>`
      select actor_id from public.audit_log
      where entity_id = ${live.experiment} and action = 'update' and after ->> 'status' = 'active'`;
    expect(activation.map((r) => r.actor_id)).toEqual([org.users.prompt_engineer.id]);
    const approvals = await adminSql<{ actor_id: string }[]>`
      select actor_id from public.audit_log
      where entity_type = 'experiment_reviews' and after ->> 'experiment_id' = ${live.experiment}`;
    expect(approvals.map((r) => r.actor_id)).toEqual([org.users.product_manager.id]);
  });

  it("cannot be edited or deleted by anyone, superuser included", async () => {
    const [row] = await adminSql<{ id: number }[]>`
      select id from public.audit_log where organization_id = ${org.orgId} limit 1`;
    expect(
      await sqlErrorCode(
        adminSql`update public.audit_log set entity_type = 'x' where id = ${row!.id}`,
      ),
    ).toBe("42501");
    expect(await sqlErrorCode(adminSql`delete from public.audit_log where id = ${row!.id}`)).toBe(
      "42501",
    );
    expect(await sqlErrorCode(adminSql`truncate public.audit_log`)).toBe("42501");
  });
});
