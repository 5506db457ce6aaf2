import path from "node:path";
import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: process.env.CAUSEWAY_APP_URL,
    viewport: { width: 1366, height: 860 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Next to the runner's other results, so two runs with their own CAUSEWAY_TEST_RESULTS never
  // overwrite each other's traces.
  outputDir: path.join(process.env.CAUSEWAY_TEST_RESULTS ?? ".data/test-results", "playwright"),
});
