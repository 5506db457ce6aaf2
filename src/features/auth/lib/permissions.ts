import type { AppRole } from "@/lib/supabase";

/**
 * What each role may do in the UI. Mirrors docs/permissions.md, where the database enforces the
 * same rules; the UI uses this only to decide what to show.
 */
const CAPABILITIES = {
  "organization.update": ["admin"],
  "members.manage": ["admin"],
  "auditLog.read": ["admin"],
  "apiKeys.manage": ["engineer", "admin"],
  // LLM gateway: provider keys are integration secrets; every member reads the price table.
  "providerKeys.manage": ["engineer", "admin"],
  "modelPrices.edit": ["engineer", "admin"],
  // Connect HubSpot, map, sync, disconnect; every member sees the Integrations page read-only.
  "integrations.manage": ["engineer", "admin"],
  "taxonomy.edit": ["product_manager", "prompt_engineer", "admin"],
  "templates.edit": ["product_manager", "prompt_engineer", "admin"],
  "deployments.manage": ["product_manager", "prompt_engineer", "admin"],
  "deployments.rollback": ["product_manager", "prompt_engineer", "operations", "admin"],
  // Experiments: editors create and edit drafts and move them through the lifecycle; approvers
  // review (the database also refuses authors); operations may pause during an incident.
  "experiments.edit": ["product_manager", "prompt_engineer", "admin"],
  "experiments.approve": ["product_manager", "admin"],
  "experiments.pause": ["product_manager", "prompt_engineer", "operations", "admin"],
  "experiments.comment": ["product_manager", "prompt_engineer", "operations", "engineer", "admin"],
  // Authors edit and delete their own comments; admins also delete anyone's.
  "experiments.moderateComments": ["admin"],
  // Saved views: everyone keeps personal views; these roles also share views with the organization.
  "savedViews.share": ["product_manager", "admin"],
  // Outcomes: recorded by hand or from a CSV file by the roles accountable for them; webhook
  // endpoints are integration settings, like API keys.
  "outcomes.record": ["product_manager", "operations", "engineer", "admin"],
  "webhooks.manage": ["engineer", "admin"],
  // Runs: every member explores them; the raw question/response text only these roles (run_text).
  "runs.readText": ["product_manager", "prompt_engineer", "operations", "engineer", "admin"],
} as const satisfies Record<string, readonly AppRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export function hasCapability(role: AppRole, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly AppRole[]).includes(role);
}

export const ROLE_LABELS: Record<AppRole, string> = {
  product_manager: "Product manager",
  prompt_engineer: "Prompt engineer",
  operations: "Operations",
  engineer: "Engineer",
  enablement: "Enablement",
  admin: "Admin",
};

/** The "In short" column of docs/permissions.md: what each role is for. */
export const ROLE_DESCRIPTIONS: Record<AppRole, string> = {
  product_manager: "Outcome metrics, experiment performance, approvals",
  prompt_engineer: "Prompt variants, latency, errors, detailed experiment data",
  operations: "Health dashboards, anomaly alerts, troubleshooting drill-downs",
  engineer: "Model performance, API usage, logs, integration settings, API keys",
  enablement: "Read-only standardized reports",
  admin: "Everything, including members, API keys and governance",
};

export const ROLES = Object.keys(ROLE_LABELS) as AppRole[];
