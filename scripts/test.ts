// `npm test`: every test suite against a real stack (Postgres, @supabase/lite, Deno, Chromium).
// `npm test -- --only unit,deno,integration,e2e` runs a subset; any further arguments filter test
// files by name (vitest and Playwright). See README "Testing".
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { format } from "node:util";
import { build, preview } from "vite";
import { generateKeys } from "./lib/keys";
import { log } from "./lib/log";
import { dataDir, repoRoot } from "./lib/paths";
import { startStack, type Stack } from "./lib/stack";
import { ensureChromium } from "./lib/system-packages";

process.env.DO_NOT_TRACK = "1";
const SUITES = ["unit", "deno", "integration", "e2e"] as const;
type Suite = (typeof SUITES)[number];
interface Tally {
  suite: Suite;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
}

const onlyFlag = process.argv.indexOf("--only");
const selected = new Set<Suite>(
  onlyFlag >= 0 ? (process.argv[onlyFlag + 1]!.split(",") as Suite[]) : [...SUITES],
);
const fileFilters = process.argv
  .slice(2)
  .filter((arg, index, args) => arg !== "--only" && args[index - 1] !== "--only");
// Separate results directories let several test runs share one checkout.
const resultsDir = process.env.CAUSEWAY_TEST_RESULTS ?? path.join(dataDir, "test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);
const tallies: Tally[] = [];
let stack: Stack | undefined;
const scratch = mkdtempSync(path.join(os.tmpdir(), "causeway-test-"));

try {
  if (selected.has("unit")) {
    const file = path.join(resultsDir, "unit.json");
    const code = await run(bin("vitest"), [
      "run",
      "--project",
      "unit",
      "--project",
      "scripts",
      ...vitestReporters(file),
      ...fileFilters,
    ]);
    tallies.push({ suite: "unit", ...vitestCounts(file), exitCode: code });
  }

  if (selected.has("deno")) {
    const code = await run(
      bin("deno"),
      [
        "test",
        "--allow-net",
        "--allow-env",
        "--allow-read",
        "--allow-write",
        "--junit-path",
        path.join(resultsDir, "deno.xml"),
        "../../scripts/edge-runtime",
        "./",
      ],
      { cwd: path.join(repoRoot, "supabase", "functions") },
    );
    tallies.push({
      suite: "deno",
      ...junitCounts(path.join(resultsDir, "deno.xml")),
      exitCode: code,
    });
  }

  if (selected.has("integration") || selected.has("e2e")) {
    // The API logs every rejected query (the RLS tests cause hundreds on purpose): keep them in a
    // file next to the test results instead of the console.
    const apiLog = createWriteStream(path.join(resultsDir, "api.log"));
    console.error = (...args: unknown[]) => apiLog.write(`${format(...args)}\n`);
    stack = await startStack({
      postgresDir: path.join(scratch, "postgres"),
      databaseUrl: process.env.DATABASE_URL,
      keys: generateKeys(),
      seed: true,
      scheduler: false,
    });
    const stackEnv = {
      CAUSEWAY_API_URL: stack.apiUrl,
      CAUSEWAY_PUBLISHABLE_KEY: stack.keys.publishableKey,
      CAUSEWAY_SECRET_KEY: stack.keys.secretKey,
      CAUSEWAY_DB_URL: stack.dbUrl,
    };

    if (selected.has("integration")) {
      const file = path.join(resultsDir, "integration.json");
      const code = await run(
        bin("vitest"),
        ["run", "--project", "integration", ...vitestReporters(file), ...fileFilters],
        { env: stackEnv },
      );
      tallies.push({ suite: "integration", ...vitestCounts(file), exitCode: code });
    }

    if (selected.has("e2e")) {
      const chromium = ensureChromium();
      process.env.VITE_SUPABASE_URL = stack.apiUrl;
      process.env.VITE_SUPABASE_PUBLISHABLE_KEY = stack.keys.publishableKey;
      const outDir = path.join(scratch, "dist");
      await build({ root: repoRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
      const server = await preview({
        root: repoRoot,
        build: { outDir },
        preview: { port: 0, host: "127.0.0.1" },
        logLevel: "warn",
      });
      const baseUrl = server.resolvedUrls?.local[0] ?? "";
      log("e2e", `SPA served at ${baseUrl}`);
      const file = path.join(resultsDir, "e2e.json");
      const code = await run(bin("playwright"), ["test", ...fileFilters], {
        env: {
          ...stackEnv,
          CAUSEWAY_APP_URL: baseUrl,
          CHROMIUM_PATH: chromium,
          PLAYWRIGHT_JSON_OUTPUT_FILE: file,
        },
      });
      await server.close();
      tallies.push({ suite: "e2e", ...playwrightCounts(file), exitCode: code });
    }
  }
} catch (error) {
  process.stderr.write(`${format(error)}\n`);
  tallies.push({ suite: "integration", passed: 0, failed: 1, skipped: 0, exitCode: 1 });
} finally {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

console.log("\nSuite        passed  failed  skipped");
for (const t of tallies) {
  console.log(
    `${t.suite.padEnd(12)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}${t.exitCode ? "  (exit " + t.exitCode + ")" : ""}`,
  );
}
const total = (key: "passed" | "failed" | "skipped") => tallies.reduce((sum, t) => sum + t[key], 0);
const failed = total("failed") + tallies.filter((t) => t.exitCode !== 0 && t.failed === 0).length;
console.log(`\n${total("passed")} passed, ${failed} failed, ${total("skipped")} skipped`);
process.exit(failed > 0 || tallies.length === 0 ? 1 : 0);

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<number> {
  log("test", `${path.basename(command)} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env, FORCE_COLOR: process.env.CI ? "0" : "1" },
      stdio: "inherit",
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function vitestReporters(file: string): string[] {
  return ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function vitestCounts(file: string) {
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(file);
  return {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
}

function junitCounts(file: string) {
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
  const cases = xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  const failed = cases.filter((c) => /<failure\b|<error\b/.test(c)).length;
  const skipped = cases.filter((c) => /<skipped\b/.test(c)).length;
  return { passed: cases.length - failed - skipped, failed, skipped };
}

function playwrightCounts(file: string) {
  const report = readJson<{
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  }>(file);
  return {
    passed: (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0),
    failed: report?.stats.unexpected ?? 0,
    skipped: report?.stats.skipped ?? 0,
  };
}
