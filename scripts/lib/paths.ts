import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dataDir = path.join(repoRoot, ".data");
export const migrationsDir = path.join(repoRoot, "supabase", "migrations");
export const seedFile = path.join(repoRoot, "supabase", "seed.sql");
export const stackStateFile = path.join(dataDir, "stack.json");
