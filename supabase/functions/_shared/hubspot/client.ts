/**
 * A small client for the parts of HubSpot's API the sync uses, in their real wire format:
 *
 *   GET  /account-info/v3/details              the portal id (validates the token)
 *   POST /crm/v3/objects/{deals|contacts}/search
 *   GET  /crm/v3/pipelines/deals               deal pipelines and their stages
 *   GET  /crm/v3/properties/{deals|contacts}   property definitions
 *
 * Auth is a private-app token (`Authorization: Bearer pat-...`). A 429 is retried after its
 * Retry-After (seconds or an HTTP date; HubSpot's per-second limit when absent) while the wait is
 * short and attempts remain; otherwise it becomes HubSpotRateLimitError with the time to come
 * back, so the caller can stop and resume later instead of holding an edge function open.
 */
import { z } from "zod";

export const HUBSPOT_DEFAULT_BASE_URL = "https://api.hubapi.com";

export const HUBSPOT_OBJECTS = ["deals", "contacts"] as const;
export type HubSpotObject = (typeof HUBSPOT_OBJECTS)[number];

/** The last-modified property each object is searched and sorted by. */
export const MODIFIED_PROPERTY: Record<HubSpotObject, string> = {
  deals: "hs_lastmodifieddate",
  contacts: "lastmodifieddate",
};

/** HubSpot caps a search page at 200 records. */
export const MAX_SEARCH_LIMIT = 200;
/** A search query pages through at most 10,000 results; past that, narrow the filter. */
export const SEARCH_RESULT_WINDOW = 10_000;

const errorBody = z.object({
  message: z.string().optional(),
  category: z.string().optional(),
  correlationId: z.string().optional(),
  errors: z.array(
    z.object({
      message: z.string().optional(),
      context: z.record(z.string(), z.unknown()).optional(),
    }).loose(),
  ).optional(),
}).loose();

/** A non-2xx answer from HubSpot, with its status, category and message. */
export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly category: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "HubSpotError";
  }
}

/** 401: the token is wrong, revoked or rotated. */
export class HubSpotAuthError extends HubSpotError {
  constructor(message: string) {
    super(401, "INVALID_AUTHENTICATION", message);
    this.name = "HubSpotAuthError";
  }
}

/** 429 that was not worth waiting for here: come back at `retryAt`. */
export class HubSpotRateLimitError extends HubSpotError {
  constructor(readonly retryAfterMs: number, message: string) {
    super(429, "RATE_LIMIT", message);
    this.name = "HubSpotRateLimitError";
  }
}

export const searchRecord = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
}).loose();
export type SearchRecord = z.infer<typeof searchRecord>;

const searchPage = z.object({
  total: z.number(),
  results: z.array(searchRecord),
  paging: z.object({ next: z.object({ after: z.string() }).loose().optional() }).loose()
    .optional(),
}).loose();
export type SearchPage = z.infer<typeof searchPage>;

export interface SearchFilter {
  propertyName: string;
  operator: "EQ" | "NEQ" | "GT" | "GTE" | "LT" | "LTE" | "HAS_PROPERTY" | "NOT_HAS_PROPERTY";
  value?: string;
}

export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[];
  sorts: { propertyName: string; direction: "ASCENDING" | "DESCENDING" }[];
  properties: string[];
  limit: number;
  after?: string;
}

const pipelines = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      displayOrder: z.number().optional(),
      archived: z.boolean().optional(),
      stages: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          displayOrder: z.number().optional(),
          archived: z.boolean().optional(),
          metadata: z.record(z.string(), z.unknown()).optional(),
        }).loose(),
      ),
    }).loose(),
  ),
}).loose();
export type Pipeline = z.infer<typeof pipelines>["results"][number];

const properties = z.object({
  results: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      type: z.string(),
      fieldType: z.string().optional(),
      hidden: z.boolean().optional(),
      options: z.array(z.object({ label: z.string(), value: z.string() }).loose()).optional(),
    }).loose(),
  ),
}).loose();
export type PropertyDefinition = z.infer<typeof properties>["results"][number];

