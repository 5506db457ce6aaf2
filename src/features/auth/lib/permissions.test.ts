import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasCapability, ROLES } from "./permissions";

// The UI must never offer what the database refuses: compare with docs/permissions.md.
const doc = readFileSync(path.resolve(__dirname, "../../../../docs/permissions.md"), "utf8");
function documented(resource: string, operation: string) {
  const line = doc.split("\n").find((l) => l.startsWith(`| ${resource} | ${operation} |`));
  if (!line) throw new Error(`no row for ${resource} ${operation}`);
  const cells = line.split("|").slice(3, 9).map((c) => c.trim());
  return Object.fromEntries(ROLES.map((role, i) => [role, cells[i] === "yes"]));
}

describe("UI capabilities follow docs/permissions.md", () => {
  it.each([
    ["organization.update", "organizations", "update"],
    ["members.manage", "memberships", "update"],
    ["members.manage", "invitations", "insert"],
    ["auditLog.read", "audit_log", "select"],
    ["apiKeys.manage", "api_keys", "select"],
    ["apiKeys.manage", "rpc:create_api_key", "execute"],
  ] as const)("%s matches %s %s", (capability, resource, operation) => {
    const expected = documented(resource, operation);
    for (const role of ROLES) expect([role, hasCapability(role, capability)]).toEqual([role, expected[role]]);
  });
});
