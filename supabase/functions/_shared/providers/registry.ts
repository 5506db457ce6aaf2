/** The three adapters by name, and the per-provider dispatch functions built on them. */
import { anthropic } from "./anthropic.ts";
import { gemini } from "./gemini.ts";
import { openai } from "./openai.ts";
import type {
  BuildOptions,
  ChatRequest,
  NormalizedResponse,
  ProviderAdapter,
  ProviderError,
  ProviderName,
} from "./types.ts";

export const adapters: Readonly<Record<ProviderName, ProviderAdapter>> = Object.freeze({
  openai,
  anthropic,
  gemini,
});

export function getAdapter(provider: ProviderName): ProviderAdapter {
  const adapter = adapters[provider];
  if (!adapter) throw new TypeError(`Unknown provider: ${String(provider)}`);
  return adapter;
}

/** The provider's request for `req`, in its exact wire format. */
export function buildRequest(req: ChatRequest, options: BuildOptions): Request {
  return getAdapter(req.provider).buildRequest(req, options);
}

/** A provider's non-streaming success body, normalized. */
export function parseResponse(provider: ProviderName, body: unknown): NormalizedResponse {
  return getAdapter(provider).parseResponse(body);
}

/** A provider's error response, normalized (see errors.ts for the table). */
export function mapProviderError(
  provider: ProviderName,
  status: number,
  body: unknown,
  headers?: Headers,
): ProviderError {
  return getAdapter(provider).mapError(status, body, headers);
}

/**
 * The base URL for `provider`: OPENAI_BASE_URL, ANTHROPIC_BASE_URL or GEMINI_BASE_URL when set
 * (tests point them at local fakes), else the provider's public endpoint. Production and tests
 * take the same code path.
 */
export function baseUrlFromEnv(
  provider: ProviderName,
  getEnv: (name: string) => string | undefined = (name) => Deno.env.get(name),
): string {
  const adapter = getAdapter(provider);
  const value = getEnv(adapter.baseUrlEnv)?.trim();
  return value ? value : adapter.defaultBaseUrl;
}
