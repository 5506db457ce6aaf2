import { adminSql } from "./db";
import { resetExperimentsFixture, type ExperimentIds } from "./experiments-fixture";
import { resetSavedViewsFixture, type SavedViewIds } from "./fixture-saved-views";
import { resetHubspotFixture, type HubspotIds } from "./fixture-hubspot";
import { resetGatewayFixture, type GatewayIds } from "./fixture-gateway";
import { refreshRollupsFixture } from "./fixture-rollups";
import { resetOutcomesFixture, type OutcomesIds } from "./fixture-outcomes";
import { MATRIX_ROLES, type MatrixRole } from "../../support/permissions-doc";

export const FIXTURE_PASSWORD = "matrix-password";
const ORG_SLUG = "rls-matrix";
const FOREIGN_SLUG = "rls-matrix-foreign";

export interface FixtureUser {
  id: string;
  email: string;
}

export interface Fixture {
  orgId: string;
  foreignOrgId: string;
  users: Record<MatrixRole, FixtureUser>;
  /** A plain member (prompt_engineer) whose rows are the targets of probes on other people's rows. */
  scratch: FixtureUser;
  foreignAdmin: FixtureUser;
  orgInvitationId: string;
  foreignInvitationId: string;
  orgKeyId: string;
  foreignKeyId: string;
  /** Experiments rows (taxonomy, experiments in every state, deployments...) of each organization. */
  experiments: { org: ExperimentIds; foreign: ExperimentIds };
  /** One ingested run, lifecycle event, outcome and feedback in each organization. */
  events: { org: EventIds; foreign: EventIds };
  /** Personal views of every user and one shared view in each organization. */
  savedViews: { org: SavedViewIds; foreign: SavedViewIds };
  /** A HubSpot connection, one mapping and one sync run in each organization. */
  hubspot: { org: HubspotIds; foreign: HubspotIds };
  /** An active provider key and an own model price in each organization. */
  gateway: { org: GatewayIds; foreign: GatewayIds };
  /** The rollup watermark after rolling the events up (rows for the rollup probes). */
  rollupsWatermark: string;
  /** One enabled webhook endpoint in each organization. */
  outcomes: { org: OutcomesIds; foreign: OutcomesIds };
}

export interface EventIds {
  run: string;
  lifecycle: string;
  outcome: string;
  feedback: string;
}

/** Ingested events are written only by the ingest RPC; the fixture writes them as superuser. */
async function ensureEvents(orgId: string): Promise<EventIds> {
  const hash = "00000000-0000-0000-0000-000000000000";
  const [run] = await adminSql<{ id: string }[]>`
    insert into public.llm_runs (organization_id, idempotency_key, event_hash, occurred_at, external_id, model, question, response)
    values (${orgId}, 'matrix-run', ${hash}, now(), 'matrix-run', 'gpt-4o', 'Q', 'A')
    on conflict (organization_id, idempotency_key) do update set model = excluded.model
    returning id`;
  const [lifecycle] = await adminSql<{ id: string }[]>`
    insert into public.run_lifecycle_events (organization_id, idempotency_key, event_hash, type, occurred_at, run_id)
    values (${orgId}, 'matrix-lifecycle', ${hash}, 'run_completed', now(), ${run!.id})
    on conflict (organization_id, idempotency_key) do update set run_id = excluded.run_id
    returning id`;
  const [outcome] = await adminSql<{ id: string }[]>`
    insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value, occurred_at, run_id)
    values (${orgId}, 'matrix-outcome', ${hash}, 'conversion', 1, now(), ${run!.id})
    on conflict (organization_id, idempotency_key) do update set value = excluded.value
    returning id`;
  const [feedback] = await adminSql<{ id: string }[]>`
    insert into public.feedback (organization_id, idempotency_key, event_hash, occurred_at, run_id, thumbs)
    values (${orgId}, 'matrix-feedback', ${hash}, now(), ${run!.id}, 'up')
    on conflict (organization_id, idempotency_key) do update set thumbs = excluded.thumbs
    returning id`;
  return { run: run!.id, lifecycle: lifecycle!.id, outcome: outcome!.id, feedback: feedback!.id };
}

const emailFor = (name: string) => `rls.${name.replace(/_/g, "-")}@matrix.test`;

async function ensureUser(name: string): Promise<FixtureUser> {
  const email = emailFor(name);
  const [row] = await adminSql<{ id: string }[]>`
    with existing as (select id from auth.users where email = ${email}),
    created as (
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
      select gen_random_uuid(), 'authenticated', 'authenticated', ${email},
             extensions.crypt(${FIXTURE_PASSWORD}, extensions.gen_salt('bf', 4)), now(),
             '{"provider":"email","providers":["email"]}', ${adminSql.json({ display_name: name })}
      where not exists (select 1 from existing)
      returning id
    )
    select id from existing union all select id from created`;
  return { id: row!.id, email };
}

/**
 * Creates (or puts back) two organizations with one user per role, a scratch member, an
 * invitation and an API key in each. Idempotent: HTTP probes call it after every write so each
 * probe starts from the same state.
 */
