import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient, type Client } from "./support/clients";
import { adminSql, asUser } from "./support/db";
import { ensureFixture, FIXTURE_PASSWORD, type Fixture } from "./support/fixture";
import {
  MATRIX_ROLES,
  readPermissionMatrix,
  type Access,
  type MatrixRole,
} from "../support/permissions-doc";
import { attemptWithHttp, attemptWithSql, PROBES, type Target } from "./support/probes";

const matrix = readPermissionMatrix();

/** What each cell promises for each kind of target row. */
function expected(access: Access, target: Target): boolean {
  if (target === "foreign") return false;
  if (access === "yes") return target === "org";
  if (access === "own") return target === "own";
  return false;
}

const TARGETS: Target[] = ["org", "own", "foreign"];

let fixture: Fixture;
const clients = {} as Record<MatrixRole, Client>;

beforeAll(async () => {
  fixture = await ensureFixture();
  for (const role of MATRIX_ROLES)
    clients[role] = await signedInClient(fixture.users[role].email, FIXTURE_PASSWORD);
});

afterAll(async () => {
  await ensureFixture();
  await adminSql.end();
});

it("has a probe for every row of docs/permissions.md and a row for every probe", () => {
  const documented = matrix.map((row) => `${row.resource} ${row.operation}`).sort();
  expect(documented).toEqual(Object.keys(PROBES).sort());
});

describe.each(matrix)("$resource $operation", (row) => {
  const probe = PROBES[`${row.resource} ${row.operation}`]!;

  it.each(MATRIX_ROLES)("matches the matrix for %s at the SQL level", async (role) => {
    const self = fixture.users[role];
    for (const target of TARGETS) {
      // Cells that are "yes" do not promise anything about the user's own row beyond the org's.
      if (target === "own" && row.access[role] === "yes") continue;
      const attempt = probe(fixture, self, target);
      if (!attempt) continue;
      const allowed = await asUser(self, (tx) => attemptWithSql(tx, attempt));
      expect({ target, allowed }).toEqual({ target, allowed: expected(row.access[role], target) });
    }
  });

  it.each(MATRIX_ROLES)("matches the matrix for %s through supabase-js", async (role) => {
    const self = fixture.users[role];
    for (const target of TARGETS) {
      if (target === "own" && row.access[role] === "yes") continue;
      const attempt = probe(fixture, self, target);
      if (!attempt) continue;
      const allowed = await attemptWithHttp(clients[role], attempt);
      if (allowed) fixture = await ensureFixture();
      expect({ target, allowed }).toEqual({ target, allowed: expected(row.access[role], target) });
    }
  });
});

describe("anonymous visitors", () => {
  it.each([
    "organizations",
    "profiles",
    "memberships",
    "invitations",
    "audit_log",
    "api_keys",
    "organization_settings",
    "capabilities",
    "actions",
    "intents",
    "metric_definitions",
    "prompt_templates",
    "prompt_template_versions",
    "experiments",
    "experiment_intents",
    "experiment_actions",
    "experiment_metrics",
    "experiment_versions",
    "experiment_variants",
    "experiment_reviews",
    "experiment_comments",
    "notifications",
    "deployments",
    "exposures",
  ])("read nothing from %s", async (table) => {
    const visible = await asUser(null, async (tx) => {
      await tx`savepoint anon_probe`;
      try {
        return (await tx`select 1 from ${tx("public." + table)} limit 1`).length;
      } catch (error) {
        await tx`rollback to savepoint anon_probe`;
        expect((error as { code?: string }).code).toBe("42501");
        return 0;
      }
    });
    expect(visible).toBe(0);
  });
});
