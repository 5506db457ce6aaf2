import { FunctionsFetchError, FunctionsHttpError } from "@supabase/supabase-js";

import { NETWORK_ERROR_MESSAGE, RequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { HubspotSyncRun } from "./fetch-hubspot-sync-runs";

/**
 * The hubspot-sync edge function (docs/hubspot.md): HubSpot is only ever called from there.
 * `byCode` replaces the function's message for error codes the caller can explain better.
 */
async function invoke<T>(
  failure: string,
  body: Record<string, unknown>,
  byCode: Partial<Record<string, string>> = {},
): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>("hubspot-sync", { body });
  if (!error) return data as T;
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const payload = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    const message =
      byCode[payload?.error?.code ?? ""] ??
      payload?.error?.message ??
      `The server answered ${response.status}.`;
    // HubSpot's rate limit and a busy sync pass; a refused token or permission does not.
    const retryable = response.status === 429 || response.status >= 500;
    throw new RequestError(`${failure}. ${message}`, { retryable, cause: error });
  }
  if (error instanceof FunctionsFetchError) {
    throw new RequestError(`${failure}. ${NETWORK_ERROR_MESSAGE}`, {
      retryable: true,
      cause: error,
    });
  }
  throw new RequestError(`${failure}. ${error.message}`, { retryable: true, cause: error });
}

export interface ConnectedHubspot {
  portal_id: string;
  token_last_four: string;
  status: string;
}

// HubSpot's own 401 text talks about OAuth, which a private-app token never uses.
const TOKEN_REFUSED =
  "HubSpot does not accept this token. Copy it again from your private app in HubSpot (Settings › Integrations › Private apps › your app › Auth) and paste it whole; if the app's token was rotated or the app deleted, use the current token.";

/** Checks the token with HubSpot, then stores it encrypted. The token never comes back. */
export async function connectHubspot(organizationId: string, token: string) {
  return (
    await invoke<{ connection: ConnectedHubspot }>(
      "HubSpot wasn't connected",
      { action: "connect", organization_id: organizationId, token },
      { invalid_token: TOKEN_REFUSED },
    )
  ).connection;
}

interface RunRow {
  id: string;
  trigger: "manual" | "scheduled";
  status: HubspotSyncRun["status"];
  pages: number;
  records: number;
  outcomes_written: number;
  error: string | null;
}

/** Runs a sync now and answers when it has finished (or stopped). */
export async function syncHubspot(organizationId: string, full: boolean) {
  const { run } = await invoke<{ run: RunRow }>("The sync didn't run", {
    action: "sync",
    organization_id: organizationId,
    full,
  });
  return {
    status: run.status,
    pages: run.pages,
    records: run.records,
    outcomesWritten: run.outcomes_written,
    error: run.error,
  };
}

export interface DealStage {
  id: string;
  label: string;
  closed: boolean;
}

export interface DealPipeline {
  id: string;
  label: string;
  stages: DealStage[];
}

export async function fetchDealPipelines(organizationId: string): Promise<DealPipeline[]> {
  return (
    await invoke<{ pipelines: DealPipeline[] }>("Couldn't load the deal stages from HubSpot", {
      action: "pipelines",
      organization_id: organizationId,
    })
  ).pipelines;
}

export interface HubspotProperty {
  name: string;
  label: string;
  /** HubSpot's type: string, number, enumeration, datetime, bool… */
  type: string;
  options: { value: string; label: string }[];
}

export async function fetchHubspotProperties(
  organizationId: string,
  object: "deals" | "contacts",
): Promise<HubspotProperty[]> {
  return (
    await invoke<{ properties: HubspotProperty[] }>(
      `Couldn't load the ${object === "deals" ? "deal" : "contact"} properties from HubSpot`,
      { action: "properties", organization_id: organizationId, object },
    )
  ).properties;
}
