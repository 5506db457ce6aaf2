/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/hubspot-sync: the HubSpot connection and its sync (docs/hubspot.md).
 *
 * With a user's session (Authorization: Bearer <access token>), engineers and admins of the
 * organization (checked by `authorize_hubspot_manager`):
 *   { action: "connect", organization_id, token }      validate the private-app token against
 *        HubSpot, store it encrypted → 200 { connection: { portal_id, token_last_four, status } }
 *   { action: "sync", organization_id, full? }          "Sync now" → 200 { run }
 *   { action: "pipelines", organization_id }            deal pipelines and stages, for mapping
 *   { action: "properties", organization_id, object }   deal or contact properties, for mapping
 * With the service key (the `hubspot.sync` scheduled job):
 *   { action: "sync-due" }                              every organization whose sync is due
 *
 * Errors: 400 invalid_json · 401 unauthorized · 403 forbidden · 404 not_connected ·
 * 409 sync_in_progress · 422 validation_failed | invalid_token | missing_scopes ·
 * 429 rate_limited (retry-after) · 502 hubspot_error · 503 database_unavailable
 */
import { z } from "zod";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  keyRingFromEnv,
  lastFour,
} from "../_shared/crypto.ts";
import { env } from "../_shared/env.ts";
import {
  defineFunction,
  functionPath,
  HttpError,
  json,
  parseJsonBody,
  requireMethod,
} from "../_shared/http.ts";
import {
  HUBSPOT_DEFAULT_BASE_URL,
  HubSpotAuthError,
  HubSpotClient,
  HubSpotError,
  type HubSpotObject,
  HubSpotRateLimitError,
} from "../_shared/hubspot/client.ts";
import { hubspotMapping } from "../_shared/hubspot/mapping.ts";
import { type ObjectCursor, runSync } from "../_shared/hubspot/sync.ts";
import { sharedServiceClient, userClient } from "../_shared/supabase.ts";

/** A sync started by a person answers within this; the next sync continues from the cursor. */
const MANUAL_BUDGET_MS = 60_000;
/** The scheduled run stops starting organizations after this (hosted wall clock: 150 s+). */
const SCHEDULED_BUDGET_MS = 100_000;
const PAGE_SIZE = 100;

const organizationId = z.uuid({ error: "must be an organization id (uuid)" });
const body = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("connect"),
    organization_id: organizationId,
    token: z.string().trim().min(10, "is too short to be a HubSpot private-app token").max(
      500,
      "is too long to be a HubSpot private-app token",
    ).regex(/^\S+$/, "must not contain spaces"),
  }),
  z.object({
    action: z.literal("sync"),
    organization_id: organizationId,
    full: z.boolean().optional(),
  }),
  z.object({ action: z.literal("pipelines"), organization_id: organizationId }),
  z.object({
    action: z.literal("properties"),
    organization_id: organizationId,
    object: z.enum(["deals", "contacts"]),
  }),
  z.object({ action: z.literal("sync-due") }),
], { error: "action must be connect, sync, pipelines, properties or sync-due" });

const cursorSchema = z.object({
  deals: z.object({ modified_at: z.string(), id: z.string() }).optional(),
  contacts: z.object({ modified_at: z.string(), id: z.string() }).optional(),
});

function hubspotBaseUrl(): string {
  const raw = Deno.env.get("HUBSPOT_API_BASE_URL")?.trim();
  if (!raw) return HUBSPOT_DEFAULT_BASE_URL;
  if (!z.url({ protocol: /^https?$/ }).safeParse(raw).success) {
    throw new HttpError(
      500,
      "server_misconfigured",
      "Environment variable HUBSPOT_API_BASE_URL is not an http(s) URL.",
    );
  }
  return raw;
}

const tokenAad = (organization: string) => `${organization}:hubspot`;

function databaseError(error: unknown): HttpError {
  console.error("hubspot-sync database call failed:", error);
  return new HttpError(503, "database_unavailable", "Could not reach the database; try again.");
}

/** The caller's user id, when they are an engineer or admin of `organization`. */
async function authorizeManager(req: Request, organization: string): Promise<string> {
  if (!/^Bearer\s+\S+/i.test(req.headers.get("authorization") ?? "")) {
    throw new HttpError(
      401,
      "unauthorized",
      "Sign in: send your session as Authorization: Bearer.",
    );
  }
  const { data, error } = await userClient(req).rpc("authorize_hubspot_manager", {
    p_organization_id: organization,
  });
  if (error?.code === "42501") {
    throw new HttpError(
      403,
      "forbidden",
      "Only engineers and admins of this organization can manage its HubSpot connection.",
    );
  }
  if (error || typeof data !== "string") {
    throw new HttpError(401, "unauthorized", "Your session is not valid; sign in again.");
  }
  return data;
}

function isServiceCaller(req: Request): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  const expected = env.SUPABASE_SERVICE_ROLE_KEY;
  const a = new TextEncoder().encode(presented);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]!;
  return diff === 0;
}

