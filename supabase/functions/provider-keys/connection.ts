/**
 * "Test connection" for a provider key: the cheapest real call through the same adapter the
 * gateway uses (one user word, at most one output token, on a small model), so a key that passes
 * here works for the gateway's wire format, not only for some listing endpoint.
 */
import { callProvider, type ProviderName } from "../_shared/providers/mod.ts";

/** Small, cheap models every account of the provider can call. */
export const TEST_MODELS: Readonly<Record<ProviderName, string>> = Object.freeze({
  openai: "gpt-4o-mini",
  anthropic: "claude-haiku-4-5",
  gemini: "gemini-2.5-flash-lite",
});

export interface ConnectionResult {
  ok: boolean;
  /** Shown to the engineer: what happened, in the provider's words when it refused. */
  message: string;
  latency_ms: number;
  provider_status?: number;
}

export async function testConnection(
  provider: ProviderName,
  apiKey: string,
  options: { baseUrl: string; model?: string; timeoutMs?: number; fetch?: typeof fetch },
): Promise<ConnectionResult> {
  const model = options.model ?? TEST_MODELS[provider];
  const result = await callProvider(
    {
      provider,
      model,
      messages: [{ role: "user", content: "ping" }],
      params: { max_tokens: 1 },
      stream: false,
    },
    {
      apiKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
      fetch: options.fetch,
    },
  );
  if (!result.ok) {
    const failed: ConnectionResult = {
      ok: false,
      message: result.error.message,
      latency_ms: result.timings.latency_ms,
    };
    if (result.error.provider_status !== undefined) {
      failed.provider_status = result.error.provider_status;
    }
    return failed;
  }
  if (!("response" in result)) throw new Error("a non-streaming call returned a stream");
  return {
    ok: true,
    message: `Connected: ${
      result.response.model ?? model
    } answered in ${result.timings.latency_ms} ms.`,
    latency_ms: result.timings.latency_ms,
  };
}
