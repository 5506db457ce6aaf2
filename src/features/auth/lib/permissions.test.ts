import { describe, expect, it } from "vitest";
import { readPermissionMatrix } from "../../../../tests/support/permissions-doc";
import { hasCapability, ROLES, type Capability } from "./permissions";

// The UI must never offer what the database refuses, nor hide what it allows.
const matrix = readPermissionMatrix();

describe("UI capabilities follow docs/permissions.md", () => {
  it.each([
    ["organization.update", "organizations", "update"],
    ["members.manage", "memberships", "update"],
    ["members.manage", "invitations", "insert"],
    ["auditLog.read", "audit_log", "select"],
    ["apiKeys.manage", "api_keys", "select"],
    ["apiKeys.manage", "rpc:create_api_key", "execute"],
  ] as [Capability, string, string][])("%s matches %s %s", (capability, resource, operation) => {
    const row = matrix.find((r) => r.resource === resource && r.operation === operation);
    expect(row, `${resource} ${operation} is in the matrix`).toBeDefined();
    for (const role of ROLES) {
      expect([role, hasCapability(role, capability)]).toEqual([role, row!.access[role] === "yes"]);
    }
  });
});
