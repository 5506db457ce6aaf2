// `npm run dev`: the whole product on this machine with demo data. See README "Run it locally".
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { createServer } from "vite";
import { ensureDemoData } from "./lib/demo-data";
import { loadOrCreateKeys } from "./lib/keys";
import { log } from "./lib/log";
import { dataDir, repoRoot, stackStateFile } from "./lib/paths";
import { redact } from "./lib/postgres";
import { DEMO_PASSWORD, DEMO_SIGN_INS } from "./lib/seed";
import { startStack } from "./lib/stack";

process.env.DO_NOT_TRACK = "1";
const started = Date.now();
const keys = loadOrCreateKeys(path.join(dataDir, "keys.json"));
const appPort = Number(process.env.PORT ?? 5173);
const stack = await startStack({
  postgresDir: path.join(dataDir, "postgres"),
  databaseUrl: process.env.DATABASE_URL,
  keys,
  apiPort: Number(process.env.CAUSEWAY_API_PORT ?? 54321),
  postgresPort: 54322,
  seed: true,
  scheduler: true,
  siteUrl: `http://127.0.0.1:${appPort}`,
});

process.env.VITE_SUPABASE_URL = stack.apiUrl;
process.env.VITE_SUPABASE_PUBLISHABLE_KEY = keys.publishableKey;
const vite = await createServer({
  root: repoRoot,
  server: { port: appPort, strictPort: true },
});
await vite.listen();
const appUrl = vite.resolvedUrls?.local[0] ?? "http://127.0.0.1:5173/";

writeFileSync(
  stackStateFile,
  JSON.stringify(
    {
      pid: process.pid,
      appUrl,
      apiUrl: stack.apiUrl,
      publishableKey: keys.publishableKey,
      dbUrl: stack.dbUrl,
    },
    null,
    2,
  ),
);

const width = Math.max(...DEMO_SIGN_INS.map((entry) => entry.email.length));
console.log(`
  Causeway is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  App              ${appUrl}
  API              ${stack.apiUrl}   (/rest/v1, /auth/v1, /functions/v1)
  Publishable key  ${keys.publishableKey}
  Database         ${redact(stack.dbUrl)} (${stack.postgresKind})
  Scheduled jobs   ${stack.scheduler?.jobs.length ?? 0} via ${stack.scheduler?.mode}
  Demo data        Acme Commerce's year loads in the background: a [demo-data] line says when

  Demo sign-ins (password: ${DEMO_PASSWORD})
${DEMO_SIGN_INS.map((entry) => `    ${entry.email.padEnd(width)}  ${entry.role.padEnd(16)} ${entry.organization}`).join("\n")}

  Press Ctrl+C to stop. \`npm run stack:status -- --json\` prints the URLs for scripts.
`);

// The demo year loads after the product is up, in one transaction: the dashboards show it all
// at once when it commits (a first start takes about ten seconds; a restart finds it loaded).
// Its rollups are left to the scheduled job, and the dashboards read the rows raw until then.
const demoSql = postgres(stack.dbUrl, { onnotice: () => {}, max: 2 });
const demoLoad = ensureDemoData(demoSql, { rollups: "scheduled" })
  .catch((error: unknown) =>
    log(
      "demo-data",
      `could not load the demo data: ${(error as Error).message}; run \`npm run db:reset\``,
    ),
  )
  .finally(() => demoSql.end({ timeout: 2 }));

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  log("dev", "stopping");
  rmSync(stackStateFile, { force: true });
  await demoSql.end({ timeout: 1 });
  await demoLoad;
  await vite.close();
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
