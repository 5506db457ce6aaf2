// `npm run db:reset`: wipe the local database, re-apply every migration and reseed demo data.
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { loadOrCreateKeys } from "./lib/keys";
import { log } from "./lib/log";
import { dataDir } from "./lib/paths";
import { prepareDatabase } from "./lib/stack";

process.env.DO_NOT_TRACK = "1";
const databaseUrl = process.env.DATABASE_URL;
const postgresDir = path.join(dataDir, "postgres");

if (databaseUrl) {
  // An external server is not ours to delete: drop what the migrations and lite created instead.
  const sql = postgres(databaseUrl, { onnotice: () => {}, max: 1 });
  await sql.unsafe(`
    do $$ begin
      if exists (select 1 from pg_extension where extname = 'pg_cron') then
        perform cron.unschedule(jobid) from cron.job;
      end if;
    end $$;
    drop schema if exists public, private, auth, supabase_migrations, extensions cascade;
    create schema public;
    grant usage on schema public to public;
  `);
  await sql.end();
  log("reset", "dropped the application schemas");
} else {
  rmSync(postgresDir, { recursive: true, force: true });
  log("reset", "deleted the embedded database");
}

const { pg, sql } = await prepareDatabase({
  postgresDir,
  databaseUrl,
  postgresPort: 54322,
  keys: loadOrCreateKeys(path.join(dataDir, "keys.json")),
  seed: true,
  demoData: "scheduled",
});
await sql.end();
await pg.stop();
log("reset", "done: start the product with `npm run dev`");
