import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  API_KEY,
  type FakeIngestServer,
  startFakeIngestServer,
} from "./testing/fake-ingest-server.ts";

const child = fileURLToPath(new URL("./testing/exit-child.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

let server: FakeIngestServer;
beforeEach(async () => {
  server = await startFakeIngestServer();
});
afterEach(async () => {
  await server.close();
});

/** Runs exit-child.ts; sends SIGTERM once it says "ready" (unless natural). */
function runChild(mode: string, key: string, hook = "hook", killAfterMs = 15_000) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      const proc = spawn(
        process.execPath,
        ["--import", "tsx", child, server.url, API_KEY, key, mode, hook],
        {
          cwd: repoRoot,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stderr = "";
      proc.stderr.on("data", (chunk) => (stderr += chunk));
      proc.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) proc.kill("SIGTERM");
      });
      const guard = setTimeout(() => proc.kill("SIGKILL"), killAfterMs);
      proc.on("error", reject);
      proc.on("exit", (code, signal) => {
        clearTimeout(guard);
        resolve({ code, signal, stderr });
      });
    },
  );
}

describe("flushOnExit (Node)", () => {
  it("flushes when the process is about to exit on its own", async () => {
    const result = await runChild("natural", "exit-natural");
    expect(result).toMatchObject({ code: 0, signal: null });
    expect([...server.stored.keys()]).toEqual(["exit-natural"]);
  });

  it("flushes on SIGTERM, then lets the signal end the process", async () => {
    const result = await runChild("sigterm", "exit-sigterm");
    expect(result).toMatchObject({ code: null, signal: "SIGTERM" });
    expect([...server.stored.keys()]).toEqual(["exit-sigterm"]);
  });

  it("flushes on SIGTERM and leaves the exit to the app's own SIGTERM handler", async () => {
    const result = await runChild("sigterm-handled", "exit-handled");
    expect(result).toMatchObject({ code: 7, signal: null });
    expect([...server.stored.keys()]).toEqual(["exit-handled"]);
  });

  it("without flushOnExit, SIGTERM ends the process with the event unsent", async () => {
    const result = await runChild("sigterm", "exit-nohook", "no-hook");
    expect(result).toMatchObject({ code: null, signal: "SIGTERM" });
    expect(server.stored.size).toBe(0);
  });
});
