/**
 * The tiny framework every edge function uses:
 *
 *   export default defineFunction(async (req) => {
 *     requireMethod(req, "POST");
 *     const body = await parseJsonBody(req, schema);
 *     return json({ ok: true });
 *   });
 *
 * `defineFunction` returns `{ fetch }`, the `export default` shape hosted Supabase accepts and the
 * local router (scripts/edge-runtime/router.ts) calls. It answers CORS preflights, adds CORS
 * headers to every response, and maps errors to `{ error: { code, message, details? } }`.
 */
import type { z } from "zod";
import { preflightResponse, withCors } from "./cors.ts";

export type Handler = (req: Request) => Response | Promise<Response>;

export interface EdgeFunction {
  fetch(req: Request): Promise<Response>;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error that becomes the HTTP response `status` with body `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: HeadersInit | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    headers?: HeadersInit,
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** A JSON response. `init.headers` are merged over `content-type: application/json`. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The JSON error response for `status` / `code` / `message` (and `details` when given). */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers?: HeadersInit,
): Response {
  const error: ErrorBody["error"] = { code, message };
  if (details !== undefined) error.details = details;
  return json({ error } satisfies ErrorBody, { status, headers });
}

/** Wraps a handler into the `{ fetch }` object an edge function exports by default. */
export function defineFunction(handler: Handler): EdgeFunction {
  return {
    async fetch(req: Request): Promise<Response> {
      if (req.method === "OPTIONS") return preflightResponse();
      let res: Response;
      try {
        res = await handler(req);
      } catch (err) {
        res = toErrorResponse(err, req);
      }
      return withCors(res);
    },
  };
}

function toErrorResponse(err: unknown, req: Request): Response {
  if (err instanceof HttpError) {
    return errorResponse(err.status, err.code, err.message, err.details, err.headers);
  }
  // Log the full error (with stack) to the function logs; never send it to the client.
  console.error(`Unhandled error in ${req.method} ${new URL(req.url).pathname}:`, err);
  return errorResponse(500, "internal_error", "An unexpected error occurred.");
}

export interface ValidationIssue {
  /** Dotted path into the body, e.g. "items.0.name"; "" for the body itself. */
  path: string;
  message: string;
}

/** zod issues → the `details` of a 422 `validation_failed` error. */
export function validationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join("."),
    message: issue.message,
  }));
}

/**
 * Reads the request body as JSON and validates it with `schema`.
 * Throws 400 `invalid_json` when the body is not JSON, 422 `validation_failed` (with
 * `details: [{ path, message }]`) when it does not match the schema.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await req.text());
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(
      422,
      "validation_failed",
      "The request body is invalid.",
      validationIssues(result.error),
    );
  }
  return result.data;
}

/** Throws 405 `method_not_allowed` (with an `allow` header) unless `req.method` is one of `methods`. */
export function requireMethod(req: Request, ...methods: string[]): void {
  const allowed = methods.map((m) => m.toUpperCase());
  if (allowed.includes(req.method.toUpperCase())) return;
  const allow = [...new Set([...allowed, "OPTIONS"])].join(", ");
  throw new HttpError(
    405,
    "method_not_allowed",
    `Method ${req.method} is not allowed; use ${allowed.join(" or ")}.`,
    undefined,
    { allow },
  );
}

/**
 * The path after `/<name>`: hosted Supabase (and the local router) call a function with the path
 * `/<name>/...`. `/<name>` and `/<name>/` give "/", `/<name>/a/b` gives "/a/b". A leading
 * `/functions/v1` is tolerated. A path that does not start with `/<name>` is returned unchanged.
 */
export function functionPath(req: Request, name: string): string {
  let path = new URL(req.url).pathname;
  if (path === "/functions/v1" || path.startsWith("/functions/v1/")) {
    path = path.slice("/functions/v1".length) || "/";
  }
  const prefix = `/${name}`;
  if (path === prefix || path === `${prefix}/`) return "/";
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  return path;
}
