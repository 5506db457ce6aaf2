// Shared by the benchmarks in bench/: the local stack in a temp dir, an org API key, the load
// client in its own process, the machine description, and writing bench/results/<name>.{json,md}.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import prettier from "prettier";
import { denoBinary } from "../../scripts/lib/edge-runtime";
import { generateKeys } from "../../scripts/lib/keys";
import { repoRoot } from "../../scripts/lib/paths";
import { startStack, type Stack } from "../../scripts/lib/stack";

export interface Machine {
  os: string;
  cpus: { model: string; count: number };
  memory_gib: number;
  load_average_at_start: number[];
  load_average_at_end: number[];
  node: string;
  deno?: string;
  postgres?: string;
}

const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * The local stack (embedded PostgreSQL in a temp dir, migrations, demo data, API gateway, Deno
 * functions) and a postgres.js client on its database; `stop` tears both down and removes the dir.
 */
export async function startBenchStack(
  options: { connections?: number; functionSecrets?: Record<string, string> } = {},
) {
  process.env.DO_NOT_TRACK = "1";
  // One log line per request from the functions router would drown the report.
  process.env.EDGE_RUNTIME_LOG = "0";
  // Other work on the machine skews the figures; the report says how busy it was.
  const loadAtStart = loadAverage();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "causeway-bench-"));
  let stack: Stack;
  try {
    stack = await startStack({
      postgresDir: path.join(scratch, "postgres"),
      keys: generateKeys(),
      seed: true,
      scheduler: false,
      functionSecrets: options.functionSecrets,
    });
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  const sql = postgres(stack.dbUrl, { onnotice: () => {}, max: options.connections ?? 1 });
  return {
    stack,
    sql,
    loadAtStart,
    async stop() {
      await sql.end({ timeout: 2 });
      await stack.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** An org API key for Acme Commerce, created as its engineer would create it. */
export async function createApiKey(
  sql: postgres.Sql,
  name: string,
  scopes: string[],
): Promise<string> {
  return sql.begin(async (tx) => {
    const [engineer] = await tx<{ id: string }[]>`
      select id from auth.users where email = 'engineer@demo.causeway.dev'`;
    await tx`select set_config('request.jwt.claim.sub', ${engineer!.id}, true),
                    set_config('request.jwt.claims', ${JSON.stringify({ sub: engineer!.id })}, true)`;
    const [created] = await tx<{ secret: string }[]>`
      select secret from public.create_api_key(
        (select id from public.organizations where slug = 'acme-commerce'), ${name}, ${scopes})`;
    return created!.secret;
  });
}

/**
 * Runs `script` (a bench client, path from the repo root) with `job` as JSON in argv[2], in a
 * child process so the load does not share an event loop with the stack it measures, and parses
 * what it prints on stdout.
 */
export function runClient<T>(script: string, job: unknown): Promise<T> {
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      [path.join(repoRoot, script), JSON.stringify(job)],
      { maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`bench client failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as T);
      },
    );
  });
}

/** This machine, for the report: CPUs, memory, load, and the versions that ran the stack. */
export async function describeMachine(sql: postgres.Sql, loadAtStart: number[]): Promise<Machine> {
  const [pg] = await sql<{ version: string }[]>`select version()`;
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpus: { model: os.cpus()[0]?.model ?? "unknown", count: os.cpus().length },
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    load_average_at_start: loadAtStart,
    load_average_at_end: loadAverage(),
    node: process.version,
    deno: execFileSync(denoBinary(), ["--version"], { encoding: "utf8" }).split("\n")[0],
    postgres: pg!.version.split(" on ")[0],
  };
}

/** The "## Machine" section of a report. */
export function machineMarkdown(m: Machine): string {
  return `## Machine

- OS: ${m.os}
- CPU: ${m.cpus.count} × ${m.cpus.model}
- Memory: ${m.memory_gib} GiB
- Load average (1, 5, 15 min): ${m.load_average_at_start.join(", ")} at the start,
  ${m.load_average_at_end.join(", ")} at the end
- Node ${m.node}, ${m.deno}, ${m.postgres} (embedded, from npm)
`;
}

/** Writes bench/results/<name>.json and <name>.md, formatted with prettier; returns the report. */
export async function writeResults(
  name: string,
  results: unknown,
  report: string,
): Promise<string> {
  const resultsDir = path.join(repoRoot, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const json = path.join(resultsDir, `${name}.json`);
  writeFileSync(
    json,
    await prettier.format(JSON.stringify(results), {
      ...(await prettier.resolveConfig(json)),
      filepath: json,
    }),
  );
  const md = path.join(resultsDir, `${name}.md`);
  const formatted = await prettier.format(report, {
    ...(await prettier.resolveConfig(md)),
    filepath: md,
  });
  writeFileSync(md, formatted);
  return formatted;
}
