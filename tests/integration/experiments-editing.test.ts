import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../src/lib/database.types";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import { createTestOrg, signIn, type TestOrg } from "./support/experiments";

/**
 * Editing drafts in one database operation (20261121003200_experiment_editing.sql), through
 * supabase-js with real sign-ins: set_control_variant and update_experiment_details, their
 * all-or-nothing behaviour, and the errors people see. Comment editing and moderation is plain
 * table writes, covered by the RLS matrix and experiments.test.ts.
 */

let org: TestOrg;
let other: TestOrg;
const as = {} as Record<
  "prompt_engineer" | "product_manager" | "engineer" | "admin" | "outsider",
  Client
>;
const ids = {} as Record<
  | "capability"
  | "capability2"
  | "intent"
  | "intent2"
  | "action"
  | "action2"
  | "conversion"
  | "escalation"
  | "csat"
  | "foreignIntent",
  string
>;

async function insert(client: Client, table: string, row: Record<string, unknown>) {
  const { data, error } = await client
    .from(table as "capabilities")
    .insert({ organization_id: org.orgId, ...row } as never)
    .select("id")
    .single();
  expect(error).toBeNull();
  return data!.id;
}

beforeAll(async () => {
  org = await createTestOrg("exp-editing");
  other = await createTestOrg("exp-editing-other");
  as.prompt_engineer = await signIn(org.users.prompt_engineer);
  as.product_manager = await signIn(org.users.product_manager);
  as.engineer = await signIn(org.users.engineer);
  as.admin = await signIn(org.users.admin);
  as.outsider = await signIn(other.users.admin);
  const pe = as.prompt_engineer;
  ids.capability = await insert(pe, "capabilities", { key: "BookDemo", name: "Book demo" });
  ids.capability2 = await insert(pe, "capabilities", { key: "Qualify", name: "Qualify lead" });
  ids.intent = await insert(pe, "intents", { key: "Pricing", name: "Pricing" });
  ids.intent2 = await insert(pe, "intents", { key: "Support", name: "Support" });
  ids.action = await insert(pe, "actions", { key: "Greet", name: "Greet" });
  ids.action2 = await insert(pe, "actions", { key: "Schedule", name: "Schedule" });
  const metric = (key: string, direction: string) =>
    insert(pe, "metric_definitions", { key, name: key, aggregation: "rate", direction });
  ids.conversion = await metric("conversion", "higher_is_better");
  ids.escalation = await metric("escalation", "lower_is_better");
  ids.csat = await metric("csat", "higher_is_better");
  const [foreign] = await adminSql<{ id: string }[]>`
    insert into public.intents (organization_id, key, name)
    values (${other.orgId}, 'Elsewhere', 'Elsewhere') returning id`;
  ids.foreignIntent = foreign!.id;
}, 60_000);

afterAll(async () => {
  await org.delete();
  await other.delete();
  await adminSql.end();
});

/** A draft with a control, a second variant "b", one intent, one action and two metrics. */
async function draft(name: string) {
  const { data, error } = await as.prompt_engineer.rpc("create_experiment", {
    p_organization_id: org.orgId,
    p_experiment: {
      name,
      hypothesis: "B books more demos",
      capability_id: ids.capability,
      intent_ids: [ids.intent],
      action_ids: [ids.action],
      primary_metric_id: ids.conversion,
      guardrail_metric_ids: [ids.escalation],
      variants: [
        { key: "control", version: { provider: "openai", model: "gpt-4o-mini", prompt_text: "A" } },
        { key: "b", version: { provider: "openai", model: "gpt-4o", prompt_text: "B" } },
      ],
    },
  });
  expect(error).toBeNull();
  const variants = await adminSql<{ id: string; key: string }[]>`
    select id, key from public.experiment_variants where experiment_id = ${data!.id}`;
  const variant = Object.fromEntries(variants.map((v) => [v.key, v.id])) as Record<
    "control" | "b",
    string
  >;
  return { id: data!.id, variant };
}

async function controls(experimentId: string) {
  const rows = await adminSql<{ key: string }[]>`
    select key from public.experiment_variants
    where experiment_id = ${experimentId} and is_control order by key`;
  return rows.map((row) => row.key);
}

async function details(experimentId: string) {
  const [experiment] = await adminSql<
    { name: string; hypothesis: string; capability_id: string }[]
  >`
    select name, hypothesis, capability_id from public.experiments where id = ${experimentId}`;
  const intents = await adminSql<{ intent_id: string }[]>`
    select intent_id from public.experiment_intents where experiment_id = ${experimentId}`;
  const actions = await adminSql<{ action_id: string }[]>`
    select action_id from public.experiment_actions where experiment_id = ${experimentId}`;
  const metrics = await adminSql<{ metric_id: string; role: string }[]>`
    select metric_id, role from public.experiment_metrics
    where experiment_id = ${experimentId} order by role, metric_id`;
  return {
    ...experiment!,
    intents: intents.map((row) => row.intent_id).sort(),
    actions: actions.map((row) => row.action_id).sort(),
    metrics: metrics.map((row) => [row.metric_id, row.role]),
  };
}

