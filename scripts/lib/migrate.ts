import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { migrationsDir } from "./paths";
import { log } from "./log";

const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  file: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration file name must be <14 digits>_<name>.sql: ${file}`);
      return { version: match[1]!, name: match[2]!, file: path.join(migrationsDir, file) };
    });
}

/**
 * Applies pending supabase/migrations in order, each in its own transaction, and records them in
 * supabase_migrations.schema_migrations the way `supabase db push` does, so a database set up
 * here can later be managed by the Supabase CLI.
 */
export async function applyMigrations(sql: Sql): Promise<number> {
  await sql`create schema if not exists supabase_migrations`;
  await sql`create table if not exists supabase_migrations.schema_migrations (
    version text primary key, statements text[], name text)`;
  const applied = new Set(
    (
      await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`
    ).map((row) => row.version),
  );
  let count = 0;
  for (const migration of listMigrations()) {
    if (applied.has(migration.version)) continue;
    const body = readFileSync(migration.file, "utf8");
    await sql.begin(async (tx) => {
      await tx.unsafe(body);
      await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
               values (${migration.version}, ${migration.name}, ${[body]})`;
    });
    log("migrate", `applied ${migration.version}_${migration.name}`);
    count += 1;
  }
  return count;
}
