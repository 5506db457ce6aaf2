/**
 * CORS for every edge function, in one place. `defineFunction` (./http.ts) answers preflights
 * and adds these headers to every response, so function code never deals with CORS itself.
 */

export const CORS_ALLOWED_HEADERS = [
  "authorization",
  "x-client-info",
  "apikey",
  "content-type",
  "idempotency-key",
  "x-causeway-signature",
  "x-causeway-timestamp",
  "x-api-key",
] as const;

export const CORS_ALLOWED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const corsHeaders: Readonly<Record<string, string>> = Object.freeze({
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS.join(", "),
  "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS.join(", "),
  "Access-Control-Max-Age": "86400",
});

/** The answer to a CORS preflight (`OPTIONS`) request. */
export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: corsHeaders });
}

/**
 * Returns `res` with the CORS headers set. Headers the handler set itself win. Responses with
 * immutable headers (e.g. straight from `fetch()`) are copied.
 */
export function withCors(res: Response): Response {
  try {
    for (const [name, value] of Object.entries(corsHeaders)) {
      if (!res.headers.has(name)) res.headers.set(name, value);
    }
    return res;
  } catch {
    const headers = new Headers(res.headers);
    for (const [name, value] of Object.entries(corsHeaders)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}
