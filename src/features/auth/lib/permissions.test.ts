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
    ["providerKeys.manage", "provider_keys", "select"],
    ["modelPrices.edit", "model_prices", "insert"],
    ["modelPrices.edit", "model_prices", "update"],
    ["modelPrices.edit", "model_prices", "delete"],
    ["taxonomy.edit", "capabilities", "insert"],
    ["taxonomy.edit", "actions", "update"],
    ["taxonomy.edit", "intents", "update"],
    ["taxonomy.edit", "metric_definitions", "insert"],
    ["taxonomy.edit", "metric_definitions", "update"],
    ["templates.edit", "prompt_templates", "insert"],
    ["templates.edit", "prompt_template_versions", "insert"],
    ["deployments.manage", "rpc:deploy", "execute"],
    ["deployments.rollback", "rpc:rollback_deployment", "execute"],
    ["experiments.edit", "experiments", "update"],
    ["experiments.edit", "rpc:create_experiment", "execute"],
    ["experiments.edit", "rpc:branch_version", "execute"],
    ["experiments.edit", "rpc:fork_experiment", "execute"],
    ["experiments.edit", "experiment_variants", "update"],
    ["experiments.edit", "rpc:transition_experiment", "submit"],
    ["experiments.edit", "rpc:transition_experiment", "withdraw"],
    ["experiments.edit", "rpc:transition_experiment", "activate"],
    ["experiments.edit", "rpc:transition_experiment", "resume"],
    ["experiments.edit", "rpc:transition_experiment", "archive"],
    ["experiments.approve", "rpc:review_experiment", "approve"],
    ["experiments.approve", "rpc:review_experiment", "request_changes"],
    ["experiments.pause", "rpc:transition_experiment", "pause"],
    ["experiments.comment", "experiment_comments", "insert"],
    ["experiments.moderateComments", "experiment_comments", "delete"],
    ["experiments.edit", "rpc:set_control_variant", "execute"],
    ["experiments.edit", "rpc:update_experiment_details", "execute"],
  ] as [Capability, string, string][])("%s matches %s %s", (capability, resource, operation) => {
    const row = matrix.find((r) => r.resource === resource && r.operation === operation);
    expect(row, `${resource} ${operation} is in the matrix`).toBeDefined();
    for (const role of ROLES) {
      expect([role, hasCapability(role, capability)]).toEqual([role, row!.access[role] === "yes"]);
    }
  });
});