/** HubSpot's answers, as this function's errors. */
function fromHubSpot(error: unknown): never {
  if (error instanceof HubSpotRateLimitError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    throw new HttpError(
      429,
      "rate_limited",
      `HubSpot's rate limit was reached; try again in ${seconds} s.`,
      undefined,
      { "retry-after": String(seconds) },
    );
  }
  if (error instanceof HubSpotAuthError) {
    throw new HttpError(422, "invalid_token", error.message);
  }
  if (error instanceof HubSpotError && error.category === "MISSING_SCOPES") {
    throw new HttpError(422, "missing_scopes", error.message);
  }
  if (error instanceof HubSpotError) throw new HttpError(502, "hubspot_error", error.message);
  if (error instanceof DOMException && error.name === "TimeoutError") {
    throw new HttpError(502, "hubspot_error", "HubSpot did not answer in time; try again.");
  }
  if (error instanceof TypeError) {
    throw new HttpError(502, "hubspot_error", "Could not reach HubSpot; try again.");
  }
  throw error;
}

async function storedClient(organization: string): Promise<HubSpotClient> {
  const { data, error } = await sharedServiceClient().from("hubspot_connections").select(
    "ciphertext",
  ).eq(
    "organization_id",
    organization,
  ).maybeSingle();
  if (error) throw databaseError(error);
  if (!data) {
    throw new HttpError(404, "not_connected", "Connect HubSpot first.");
  }
  return new HubSpotClient({
    baseUrl: hubspotBaseUrl(),
    token: await decryptToken(data.ciphertext as string, organization),
  });
}

async function decryptToken(ciphertext: string, organization: string): Promise<string> {
  try {
    return await decryptSecret(ciphertext, keyRingFromEnv().secrets, {
      aad: tokenAad(organization),
    });
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    throw new HttpError(
      409,
      "token_unreadable",
      "The stored HubSpot token can no longer be decrypted (the server's secret changed): connect HubSpot again.",
    );
  }
}

async function connect(organization: string, userId: string, token: string) {
  const client = new HubSpotClient({ baseUrl: hubspotBaseUrl(), token, maxRetries: 1 });
  let portalId: number;
  try {
    ({ portalId } = await client.accountDetails());
    // One call per scope the sync needs, so a missing one is reported now, not at the first sync.
    const probe = { filterGroups: [], sorts: [], properties: [], limit: 1 };
    await client.search("deals", probe);
    await client.search("contacts", probe);
    await client.properties("deals");
  } catch (error) {
    fromHubSpot(error);
  }
  const ring = keyRingFromEnv();
  const ciphertext = await encryptSecret(token, ring, { aad: tokenAad(organization) });
  const db = sharedServiceClient();
  const { data: existing, error: readError } = await db.from("hubspot_connections")
    .select("portal_id").eq("organization_id", organization).maybeSingle();
  if (readError) throw databaseError(readError);
  const samePortal = existing?.portal_id === String(portalId);
  const { data, error } = await db.from("hubspot_connections").upsert({
    organization_id: organization,
    ciphertext,
    token_last_four: lastFour(token),
    portal_id: String(portalId),
    status: "connected",
    last_error: null,
    next_sync_after: null,
    connected_by: userId,
    connected_at: new Date().toISOString(),
    // Another portal's records are another history: start from the beginning.
    ...(samePortal ? {} : { cursor: {} }),
  }, { onConflict: "organization_id" }).select("portal_id, token_last_four, status").single();
  if (error) throw databaseError(error);
  return { connection: data };
}

interface RunRow {
  id: string;
  status: string;
  pages: number;
  records: number;
  outcomes_written: number;
  error: string | null;
  retry_after: string | null;
}

type SyncOutcome =
  | { started: true; run: RunRow }
  | { started: false; status: string; retryAfter?: string };