export async function ensureFixture(): Promise<Fixture> {
  const users = {} as Record<MatrixRole, FixtureUser>;
  for (const role of MATRIX_ROLES) users[role] = await ensureUser(role);
  const scratch = await ensureUser("scratch");
  const foreignAdmin = await ensureUser("foreign_admin");

  const orgs = await adminSql<{ id: string; slug: string }[]>`
    insert into public.organizations (name, slug) values ('RLS Matrix', ${ORG_SLUG}), ('RLS Matrix Foreign', ${FOREIGN_SLUG})
    on conflict (slug) do update set name = excluded.name
    returning id, slug`;
  const orgId = orgs.find((o) => o.slug === ORG_SLUG)!.id;
  const foreignOrgId = orgs.find((o) => o.slug === FOREIGN_SLUG)!.id;

  const members = [
    ...MATRIX_ROLES.filter((role) => role !== "non_member").map((role) => ({
      organization_id: orgId,
      user_id: users[role].id,
      role,
    })),
    { organization_id: orgId, user_id: scratch.id, role: "prompt_engineer" },
    { organization_id: foreignOrgId, user_id: foreignAdmin.id, role: "admin" },
  ];
  await adminSql`
    insert into public.memberships ${adminSql(members)}
    on conflict (organization_id, user_id) do update set role = excluded.role`;
  // Probes may have inserted rows; remove them so the next probe sees the same state.
  await adminSql`delete from public.memberships where user_id = ${users.non_member.id}`;
  await adminSql`delete from public.invitations where email like 'probe-%'`;
  await adminSql`delete from public.api_keys where name <> 'matrix key' and organization_id in (${orgId}, ${foreignOrgId})`;
  await adminSql`
    update public.profiles set display_name = split_part(email, '@', 1)
    where id in ${adminSql([...Object.values(users), scratch, foreignAdmin].map((u) => u.id))}`;

  // Un-revoke before the upsert: a revoked row falls out of the open-invitation index.
  await adminSql`update public.invitations set revoked_at = null where email = 'matrix.invitee@matrix.test'`;
  const invitations = await adminSql<{ id: string; organization_id: string }[]>`
    insert into public.invitations (organization_id, email, role)
    values (${orgId}, 'matrix.invitee@matrix.test', 'enablement'), (${foreignOrgId}, 'matrix.invitee@matrix.test', 'enablement')
    on conflict (organization_id, email) where accepted_at is null and revoked_at is null do update set role = excluded.role
    returning id, organization_id`;
  const keys = await adminSql<{ id: string; organization_id: string }[]>`
    insert into public.api_keys (organization_id, name, prefix, key_hash, scopes)
    values (${orgId}, 'matrix key', 'cw_matrixorg0', 'matrix-org-hash', '{ingest}'),
           (${foreignOrgId}, 'matrix key', 'cw_matrixfrn0', 'matrix-foreign-hash', '{ingest}')
    on conflict (prefix) do update
      set revoked_at = null, name = excluded.name, organization_id = excluded.organization_id
    returning id, organization_id`;

  // Experiments authored by the scratch member; reviewed by the product manager, who is not an
  // author; comments by every role that may comment; a notification for everyone.
  const experiments = await resetExperimentsFixture(
    {
      orgId,
      author: scratch,
      approver: users.product_manager,
      commenters: [
        scratch,
        ...(["product_manager", "prompt_engineer", "operations", "engineer", "admin"] as const).map(
          (role) => users[role],
        ),
      ],
      recipients: [scratch, ...MATRIX_ROLES.map((role) => users[role])],
    },
    {
      orgId: foreignOrgId,
      author: foreignAdmin,
      approver: foreignAdmin,
      commenters: [foreignAdmin],
      recipients: [foreignAdmin],
    },
  );

  return {
    orgId,
    foreignOrgId,
    users,
    scratch,
    foreignAdmin,
    orgInvitationId: invitations.find((i) => i.organization_id === orgId)!.id,
    foreignInvitationId: invitations.find((i) => i.organization_id === foreignOrgId)!.id,
    orgKeyId: keys.find((k) => k.organization_id === orgId)!.id,
    foreignKeyId: keys.find((k) => k.organization_id === foreignOrgId)!.id,
    experiments,
    events: { org: await ensureEvents(orgId), foreign: await ensureEvents(foreignOrgId) },
    rollupsWatermark: await refreshRollupsFixture(),
    savedViews: await resetSavedViewsFixture([
      { orgId, owners: [...Object.values(users), scratch], sharedBy: users.product_manager },
      { orgId: foreignOrgId, owners: [foreignAdmin], sharedBy: foreignAdmin },
    ]).then(([org, foreign]) => ({ org: org!, foreign: foreign! })),
    hubspot: await resetHubspotFixture([orgId, foreignOrgId]).then(([org, foreign]) => ({
      org: org!,
      foreign: foreign!,
    })),
    gateway: await resetGatewayFixture([orgId, foreignOrgId]).then(([org, foreign]) => ({
      org: org!,
      foreign: foreign!,
    })),
    outcomes: await resetOutcomesFixture([orgId, foreignOrgId]).then(([org, foreign]) => ({
      org: org!,
      foreign: foreign!,
    })),
  };
}
