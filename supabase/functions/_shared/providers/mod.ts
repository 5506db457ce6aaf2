/**
 * The LLM gateway's provider layer: everything that does not touch the database.
 *
 *   import { baseUrlFromEnv, callProvider, encodeSseStream, SSE_HEADERS, toHttpError } from
 *     "../_shared/providers/mod.ts";
 *
 *   const result = await callProvider(chatRequest, {
 *     apiKey, baseUrl: baseUrlFromEnv(chatRequest.provider), timeoutMs: 60_000, signal: req.signal,
 *   });
 *   if (!result.ok) throw toHttpError(result.error);            // and record a failed run
 *   if ("response" in result) return json({ text: result.response.text, ... });
 *   result.outcome.then(recordRun);                              // EdgeRuntime.waitUntil(...)
 *   return new Response(encodeSseStream(result.stream, { decorateDone }), { headers: SSE_HEADERS });
 *
 * docs/llm-gateway.md describes the contract callers see.
 */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./sse.ts";
export * from "./registry.ts";
export * from "./call.ts";
export { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_VERSION } from "./anthropic.ts";
