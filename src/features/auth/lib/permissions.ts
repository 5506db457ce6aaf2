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

export const ROLES = Object.keys(ROLE_LABELS) as AppRole[];
