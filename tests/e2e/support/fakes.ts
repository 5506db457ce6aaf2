import { randomBytes } from "node:crypto";
import { test as base, type Page } from "@playwright/test";

import { startEdgeRuntime } from "../../../scripts/lib/edge-runtime";
import { startFakeHubspot, type FakeHubspot } from "../../fakes/hubspot";
import { startFakeLlmProviders, type FakeLlmProviders } from "../../fakes/llm-providers";

export interface Fakes {
  llm: FakeLlmProviders;
  hubspot: FakeHubspot;
}

const apiUrl = () => {
  const url = process.env.CAUSEWAY_API_URL;
  if (!url) throw new Error("CAUSEWAY_API_URL is not set: run e2e tests through `npm test`");
  return url;
};

/**
 * Specs whose pages reach LLM providers or HubSpot through the edge functions. `npm test`'s stack
 * runs the functions against the real services (unreachable here), so each worker starts the
 * fakes and a second edge runtime pointed at them (the same function code, database and auth),
 * and the page's /functions/v1 calls are sent there. Everything else the page does goes to the
 * stack as usual.
 */
export const test = base.extend<{ page: Page }, { fakes: Fakes; functionsUrl: string }>({
  fakes: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from it
    async ({}, provide) => {
      const llm = await startFakeLlmProviders();
      const hubspot = await startFakeHubspot({ pageSize: 2 });
      await provide({ llm, hubspot });
      await Promise.all([llm.close(), hubspot.close()]);
    },
    { scope: "worker" },
  ],
  functionsUrl: [
    async ({ fakes }, provide) => {
      const runtime = await startEdgeRuntime({
        log: false,
        env: {
          SUPABASE_URL: apiUrl(),
          SUPABASE_ANON_KEY: process.env.CAUSEWAY_PUBLISHABLE_KEY ?? "",
          SUPABASE_SERVICE_ROLE_KEY: process.env.CAUSEWAY_SECRET_KEY ?? "",
          EDGE_RUNTIME_LOG: "0",
          // Only what these specs store is decrypted with it: they start by deleting what an
          // earlier run stored.
          PROVIDER_KEYS_SECRET: randomBytes(32).toString("base64"),
          OPENAI_BASE_URL: fakes.llm.baseUrls.openai,
          ANTHROPIC_BASE_URL: fakes.llm.baseUrls.anthropic,
          GEMINI_BASE_URL: fakes.llm.baseUrls.gemini,
          HUBSPOT_API_BASE_URL: fakes.hubspot.url,
        },
      });
      await provide(`${runtime.url}/functions/v1`);
      await runtime.stop();
    },
    { scope: "worker" },
  ],
  page: async ({ page, functionsUrl }, provide) => {
    const stackFunctions = `${apiUrl()}/functions/v1`;
    await page.route(`${stackFunctions}/**`, async (route) => {
      const url = route.request().url().replace(stackFunctions, functionsUrl);
      await route.fulfill({ response: await route.fetch({ url }) });
    });
    await provide(page);
  },
});

export { expect } from "@playwright/test";
