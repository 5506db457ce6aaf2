import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { log } from "./log";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Playwright cannot download browsers on these machines, so UI tests use Debian's Chromium. On a
 * fresh Debian machine where we are root, install it rather than fail: `npm test` has to work
 * with nothing but Node installed.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}. Install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  log("setup", "installing Debian's chromium for the UI tests (one time)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync(
    "apt-get",
    ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-liberation"],
    { stdio: "inherit", env },
  );
  return CHROMIUM;
}