describe("set_control_variant", () => {
  it("moves the control in one call, and calling it again changes nothing", async () => {
    const experiment = await draft("Move control");
    expect(await controls(experiment.id)).toEqual(["control"]);

    const moved = await as.prompt_engineer.rpc("set_control_variant", {
      p_variant_id: experiment.variant.b,
    });
    expect(moved.error).toBeNull();
    expect(moved.data).toMatchObject({ id: experiment.variant.b, is_control: true });
    expect(await controls(experiment.id)).toEqual(["b"]);

    const again = await as.admin.rpc("set_control_variant", { p_variant_id: experiment.variant.b });
    expect(again.error).toBeNull();
    expect(await controls(experiment.id)).toEqual(["b"]);
  });

  it("is all or nothing: when marking the new control fails, the old one stays the control", async () => {
    const experiment = await draft("Control rollback");
    // Stands in for any failure between the two writes (the old client code made two requests).
    await adminSql.unsafe(`
      create function public.test_refuse_control() returns trigger language plpgsql as $$
      begin
        if new.is_control and new.id = '${experiment.variant.b}' then
          raise exception 'Simulated failure' using errcode = '55000';
        end if;
        return new;
      end $$;
      create trigger test_refuse_control before update on public.experiment_variants
        for each row execute function public.test_refuse_control();`);
    try {
      const { error } = await as.prompt_engineer.rpc("set_control_variant", {
        p_variant_id: experiment.variant.b,
      });
      expect(error?.message).toMatch(/Simulated failure/);
      expect(await controls(experiment.id)).toEqual(["control"]);
    } finally {
      await adminSql.unsafe(`
        drop trigger test_refuse_control on public.experiment_variants;
        drop function public.test_refuse_control();`);
    }
  });

  it("refuses non-editors, other organizations and experiments past draft, with what to do", async () => {
    const experiment = await draft("Control guards");
    const byEngineer = await as.engineer.rpc("set_control_variant", {
      p_variant_id: experiment.variant.b,
    });
    expect(byEngineer.error?.code).toBe("42501");
    expect(byEngineer.error?.message).toMatch(/Only product managers, prompt engineers and admins/);
    const byOutsider = await as.outsider.rpc("set_control_variant", {
      p_variant_id: experiment.variant.b,
    });
    expect(byOutsider.error?.code).toBe("42501");

    await adminSql`update public.experiment_variants set allocation_bp = 5000 where experiment_id = ${experiment.id}`;
    const submitted = await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "in_review",
    });
    expect(submitted.error).toBeNull();
    const late = await as.prompt_engineer.rpc("set_control_variant", {
      p_variant_id: experiment.variant.b,
    });
    expect(late.error?.code).toBe("55000");
    expect(late.error?.message).toMatch(
      /Only draft experiments can be edited \(this one is in_review\)/,
    );
    expect(await controls(experiment.id)).toEqual(["control"]);
  });
});