const accountDetails = z.object({ portalId: z.number() }).loose();

export interface HubSpotClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** 429s retried per request before giving up. Default 3. */
  maxRetries?: number;
  /** The longest Retry-After waited for in place. Default 10 s. */
  maxRetryWaitMs?: number;
  /** Per request. Default 20 s. */
  timeoutMs?: number;
}

/** Milliseconds to wait from a Retry-After header (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** HubSpot's per-second limit resets within a second. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export class HubSpotClient {
  readonly #token: string;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #maxRetries: number;
  readonly #maxRetryWaitMs: number;
  readonly #timeoutMs: number;
  /** 429s waited out so far (for the sync's report). */
  rateLimitWaits = 0;

  constructor(options: HubSpotClientOptions) {
    this.#token = options.token;
    this.#baseUrl = (options.baseUrl ?? HUBSPOT_DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.#fetch = options.fetch ?? fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#maxRetries = options.maxRetries ?? 3;
    this.#maxRetryWaitMs = options.maxRetryWaitMs ?? 10_000;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
  }

  async accountDetails(): Promise<{ portalId: number }> {
    return await this.#request("GET", "/account-info/v3/details", undefined, accountDetails);
  }

  async search(object: HubSpotObject, request: SearchRequest): Promise<SearchPage> {
    return await this.#request("POST", `/crm/v3/objects/${object}/search`, request, searchPage);
  }

  async dealPipelines(): Promise<Pipeline[]> {
    return (await this.#request("GET", "/crm/v3/pipelines/deals", undefined, pipelines)).results;
  }

  async properties(object: HubSpotObject): Promise<PropertyDefinition[]> {
    return (await this.#request("GET", `/crm/v3/properties/${object}`, undefined, properties))
      .results;
  }

  async #request<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    for (let attempt = 0;; attempt++) {
      const res = await this.#fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      if (res.ok) {
        const parsed = schema.safeParse(await res.json().catch(() => undefined));
        if (!parsed.success) {
          throw new HubSpotError(
            res.status,
            undefined,
            `HubSpot answered ${method} ${path} with a body this sync does not understand.`,
          );
        }
        return parsed.data;
      }
      const text = await res.text();
      let parsedError: z.infer<typeof errorBody> = {};
      try {
        parsedError = errorBody.parse(JSON.parse(text));
      } catch {
        // not HubSpot's JSON error body (a proxy's page, say): the status says enough
      }
      const message = parsedError.message ?? `HubSpot answered ${res.status}.`;
      if (res.status === 429) {
        const waitMs = parseRetryAfter(res.headers.get("retry-after")) ?? DEFAULT_RETRY_AFTER_MS;
        if (attempt < this.#maxRetries && waitMs <= this.#maxRetryWaitMs) {
          this.rateLimitWaits++;
          await this.#sleep(waitMs);
          continue;
        }
        throw new HubSpotRateLimitError(waitMs, `HubSpot rate limit: ${message}`);
      }
      if (res.status === 401) {
        throw new HubSpotAuthError(
          `HubSpot rejected the token (${message}). Create a new private-app token and connect again.`,
        );
      }
      if (res.status === 403 && parsedError.category === "MISSING_SCOPES") {
        const scopes = parsedError.errors?.flatMap((e) => {
          const required = e.context?.requiredGranularScopes ?? e.context?.requiredScopes;
          return Array.isArray(required) ? required.map(String) : [];
        }) ?? [];
        throw new HubSpotError(
          403,
          "MISSING_SCOPES",
          `The private app is missing the scope${scopes.length === 1 ? "" : "s"} ${
            scopes.join(", ") || "this call needs"
          }: add ${scopes.length === 1 ? "it" : "them"} in HubSpot and connect again.`,
        );
      }
      throw new HubSpotError(res.status, parsedError.category, `HubSpot error: ${message}`);
    }
  }
}