/** One organization's sync, from taking the lease to closing the run. */
async function syncOrganization(
  organization: string,
  trigger: "manual" | "scheduled",
  options: { userId?: string; full?: boolean; deadline: number },
): Promise<SyncOutcome> {
  const db = sharedServiceClient();
  const begin = await db.rpc("hubspot_begin_sync", {
    p_organization_id: organization,
    p_trigger: trigger,
    p_requested_by: options.userId ?? null,
    p_full: options.full ?? false,
  });
  if (begin.error) throw databaseError(begin.error);
  const started = begin.data as {
    status: string;
    run_id?: string;
    ciphertext?: string;
    portal_id?: string;
    cursor?: unknown;
    retry_after?: string;
  };
  if (started.status !== "started") {
    return { started: false, status: started.status, retryAfter: started.retry_after };
  }
  const runId = started.run_id!;

  const finish = async (
    status: string,
    error: string | null,
    retryAt?: Date,
    tokenRejected = false,
  ): Promise<RunRow> => {
    const { data, error: finishError } = await db.rpc("hubspot_finish_sync", {
      p_run_id: runId,
      p_status: status,
      p_error: error,
      p_retry_after: retryAt?.toISOString() ?? null,
      p_token_rejected: tokenRejected,
    });
    if (finishError) throw databaseError(finishError);
    return data as RunRow;
  };

  try {
    const token = await decryptToken(started.ciphertext!, organization);
    const { data: rows, error: mappingsError } = await db.from("hubspot_mappings").select(
      "id, object, transform, property, equals, only_when_stage, metric_key, account_property, end_user_property",
    ).eq("organization_id", organization);
    if (mappingsError) throw databaseError(mappingsError);
    const mappings = z.array(hubspotMapping).parse(rows);
    const parsedCursor = cursorSchema.safeParse(started.cursor);
    const result = await runSync({
      client: new HubSpotClient({ baseUrl: hubspotBaseUrl(), token }),
      mappings,
      portalId: started.portal_id!,
      cursor: parsedCursor.success ? parsedCursor.data : {},
      pageSize: PAGE_SIZE,
      deadline: options.deadline,
      commitPage: async (page) => {
        const { data, error } = await db.rpc("hubspot_record_page", {
          p_run_id: runId,
          p_object: page.object,
          p_cursor: page.cursor satisfies ObjectCursor | null,
          p_records: page.records,
          p_outcomes: page.outcomes,
        });
        if (error) throw databaseError(error);
        return data as number;
      },
    });
    return {
      started: true,
      run: await finish(result.status, result.error ?? null, result.retryAt, result.tokenRejected),
    };
  } catch (error) {
    const message = error instanceof HttpError
      ? error.message
      : "The sync failed unexpectedly; the next one continues from its last page.";
    if (!(error instanceof HttpError)) console.error("hubspot sync failed:", error);
    return { started: true, run: await finish("failed", message) };
  }
}

function manualSyncResponse(outcome: SyncOutcome): Response {
  if (outcome.started) return json({ run: outcome.run });
  switch (outcome.status) {
    case "not_connected":
      throw new HttpError(404, "not_connected", "Connect HubSpot first.");
    case "busy":
      throw new HttpError(
        409,
        "sync_in_progress",
        "A sync is already running for this organization; its result appears in the history.",
      );
    case "rate_limited": {
      const seconds = Math.max(
        1,
        Math.ceil((Date.parse(outcome.retryAfter ?? "") - Date.now()) / 1000) || 1,
      );
      throw new HttpError(
        429,
        "rate_limited",
        `HubSpot asked us to wait; sync again in ${seconds} s.`,
        undefined,
        { "retry-after": String(seconds) },
      );
    }
    default:
      throw new Error(`hubspot_begin_sync returned ${outcome.status}`);
  }
}

async function syncDue(): Promise<Response> {
  const deadline = Date.now() + SCHEDULED_BUDGET_MS;
  const { data, error } = await sharedServiceClient().rpc("hubspot_due_connections");
  if (error) throw databaseError(error);
  const results: { organization_id: string; status: string }[] = [];
  for (const organization of (data ?? []) as string[]) {
    if (Date.now() >= deadline) break;
    const outcome = await syncOrganization(organization, "scheduled", { deadline });
    results.push({
      organization_id: organization,
      status: outcome.started ? outcome.run.status : outcome.status,
    });
  }
  return json({ results });
}

export default defineFunction(async (req) => {
  if (functionPath(req, "hubspot-sync") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  requireMethod(req, "POST");
  const input = await parseJsonBody(req, body);

  if (input.action === "sync-due") {
    if (!isServiceCaller(req)) {
      throw new HttpError(403, "forbidden", "sync-due is for the scheduler (service key) only.");
    }
    return await syncDue();
  }

  const userId = await authorizeManager(req, input.organization_id);
  switch (input.action) {
    case "connect":
      return json(await connect(input.organization_id, userId, input.token));
    case "sync":
      return manualSyncResponse(
        await syncOrganization(input.organization_id, "manual", {
          userId,
          full: input.full,
          deadline: Date.now() + MANUAL_BUDGET_MS,
        }),
      );
    case "pipelines": {
      const client = await storedClient(input.organization_id);
      const pipelines = await client.dealPipelines().catch(fromHubSpot);
      return json({
        pipelines: pipelines.filter((p) => !p.archived).map((p) => ({
          id: p.id,
          label: p.label,
          stages: p.stages.filter((s) => !s.archived).map((s) => ({
            id: s.id,
            label: s.label,
            closed: s.metadata?.isClosed === "true",
          })),
        })),
      });
    }
    case "properties": {
      const client = await storedClient(input.organization_id);
      const object: HubSpotObject = input.object;
      const properties = await client.properties(object).catch(fromHubSpot);
      return json({
        properties: properties.filter((p) => !p.hidden).map((p) => ({
          name: p.name,
          label: p.label,
          type: p.type,
          options: (p.options ?? []).map((o) => ({ value: o.value, label: o.label })),
        })).sort((a, b) => a.label.localeCompare(b.label)),
      });
    }
  }
});
