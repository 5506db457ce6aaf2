import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSql } from "./support/db";
import { stackEnv } from "./support/env";
import {
  activeExperiment,
  asMember,
  createApiKey,
  createTestOrg,
  type ServingSetup,
  type TestOrg,
} from "./support/experiments";

/** The resolve edge function through the gateway, as a customer's backend calls it. */
const RESOLVE_URL = `${stackEnv.apiUrl}/functions/v1/resolve`;

async function resolve(
  body: unknown,
  key: string | undefined,
  header: "x-api-key" | "bearer" = "x-api-key",
): Promise<{
  status: number;
  body: Record<string, unknown> & { error?: Record<string, unknown> };
}> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key && header === "x-api-key") headers["x-api-key"] = key;
  if (key && header === "bearer") headers.authorization = `Bearer ${key}`;
  const res = await fetch(RESOLVE_URL, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let org: TestOrg;
let other: TestOrg;
let setup: ServingSetup;
let key: string;

beforeAll(async () => {
  org = await createTestOrg("resolve");
  other = await createTestOrg("resolve-other");
  setup = await activeExperiment(org);
  key = (await createApiKey(org, ["resolve"])).secret;
}, 60_000);

afterAll(async () => {
  await org.delete();
  await other.delete();
  await adminSql.end();
});

const exposuresOf = async (unit: string) =>
  adminSql<{ variant_id: string; version_id: string; first_exposed_at: Date }[]>`
    select variant_id, version_id, first_exposed_at from public.exposures
    where experiment_id = ${setup.experiment} and unit_id = ${unit}`;

describe("resolve: good input", () => {
  it("returns the prompt, model, config and ids of the unit's variant, and records the exposure", async () => {
    const { status, body } = await resolve({ capability: "QualifyLead", unit_id: "alice" }, key);
    expect(status).toBe(200);
    expect(body.experiment_id).toBe(setup.experiment);
    expect(body.deployment_id).toBe(setup.deployment);
    const variantKey = body.variant_key as "control" | "treatment";
    expect(["control", "treatment"]).toContain(variantKey);
    expect(body.variant_id).toBe(setup.variants[variantKey]);
    expect(body.version_id).toBe(setup.versions[variantKey]);
    expect(body).toMatchObject(
      variantKey === "control"
        ? { prompt: "Prompt A", provider: "openai", model: "gpt-4o-mini" }
        : { prompt: "Prompt B", provider: "anthropic", model: "claude-3-5-haiku" },
    );
    expect(body.config).toEqual({
      system_prompt: null,
      temperature: null,
      top_p: null,
      max_tokens: null,
      stop_sequences: [],
      tools: [],
      params: {},
    });
    expect(body.scope).toEqual({ capability: "QualifyLead", action: null, intent: null });
    expect(body).not.toHaveProperty("status");
    const exposures = await exposuresOf("alice");
    expect(exposures).toEqual([
      expect.objectContaining({ variant_id: body.variant_id, version_id: body.version_id }),
    ]);
  });

  it("accepts the key as Authorization: Bearer too", async () => {
    const { status, body } = await resolve(
      { capability: "QualifyLead", unit_id: "bob" },
      key,
      "bearer",
    );
    expect(status).toBe(200);
    expect(body.experiment_id).toBe(setup.experiment);
  });

  it("is sticky over repeated calls, and still splits traffic across units", async () => {
    const first = await resolve({ capability: "QualifyLead", unit_id: "carol" }, key);
    for (let i = 0; i < 10; i++) {
      const again = await resolve({ capability: "QualifyLead", unit_id: "carol" }, key);
      expect(again.body.variant_id).toBe(first.body.variant_id);
    }
    const seen = new Set<unknown>();
    for (let i = 0; i < 40; i++) {
      seen.add(
        (await resolve({ capability: "QualifyLead", unit_id: `visitor-${i}` }, key)).body
          .variant_key,
      );
    }
    expect(seen).toEqual(new Set(["control", "treatment"]));
  });

  it("records the exposure once per unit, keeping the first exposure time", async () => {
    await resolve({ capability: "QualifyLead", unit_id: "dave" }, key);
    const [first] = await exposuresOf("dave");
    for (let i = 0; i < 5; i++) await resolve({ capability: "QualifyLead", unit_id: "dave" }, key);
    const after = await exposuresOf("dave");
    expect(after).toHaveLength(1);
    expect(after[0]!.first_exposed_at).toEqual(first!.first_exposed_at);
  });

  it("serves the most specific live scope, and falls back when an action or intent has none", async () => {
    const [narrow] = await asMember(
      org.users.product_manager,
      async (tx) => tx<{ id: string }[]>`
        select id from public.deploy(p_capability_id => ${setup.capability}, p_action_id => ${setup.action},
                                     p_version_id => ${setup.versions.treatment}, p_note => 'Action override')`,
    );
    const actionKey = "QualifyLeadAction";
    const exact = await resolve(
      { capability: "QualifyLead", action: actionKey, unit_id: "erin" },
      key,
    );
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({
      deployment_id: narrow!.id,
      version_id: setup.versions.treatment,
      experiment_id: null,
      variant_id: null,
      scope: { capability: "QualifyLead", action: actionKey, intent: null },
    });
    // An intent nobody deployed for, and one the taxonomy does not even know: the action scope.
    for (const intent of ["QualifyLeadIntent", "BrandNewIntentFromTheNlu"]) {
      const fallback = await resolve(
        { capability: "QualifyLead", action: actionKey, intent, unit_id: "erin" },
        key,
      );
      expect(fallback.body.deployment_id).toBe(narrow!.id);
    }
    const capabilityOnly = await resolve(
      { capability: "QualifyLead", intent: "QualifyLeadIntent", unit_id: "erin" },
      key,
    );
    expect(capabilityOnly.body.deployment_id).toBe(setup.deployment);
  });

  it("renders template versions, with request variables over the version's bindings", async () => {
    const { capability } = await asMember(org.users.prompt_engineer, async (tx) => {
      const [template] = await tx<{ id: string }[]>`
        insert into public.prompt_templates (organization_id, name) values (${org.orgId}, 'Greeting') returning id`;
      const [version] = await tx<{ id: string }[]>`
        insert into public.prompt_template_versions (organization_id, template_id, body, variables)
        values (${org.orgId}, ${template!.id}, 'Hi {{customer_name}}, about {{product}}: {{seats}} seats?',
                ${tx.json([
                  { name: "customer_name", type: "text", default: "there" },
                  { name: "product", type: "text" },
                  { name: "seats", type: "number" },
                ])})
        returning id`;
      const [cap] = await tx<{ id: string }[]>`
        insert into public.capabilities (organization_id, key, name) values (${org.orgId}, 'Greet', 'Greet')
        returning id`;
      const [metric] = await tx<{ id: string }[]>`select id from public.metric_definitions
                                                  where organization_id = ${org.orgId} limit 1`;
      const [experiment] = await tx<{ id: string }[]>`
        select id from public.create_experiment(${org.orgId}, ${tx.json({
          name: "Greeting",
          capability_id: cap!.id,
          primary_metric_id: metric!.id,
          submit: true,
          variants: [
            {
              version: {
                provider: "custom",
                model: "in-house-7b",
                template_version_id: version!.id,
                template_bindings: { product: "desks", seats: 10 },
                params: { base_url: "http://llm.internal" },
              },
            },
          ],
        })})`;
      return { capability: cap!.id, experiment: experiment!.id };
    }).then(async (created) => {
      await asMember(
        org.users.admin,
        (tx) => tx`select public.review_experiment(${created.experiment}, 'approved')`,
      );
      await asMember(org.users.prompt_engineer, async (tx) => {
        await tx`select public.transition_experiment(${created.experiment}, 'active')`;
        await tx`select public.deploy(p_capability_id => ${created.capability}, p_experiment_id => ${created.experiment})`;
      });
      return created;
    });
    expect(capability).toBeTruthy();

    const plain = await resolve({ capability: "Greet", unit_id: "frank" }, key);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      prompt: "Hi there, about desks: 10 seats?",
      provider: "custom",
      model: "in-house-7b",
    });
    expect((plain.body.config as { params: unknown }).params).toEqual({
      base_url: "http://llm.internal",
    });

    const personal = await resolve(
      {
        capability: "Greet",
        unit_id: "frank",
        variables: { customer_name: "Frank", seats: 3, unknown: "x" },
      },
      key,
    );
    expect(personal.body.prompt).toBe("Hi Frank, about desks: 3 seats?");

    const wrongType = await resolve(
      { capability: "Greet", unit_id: "frank", variables: { seats: "three" } },
      key,
    );
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error).toMatchObject({
      code: "validation_failed",
      details: [{ path: "variables", message: "seats: expected number, got string" }],
    });
  });
});

