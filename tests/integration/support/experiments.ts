import type { TransactionSql } from "postgres";
import { signedInClient, type Client } from "./clients";
import { adminSql, deleteOrganization } from "./db";
import type { FixtureUser } from "./fixture";

export const ROLES = [
  "product_manager",
  "prompt_engineer",
  "operations",
  "engineer",
  "enablement",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD = "experiments-password";

export interface TestOrg {
  orgId: string;
  slug: string;
  /** One member per role, plus a second product manager and admin to review. */
  users: Record<Role | "product_manager_2" | "admin_2", FixtureUser>;
  delete(): Promise<void>;
}

/**
 * A fresh organization with one member per role (plus a second product manager and admin), for
 * tests that change state. Deleting it at the end removes everything it holds, its audit log
 * included: the one way history leaves the database.
 */
export async function createTestOrg(prefix: string): Promise<TestOrg> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const slug = `${prefix}-${suffix}`;
  const [org] = await adminSql<{ id: string }[]>`
    insert into public.organizations (name, slug) values (${"Test " + slug}, ${slug}) returning id`;
  const users = {} as TestOrg["users"];
  for (const role of [...ROLES, "product_manager_2", "admin_2"] as const) {
    const email = `${role.replace(/_/g, "-")}.${slug}@experiments.test`;
    const [user] = await adminSql<{ id: string }[]>`
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
      values (gen_random_uuid(), 'authenticated', 'authenticated', ${email},
              extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)), now(),
              '{"provider":"email","providers":["email"]}', ${adminSql.json({ display_name: role })})
      returning id`;
    await adminSql`insert into public.memberships (organization_id, user_id, role)
                   values (${org!.id}, ${user!.id}, ${role.replace(/_2$/, "")})`;
    users[role] = { id: user!.id, email };
  }
  return {
    orgId: org!.id,
    slug,
    users,
    delete: async () => {
      await deleteOrganization(org!.id);
      await adminSql`delete from auth.users where email like ${"%." + slug + "@experiments.test"}`;
    },
  };
}

export function signIn(user: FixtureUser): Promise<Client> {
  return signedInClient(user.email, PASSWORD);
}

/**
 * Runs `fn` as `user` would through PostgREST (role authenticated and the JWT claims), and
 * commits: for setting up state as a real member would, triggers and policies included.
 */
export async function asMember<T>(
  user: FixtureUser,
  fn: (tx: TransactionSql) => T | PromiseLike<T>,
): Promise<T> {
  let result: T | undefined;
  await adminSql.begin(async (tx) => {
    const claims = JSON.stringify({ sub: user.id, email: user.email, role: "authenticated" });
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${claims}, true),
                    set_config('request.jwt.claim.sub', ${user.id}, true),
                    set_config('request.jwt.claim.role', 'authenticated', true)`;
    result = await fn(tx);
  });
  return result as T;
}

export type VariantKey = "control" | "treatment";

export interface ServingSetup {
  capability: string;
  capabilityKey: string;
  action: string;
  intent: string;
  primaryMetric: string;
  experiment: string;
  /** Variant key → version id / variant id. */
  versions: Record<VariantKey, string>;
  variants: Record<VariantKey, string>;
  deployment: string;
}

/**
 * A capability with an active two-variant experiment deployed on it, built through the RPCs as
 * the members would: prompt engineer authors, product manager approves.
 */
export async function activeExperiment(
  org: TestOrg,
  options: { capabilityKey?: string; allocations?: [number, number]; salt?: string } = {},
): Promise<ServingSetup> {
  const pe = org.users.prompt_engineer;
  const capabilityKey = options.capabilityKey ?? "QualifyLead";
  const ids = await asMember(pe, async (tx) => {
    const [capability] = await tx<{ id: string }[]>`
      insert into public.capabilities (organization_id, key, name)
      values (${org.orgId}, ${capabilityKey}, ${capabilityKey}) returning id`;
    const [action] = await tx<{ id: string }[]>`
      insert into public.actions (organization_id, key, name)
      values (${org.orgId}, ${capabilityKey + "Action"}, 'Action') returning id`;
    const [intent] = await tx<{ id: string }[]>`
      insert into public.intents (organization_id, key, name)
      values (${org.orgId}, ${capabilityKey + "Intent"}, 'Intent') returning id`;
    const [metric] = await tx<{ id: string }[]>`
      insert into public.metric_definitions (organization_id, key, name, aggregation, direction)
      values (${org.orgId}, ${"conversion_" + capabilityKey.toLowerCase()}, 'Conversion', 'rate', 'higher_is_better')
      returning id`;
    const [allocA, allocB] = options.allocations ?? [5000, 5000];
    const [experiment] = await tx<{ id: string }[]>`
      select id from public.create_experiment(${org.orgId}, ${tx.json({
        name: `${capabilityKey} experiment`,
        hypothesis: "B converts better",
        capability_id: capability!.id,
        primary_metric_id: metric!.id,
        variants: [
          {
            key: "control",
            allocation_bp: allocA,
            version: { provider: "openai", model: "gpt-4o-mini", prompt_text: "Prompt A" },
          },
          {
            key: "treatment",
            allocation_bp: allocB,
            version: { provider: "anthropic", model: "claude-3-5-haiku", prompt_text: "Prompt B" },
          },
        ],
      })})`;
    if (options.salt) {
      await tx`update public.experiments set salt = ${options.salt} where id = ${experiment!.id}`;
    }
    await tx`select public.transition_experiment(${experiment!.id}, 'in_review')`;
    return {
      capability: capability!.id,
      action: action!.id,
      intent: intent!.id,
      metric: metric!.id,
      experiment: experiment!.id,
    };
  });
  await asMember(
    org.users.product_manager,
    (tx) => tx`select public.review_experiment(${ids.experiment}, 'approved', 'Ship it')`,
  );
  const deployment = await asMember(pe, async (tx) => {
    await tx`select public.transition_experiment(${ids.experiment}, 'active')`;
    const [row] = await tx<{ id: string }[]>`
      select id from public.deploy(p_capability_id => ${ids.capability}, p_experiment_id => ${ids.experiment},
                                   p_note => 'Start')`;
    return row!.id;
  });
  const variants = await adminSql<{ key: string; id: string; version_id: string }[]>`
    select key, id, version_id from public.experiment_variants where experiment_id = ${ids.experiment}`;
  return {
    capability: ids.capability,
    capabilityKey,
    action: ids.action,
    intent: ids.intent,
    primaryMetric: ids.metric,
    experiment: ids.experiment,
    versions: Object.fromEntries(variants.map((v) => [v.key, v.version_id])) as Record<
      VariantKey,
      string
    >,
    variants: Object.fromEntries(variants.map((v) => [v.key, v.id])) as Record<VariantKey, string>,
    deployment,
  };
}

/** Creates an org API key as the org's engineer; returns the plaintext. */
export async function createApiKey(
  org: TestOrg,
  scopes: string[],
): Promise<{ id: string; secret: string }> {
  return asMember(org.users.engineer, async (tx) => {
    const [key] = await tx<{ id: string; secret: string }[]>`
      select id, secret from public.create_api_key(${org.orgId}, 'test key', ${scopes})`;
    return key!;
  });
}

/** The Postgres error code a promise rejected with (postgres.js) or undefined if it resolved. */
export async function sqlErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}
