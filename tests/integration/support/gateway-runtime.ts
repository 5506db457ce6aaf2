import { randomBytes } from "node:crypto";
import type { EdgeRuntime } from "../../../scripts/lib/edge-runtime";
import { startFakeLlmProviders, type FakeLlmProviders } from "../../fakes/llm-providers";
import { startFunctionsRuntime } from "./functions-runtime";

export interface GatewayRuntime {
  /** `${url}/functions/v1/<name>` */
  functionsUrl: string;
  fake: FakeLlmProviders;
  /** The PROVIDER_KEYS_SECRET the functions encrypt with. */
  secret: string;
  stop(): Promise<void>;
}

/**
 * The stack's Deno functions in a second runtime whose provider base URLs point at local fakes
 * this test process controls (the stack's own runtime talks to the real providers). The same
 * function code, database, PostgREST and auth: only where the providers are differs.
 */
export async function startGatewayRuntime(
  options: { timeoutMs?: number } = {},
): Promise<GatewayRuntime> {
  const fake = await startFakeLlmProviders();
  const secret = randomBytes(32).toString("base64");
  let runtime: EdgeRuntime;
  try {
    runtime = await startFunctionsRuntime({
      PROVIDER_KEYS_SECRET: secret,
      OPENAI_BASE_URL: fake.baseUrls.openai,
      ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
      GEMINI_BASE_URL: fake.baseUrls.gemini,
      LLM_PROXY_TIMEOUT_MS: String(options.timeoutMs ?? 1_000),
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    functionsUrl: `${runtime.url}/functions/v1`,
    fake,
    secret,
    stop: async () => {
      await runtime.stop();
      await fake.close();
    },
  };
}

/** Calls provider-keys as the signed-in user whose access token is given. */
export async function providerKeys(
  runtime: GatewayRuntime,
  accessToken: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${runtime.functionsUrl}/provider-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls until `read` returns a value (background writes such as the gateway's runs). */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