describe("update_experiment_details", () => {
  it("changes name, hypothesis, capability, intents, actions and metrics in one call", async () => {
    const experiment = await draft("Details");
    const { data, error } = await as.product_manager.rpc("update_experiment_details", {
      p_experiment_id: experiment.id,
      p_details: {
        name: "  Details, edited  ",
        hypothesis: "Qualifying first books more demos",
        capability_id: ids.capability2,
        intent_ids: [ids.intent2, ids.intent2],
        action_ids: [ids.action, ids.action2],
        // The guardrail becomes the primary and the old primary a guardrail, in one go.
        primary_metric_id: ids.escalation,
        guardrail_metric_ids: [ids.conversion, ids.csat],
      },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: experiment.id, name: "Details, edited", status: "draft" });
    expect(await details(experiment.id)).toEqual({
      name: "Details, edited",
      hypothesis: "Qualifying first books more demos",
      capability_id: ids.capability2,
      intents: [ids.intent2],
      actions: [ids.action, ids.action2].sort(),
      metrics: [
        [ids.escalation, "primary"],
        ...[ids.conversion, ids.csat].sort().map((id) => [id, "guardrail"]),
      ],
    });
  });

  it("keeps what it is not given, and rewrites only what changed", async () => {
    const experiment = await draft("Partial");
    const before = await details(experiment.id);
    const { error } = await as.prompt_engineer.rpc("update_experiment_details", {
      p_experiment_id: experiment.id,
      // Promoting the guardrail without listing guardrails: it stops being one.
      p_details: { intent_ids: [ids.intent], primary_metric_id: ids.escalation },
    });
    expect(error).toBeNull();
    expect(await details(experiment.id)).toEqual({
      ...before,
      metrics: [[ids.escalation, "primary"]],
    });
    const audited = await adminSql<{ entity_type: string; action: string }[]>`
      select entity_type, action from public.audit_log
      where organization_id = ${org.orgId} and actor_id = ${org.users.prompt_engineer.id}
        and entity_type in ('experiments', 'experiment_intents', 'experiment_metrics')
        and (after ->> 'experiment_id' = ${experiment.id} or before ->> 'experiment_id' = ${experiment.id}
             or entity_id = ${experiment.id})
        and created_at > (select created_at from public.experiments where id = ${experiment.id})
        and action <> 'insert'
      order by id`;
    // The conversion metric left, the escalation metric changed role; the intent and the
    // experiment row were not touched.
    expect(audited).toEqual([
      { entity_type: "experiment_metrics", action: "delete" },
      { entity_type: "experiment_metrics", action: "update" },
    ]);
  });

  it("refuses bad input with a message naming it, and saves nothing when any part is refused", async () => {
    const experiment = await draft("Refusals");
    const before = await details(experiment.id);
    const attempt = (p_details: Json) =>
      as.prompt_engineer.rpc("update_experiment_details", {
        p_experiment_id: experiment.id,
        p_details,
      });

    const cases: [Json, RegExp][] = [
      [{ status: "active" }, /cannot be edited here: status/],
      [{ name: "X" }, /name must be 2 to 120 characters/],
      [{ capability_id: null }, /capability_id is required/],
      [{ intent_ids: "all" }, /intent_ids must be a list of ids/],
      [{ action_ids: ["nope"] }, /action_ids must be an id/],
      [
        { primary_metric_id: ids.csat, guardrail_metric_ids: [ids.csat] },
        /primary metric cannot also be a guardrail/,
      ],
      [{ intent_ids: [ids.foreignIntent] }, /No intent with the id .* in this organization/],
      // The name is fine, the intent is not: the name is not saved either.
      [{ name: "Half saved", intent_ids: [crypto.randomUUID()] }, /No intent with the id/],
    ];
    for (const [input, message] of cases) {
      const { error } = await attempt(input);
      expect({ input, code: error?.code }).toEqual({ input, code: "22023" });
      expect(error?.message).toMatch(message);
    }
    expect(await details(experiment.id)).toEqual(before);
  });

  it("refuses newly chosen archived entries but keeps archived ones the draft already uses", async () => {
    const experiment = await draft("Archived");
    const archive = (table: string, id: string) =>
      adminSql`update ${adminSql("public." + table)} set archived_at = now() where id = ${id}`;
    const [intent] = await adminSql<{ id: string }[]>`
      insert into public.intents (organization_id, key, name)
      values (${org.orgId}, 'Retired', 'Retired intent') returning id`;
    await archive("intents", intent!.id);
    await archive("actions", ids.action);
    try {
      const added = await as.prompt_engineer.rpc("update_experiment_details", {
        p_experiment_id: experiment.id,
        p_details: { intent_ids: [ids.intent, intent!.id] },
      });
      expect(added.error?.code).toBe("22023");
      expect(added.error?.message).toMatch(/Archived .* intent Retired intent/);

      // The archived action is already linked: saving the same list again is fine.
      const kept = await as.prompt_engineer.rpc("update_experiment_details", {
        p_experiment_id: experiment.id,
        p_details: { action_ids: [ids.action, ids.action2] },
      });
      expect(kept.error).toBeNull();
      expect((await details(experiment.id)).actions).toEqual([ids.action, ids.action2].sort());
    } finally {
      await adminSql`update public.actions set archived_at = null where id = ${ids.action}`;
    }
  });

  it("is for editors of their own organization's drafts only", async () => {
    const experiment = await draft("Who edits");
    const change = { p_experiment_id: experiment.id, p_details: { name: "Renamed" } };
    for (const client of [as.engineer, as.outsider]) {
      const { error } = await client.rpc("update_experiment_details", change);
      expect(error?.code).toBe("42501");
    }
    await adminSql`update public.experiment_variants set allocation_bp = 5000 where experiment_id = ${experiment.id}`;
    await as.prompt_engineer.rpc("transition_experiment", {
      p_experiment_id: experiment.id,
      p_status: "in_review",
    });
    const late = await as.admin.rpc("update_experiment_details", change);
    expect(late.error?.code).toBe("55000");
    expect(late.error?.message).toMatch(/fork it to change it/);
    expect((await details(experiment.id)).name).toBe("Who edits");
  });
});
