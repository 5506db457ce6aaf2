import { createHash } from "node:crypto";
import postgres from "postgres";
import { startEdgeRuntime } from "./edge-runtime";
import { startGateway } from "./gateway";
import { freePort } from "./free-port";
import { log } from "./log";
import { applyMigrations } from "./migrate";
import { startPostgres } from "./postgres";
import { startScheduler, type Scheduler } from "./scheduler";
import { ensureDemoData } from "./demo-data";
import { seedDemoData } from "./seed";
import { createSupabaseApi, prepareSupabaseDatabase, type ApiKeys } from "./supabase-api";

export interface StackOptions {
  /** Where the embedded Postgres keeps its data (ignored when databaseUrl is set). */
  postgresDir: string;
  databaseUrl?: string;
  keys: ApiKeys;
  apiPort?: number;
  postgresPort?: number;
  seed: boolean;
  /**
   * Also load Acme Commerce's demo year of events (docs/demo-data.md); needs `seed`. The value
   * says when its rollups are refreshed (LoadOptions.rollups): "scheduled" where a scheduler runs.
   */
  demoData?: "now" | "scheduled";
  scheduler: boolean;
  /** The SPA's origin, where auth emails' links should land. */
  siteUrl?: string;
  /** Extra secrets for edge functions (e.g. from .env). */
  functionSecrets?: Record<string, string>;
}

export interface Stack {
  apiUrl: string;
  dbUrl: string;
  functionsUrl: string;
  /** The Deno runtime itself, without the API gateway in front (benchmarks separate the two). */
  edgeRuntimeUrl: string;
  keys: ApiKeys;
  postgresKind: "external" | "embedded";
  scheduler?: Scheduler;
  stop(): Promise<void>;
}

/** Postgres with the auth schema, roles, migrations and (optionally) demo data in place. */
export async function prepareDatabase(
  options: Pick<
    StackOptions,
    "postgresDir" | "databaseUrl" | "postgresPort" | "keys" | "seed" | "demoData" | "siteUrl"
  >,
) {
  const pg = await startPostgres({
    databaseUrl: options.databaseUrl,
    dir: options.postgresDir,
    preferredPort: options.postgresPort,
  });
  const sql = postgres(pg.url, { onnotice: () => {}, max: 4 });
  try {
    const api = createSupabaseApi(pg.url, options.keys, options.siteUrl);
    await prepareSupabaseDatabase(api, sql);
    const applied = await applyMigrations(sql);
    log("migrate", applied ? `${applied} migration(s) applied` : "database is up to date");
    if (options.seed) await seedDemoData(sql);
    if (options.seed && options.demoData) await ensureDemoData(sql, { rollups: options.demoData });
    return { pg, sql, api };
  } catch (error) {
    await sql.end({ timeout: 2 });
    await pg.stop();
    throw error;
  }
}

/**
 * Everything hosted Supabase gives the app, on this machine: Postgres, migrations, /rest/v1 and
 * /auth/v1, /functions/v1 on Deno, the scheduled jobs, and demo data.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
  };
  try {
    const { pg, sql, api } = await prepareDatabase(options);
    stops.push(
      () => pg.stop(),
      () => sql.end({ timeout: 2 }),
      () => api.connection.close(),
    );

    // The functions need the gateway's URL and the gateway needs theirs: fix the port first.
    const apiPort = options.apiPort || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const runtime = await startEdgeRuntime({
      env: {
        SUPABASE_URL: apiUrl,
        SUPABASE_ANON_KEY: options.keys.publishableKey,
        SUPABASE_SERVICE_ROLE_KEY: options.keys.secretKey,
        SUPABASE_DB_URL: pg.url,
        // Stands in for the function secret hosted Supabase keeps (`supabase secrets set`):
        // derived from the stack's keys, so stored provider keys survive dev restarts with them.
        PROVIDER_KEYS_SECRET: createHash("sha256")
          .update(`provider-keys:${options.keys.jwtSecret}`)
          .digest("base64"),
        ...options.functionSecrets,
      },
    });
    stops.push(() => runtime.stop());
    const gateway = await startGateway({ api, port: apiPort, functionsUrl: runtime.url });
    stops.push(() => gateway.stop());
    log("api", `REST, Auth and Functions on ${gateway.url}`);

    const scheduler = options.scheduler
      ? await startScheduler(sql, {
          functions: { url: `${gateway.url}/functions/v1`, serviceKey: options.keys.secretKey },
        })
      : undefined;
    if (scheduler) stops.push(() => scheduler.stop());

    return {
      apiUrl: gateway.url,
      dbUrl: pg.url,
      functionsUrl: `${gateway.url}/functions/v1`,
      edgeRuntimeUrl: `${runtime.url}/functions/v1`,
      keys: options.keys,
      postgresKind: pg.kind,
      scheduler,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
