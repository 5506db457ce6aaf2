import { readFileSync } from "node:fs";
import type { Sql } from "postgres";
import { seedFile } from "./paths";
import { log } from "./log";

export const DEMO_PASSWORD = "causeway-demo";
export const DEMO_ROLES = [
  "admin",
  "product_manager",
  "prompt_engineer",
  "operations",
  "engineer",
  "enablement",
] as const;
export const DEMO_SIGN_INS = [
  ...DEMO_ROLES.map((role) => ({
    email: `${role}@demo.causeway.dev`,
    organization: "Acme Commerce",
    role,
  })),
  {
    email: "admin@globex.demo.causeway.dev",
    organization: "Globex Support",
    role: "admin" as const,
  },
];

/** supabase/seed.sql is idempotent; it is the same file `supabase db reset` runs. */
export async function seedDemoData(sql: Sql): Promise<void> {
  const started = Date.now();
  await sql.unsafe(readFileSync(seedFile, "utf8"));
  log("seed", `demo data ready in ${Date.now() - started} ms`);
}
