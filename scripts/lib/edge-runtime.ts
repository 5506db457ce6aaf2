/**
 * Runs the Supabase edge functions locally (hosted Supabase's edge runtime needs Docker): one
 * `deno serve` process running scripts/edge-runtime/router.ts, which serves
 * `/functions/v1/<name>` from supabase/functions/<name>/index.ts. Uses the deno binary installed
 * from npm (devDependency `deno`).
 *
 *   const fns = await startEdgeRuntime({ env: { SUPABASE_URL, SUPABASE_ANON_KEY, ... } });
 *   await fetch(`${fns.url}/functions/v1/health`);
 *   await fns.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface EdgeRuntimeOptions {
  /** Port to listen on (127.0.0.1). Default: a free port. */
  port?: number;
  /** Environment for the functions (SUPABASE_URL, SUPABASE_ANON_KEY, ...). */
  env: Record<string, string>;
  /** Extra `deno serve` flags, e.g. ["--allow-sys"]. */
  denoFlags?: string[];
  /** Stream deno's output to this process, prefixed with "[functions]". Default true. */
  log?: boolean;
  /** How long to wait for the server to answer. Default 30 s. */
  readyTimeoutMs?: number;
}

export interface EdgeRuntime {
  /** Base URL, e.g. http://127.0.0.1:54321; functions are at `${url}/functions/v1/<name>`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const ROUTER = "scripts/edge-runtime/router.ts";
const DENO_CONFIG = "supabase/functions/deno.json";
const STOP_GRACE_MS = 3_000;
const STDERR_KEEP_CHARS = 16_000;

let cachedRoot: string | undefined;

/** The repository root: the nearest ancestor of this file containing supabase/functions/deno.json. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, DENO_CONFIG))) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `Cannot find the repo root (no ${DENO_CONFIG} above ${fileURLToPath(import.meta.url)})`,
      );
    dir = parent;
  }
}

/**
 * Path of the deno binary: $DENO_BIN if set, else the one npm installed into node_modules
 * (the real executable, not the node shim, so signals reach deno itself).
 */
export function denoBinary(): string {
  const override = process.env.DENO_BIN;
  if (override) return override;
  const root = repoRoot();
  const candidates = [
    join(root, "node_modules", "deno", process.platform === "win32" ? "deno.exe" : "deno"),
    join(root, "node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno"),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`deno binary not found (looked for ${candidates.join(", ")}); run npm install`);
  }
  return found;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error("no port assigned"))));
    });
  });
}

/** Throws when something already listens on 127.0.0.1:`port`. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolveFree, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new Error(`Cannot start the edge runtime: port ${port} is already in use`)
          : err,
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolveFree()));
  });
}

/**
 * The environment for deno: this process's environment minus SUPABASE_* (so the functions
 * only see what the caller passes) and RUST_BACKTRACE (it appends an empty "Stack backtrace"
 * to every deno error), plus `env`, DENO_NO_UPDATE_CHECK=1 and NO_COLOR=1.
 */
function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith("SUPABASE_") || key === "RUST_BACKTRACE") continue;
    base[key] = value;
  }
  return { ...base, ...env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
}

function pipeLines(
  stream: NodeJS.ReadableStream | null,
  write: ((line: string) => void) | undefined,
  keep?: (line: string) => void,
): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    keep?.(line);
    write?.(line);
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolveExit(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolveExit(true);
    };
    child.once("exit", onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  child.kill("SIGTERM");
  if (await waitForExit(child, STOP_GRACE_MS)) return;
  child.kill("SIGKILL");
  await waitForExit(child, STOP_GRACE_MS);
}

class EarlyExitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "EarlyExitError";
  }
}

/** Resolves once the server answers any HTTP request; rejects if deno exits or time runs out. */
async function waitUntilReady(
  child: ChildProcess,
  url: string,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once("error", (err) => (spawnError = err));
  for (;;) {
    if (spawnError) throw new Error(`Could not start deno: ${spawnError.message}`);
    if (exited(child)) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `signal ${child.signalCode}`;
      throw new EarlyExitError(
        `deno serve exited with ${how} before answering on ${url}:\n${stderr()}`,
        stderr(),
      );
    }
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`deno serve did not answer on ${url} within ${timeoutMs} ms:\n${stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startOnce(options: EdgeRuntimeOptions, port: number): Promise<EdgeRuntime> {
  const root = repoRoot();
  const log = options.log ?? true;
  // Otherwise the readiness poll below could be answered by whatever already holds the port.
  await assertPortFree(port);
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "serve",
    "--config",
    DENO_CONFIG,
    "--allow-net",
    "--allow-env",
    "--allow-read",
    ...(options.denoFlags ?? []),
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    ROUTER,
  ];
  const child = spawn(denoBinary(), args, {
    cwd: root,
    env: childEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });

  let stderrTail = "";
  const keepStderr = (line: string) => {
    stderrTail = (stderrTail + line + "\n").slice(-STDERR_KEEP_CHARS);
  };
  pipeLines(
    child.stdout,
    log ? (line) => process.stdout.write(`[functions] ${line}\n`) : undefined,
  );
  pipeLines(
    child.stderr,
    log ? (line) => process.stderr.write(`[functions] ${line}\n`) : undefined,
    keepStderr,
  );

  // Never leave deno running when this process exits.
  const killOnExit = () => {
    if (!exited(child)) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopChild(child).finally(() => process.off("exit", killOnExit));
    return stopping;
  };

  try {
    await waitUntilReady(child, url, options.readyTimeoutMs ?? 30_000, () => stderrTail);
    if (exited(child)) throw new Error(`deno serve exited right after starting:\n${stderrTail}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, stop };
}

/** Starts `deno serve scripts/edge-runtime/router.ts` and waits until it answers. */
export async function startEdgeRuntime(options: EdgeRuntimeOptions): Promise<EdgeRuntime> {
  if (options.port !== undefined) return await startOnce(options, options.port);
  // A free port can be taken between freePort() and deno's bind: retry on AddrInUse.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (err) {
      const addrInUse =
        err instanceof EarlyExitError && /AddrInUse|address already in use/i.test(err.stderr);
      if (!addrInUse || attempt >= 3) throw err;
    }
  }
}