describe("resolve: bad input", () => {
  it("404 unknown_scope for a capability the organization does not have", async () => {
    const { status, body } = await resolve({ capability: "NoSuchCapability", unit_id: "u" }, key);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: "unknown_scope",
      details: { scope: { capability: "NoSuchCapability", action: null, intent: null } },
    });
    expect(body.error!.message).toContain("NoSuchCapability");
  });

  it("404 no_live_version, naming the scope, when nothing is deployed for it", async () => {
    await asMember(
      org.users.prompt_engineer,
      (tx) => tx`insert into public.capabilities (organization_id, key, name)
                 values (${org.orgId}, 'BookDemo', 'Book demo')`,
    );
    const { status, body } = await resolve(
      { capability: "BookDemo", action: "GetAvailability", unit_id: "u" },
      key,
    );
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: "no_live_version",
      details: { scope: { capability: "BookDemo", action: "GetAvailability", intent: null } },
    });
    expect(body.error!.message).toBe(
      "Nothing is deployed for capability BookDemo, action GetAvailability.",
    );
  });

  it("another organization's capabilities are unknown to this key", async () => {
    await asMember(
      other.users.prompt_engineer,
      (tx) => tx`insert into public.capabilities (organization_id, key, name)
                 values (${other.orgId}, 'OnlyInOther', 'Other')`,
    );
    const { status, body } = await resolve({ capability: "OnlyInOther", unit_id: "u" }, key);
    expect(status).toBe(404);
    expect(body.error!.code).toBe("unknown_scope");
  });

  it("401 revoked_api_key once the key is revoked", async () => {
    const revoked = await createApiKey(org, ["resolve"]);
    expect(
      (await resolve({ capability: "QualifyLead", unit_id: "u" }, revoked.secret)).status,
    ).toBe(200);
    await asMember(org.users.admin, (tx) => tx`select public.revoke_api_key(${revoked.id})`);
    const { status, body } = await resolve(
      { capability: "QualifyLead", unit_id: "u" },
      revoked.secret,
    );
    expect(status).toBe(401);
    expect(body.error!.code).toBe("revoked_api_key");
  });

  it("401 invalid_api_key for an unknown key, 401 missing_api_key for none", async () => {
    const unknown = await resolve(
      { capability: "QualifyLead", unit_id: "u" },
      "cw_000000000000_nope",
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.error!.code).toBe("invalid_api_key");
    const none = await resolve({ capability: "QualifyLead", unit_id: "u" }, undefined);
    expect(none.status).toBe(401);
    expect(none.body.error!.code).toBe("missing_api_key");
  });

  it("403 missing_scope for a key without the resolve scope", async () => {
    const ingestOnly = await createApiKey(org, ["ingest"]);
    const { status, body } = await resolve(
      { capability: "QualifyLead", unit_id: "u" },
      ingestOnly.secret,
    );
    expect(status).toBe(403);
    expect(body.error!.code).toBe("missing_scope");
  });

  it("422 validation_failed names the bad fields", async () => {
    const { status, body } = await resolve({ capability: "Qualify Lead", unit_id: "" }, key);
    expect(status).toBe(422);
    expect(body.error!.code).toBe("validation_failed");
    const paths = (body.error!.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["capability", "unit_id"]);
  });
});

describe("resolve: a paused experiment", () => {
  it("serves the deployed version with no assignment and no exposure, and resumes afterwards", async () => {
    const paused = await activeExperiment(org, { capabilityKey: "Recommend" });
    await asMember(
      org.users.operations,
      (tx) => tx`select public.transition_experiment(${paused.experiment}, 'paused')`,
    );
    const before =
      await adminSql`select 1 from public.exposures where experiment_id = ${paused.experiment}`;
    for (const unit of ["p1", "p2", "p3", "p4"]) {
      const { status, body } = await resolve({ capability: "Recommend", unit_id: unit }, key);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        experiment_id: null,
        variant_id: null,
        variant_key: null,
        version_id: paused.versions.control,
        deployment_id: paused.deployment,
        prompt: "Prompt A",
      });
    }
    const after =
      await adminSql`select 1 from public.exposures where experiment_id = ${paused.experiment}`;
    expect(after.length).toBe(before.length);

    await asMember(
      org.users.product_manager,
      (tx) => tx`select public.transition_experiment(${paused.experiment}, 'active')`,
    );
    const resumed = await resolve({ capability: "Recommend", unit_id: "p1" }, key);
    expect(resumed.body.experiment_id).toBe(paused.experiment);
  });
});
