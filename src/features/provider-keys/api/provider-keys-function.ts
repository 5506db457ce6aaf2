import { FunctionsFetchError, FunctionsHttpError } from "@supabase/supabase-js";

import { NETWORK_ERROR_MESSAGE, RequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { Provider } from "../lib/providers";

/**
 * The provider-keys edge function (docs/llm-gateway.md): keys are encrypted there, so the
 * plaintext goes from this form to that function once and never comes back.
 */
async function invoke<T>(failure: string, body: Record<string, unknown>): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>("provider-keys", { body });
  if (!error) return data as T;
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const payload = (await response.json().catch(() => null)) as {
      error?: { message?: string; details?: { path: string; message: string }[] };
    } | null;
    const detail = Array.isArray(payload?.error?.details)
      ? payload.error.details.map((d) => d.message).join("; ")
      : undefined;
    const message =
      [payload?.error?.message, detail].filter(Boolean).join(" ") ||
      `The server answered ${response.status}.`;
    throw new RequestError(`${failure}. ${message}`, {
      retryable: response.status >= 500,
      cause: error,
    });
  }
  if (error instanceof FunctionsFetchError) {
    throw new RequestError(`${failure}. ${NETWORK_ERROR_MESSAGE}`, {
      retryable: true,
      cause: error,
    });
  }
  throw new RequestError(`${failure}. ${error.message}`, { retryable: true, cause: error });
}

export interface SaveProviderKeyInput {
  organizationId: string;
  provider: Provider;
  mode: "add" | "rotate";
  key: string;
}

export async function saveProviderKey({
  organizationId,
  provider,
  mode,
  key,
}: SaveProviderKeyInput) {
  await invoke(mode === "add" ? "The key wasn't added" : "The key wasn't rotated", {
    action: mode,
    organization_id: organizationId,
    provider,
    key: key.trim(),
  });
}

export async function revokeProviderKey(organizationId: string, provider: Provider) {
  await invoke("The key wasn't revoked", {
    action: "revoke",
    organization_id: organizationId,
    provider,
  });
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  latency_ms: number;
}

/** One tiny real call to the provider with the stored key; a refusal is a result, not an error. */
export async function testProviderKey(
  organizationId: string,
  provider: Provider,
): Promise<ConnectionTest> {
  const { ok, message, latency_ms } = await invoke<ConnectionTest>("The connection wasn't tested", {
    action: "test",
    organization_id: organizationId,
    provider,
  });
  return { ok, message, latency_ms };
}
