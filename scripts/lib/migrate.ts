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
  const applied = new Map(
    (
      await sql<{ version: string; statements: string[] | null }[]>`
        select version, statements from supabase_migrations.schema_migrations`
    ).map((row) => [row.version, row.statements?.join("\n") ?? null]),
  );
  let count = 0;
  const edited: string[] = [];
  for (const migration of listMigrations()) {
    const body = readFileSync(migration.file, "utf8");
    if (applied.has(migration.version)) {
      // An applied migration is never applied again: if its file changed since, this database
      // lacks the change (its functions, tables or grants differ from a fresh one).
      const recorded = applied.get(migration.version);
      if (recorded != null && recorded !== body)
        edited.push(`${migration.version}_${migration.name}`);
      continue;
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(body);
      await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
               values (${migration.version}, ${migration.name}, ${[body]})`;
    });
    log("migrate", `applied ${migration.version}_${migration.name}`);
    count += 1;
  }
  if (edited.length > 0) {
    log(
      "migrate",
      `warning: migration files changed since this database applied them (${edited.join(", ")}); it differs from a fresh database until reset (npm run db:reset)`,
    );
  }
  return count;
}
