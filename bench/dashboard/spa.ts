// The SPA half of bench/dashboard: the production build's initial JavaScript (what index.html
// loads before anything else: the entry chunk and the chunks it modulepreloads, gzip-compressed)
// and the Overview's Largest Contentful Paint in Chromium, signed in, against the bench stack.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build, preview } from "vite";
import { ensureChromium } from "../../scripts/lib/system-packages";
import { repoRoot } from "../../scripts/lib/paths";

export interface SpaOptions {
  apiUrl: string;
  publishableKey: string;
  email: string;
  password: string;
  /** The Overview to open, e.g. /o/bench-dashboard/overview?range=1M. */
  overviewPath: string;
  outDir: string;
  /** Cold page loads to measure (each in a fresh browser context, signed in). */
  loads: number;
}

export interface SpaResult {
  initial_js: { files: { file: string; bytes: number; gzip_bytes: number }[]; gzip_bytes: number };
  lcp: { samples_ms: number[]; median_ms: number; max_ms: number; element: string };
}

export async function measureSpa(options: SpaOptions): Promise<SpaResult> {
  process.env.VITE_SUPABASE_URL = options.apiUrl;
  process.env.VITE_SUPABASE_PUBLISHABLE_KEY = options.publishableKey;
  await build({
    root: repoRoot,
    logLevel: "warn",
    build: { outDir: options.outDir, emptyOutDir: true },
  });
  const initialJs = initialJavaScript(options.outDir);

  const server = await preview({
    root: repoRoot,
    build: { outDir: options.outDir },
    preview: { port: 0, host: "127.0.0.1" },
    logLevel: "warn",
  });
  const baseUrl = (server.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    // Sign in once through the form; every measured load starts from that session (storage
    // state), in a fresh context, so nothing is cached but the session.
    const signInContext = await browser.newContext();
    const page = await signInContext.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(options.email);
    await page.getByLabel("Password", { exact: true }).fill(options.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/o\//, { timeout: 60_000 });
    const storageState = await signInContext.storageState();
    await signInContext.close();

    const samples: number[] = [];
    let element = "";
    for (let i = 0; i < options.loads; i++) {
      const context = await browser.newContext({
        storageState,
        viewport: { width: 1366, height: 860 },
      });
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        const w = window as unknown as { __lcp: { time: number; element: string }[] };
        w.__lcp = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            element?: Element | null;
          })[])
            w.__lcp.push({
              time: entry.startTime,
              element: entry.element
                ? `${entry.element.tagName.toLowerCase()}: ${(entry.element.textContent ?? "").trim().slice(0, 40)}`
                : "",
            });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      });
      await tab.goto(`${baseUrl}${options.overviewPath}`);
      // The KPI cards have their numbers once both RPCs answered; LCP is final by then.
      await tab.waitForLoadState("networkidle", { timeout: 60_000 });
      await tab.waitForTimeout(500);
      const entries = await tab.evaluate(
        () => (window as unknown as { __lcp: { time: number; element: string }[] }).__lcp,
      );
      const last = entries.at(-1);
      if (!last) throw new Error("Chromium reported no largest-contentful-paint entry");
      samples.push(Math.round(last.time));
      element = last.element;
      await context.close();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      initial_js: initialJs,
      lcp: {
        samples_ms: samples,
        median_ms: sorted[Math.floor(sorted.length / 2)]!,
        max_ms: sorted.at(-1)!,
        element,
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The entry script and its modulepreloads, as index.html lists them, raw and gzipped. */
function initialJavaScript(outDir: string): SpaResult["initial_js"] {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = [...new Set(sources)].map((source) => {
    const content = readFileSync(path.join(outDir, source.replace(/^\//, "")));
    return { file: source, bytes: content.length, gzip_bytes: gzipSync(content).length };
  });
  return { files, gzip_bytes: files.reduce((sum, f) => sum + f.gzip_bytes, 0) };
}
