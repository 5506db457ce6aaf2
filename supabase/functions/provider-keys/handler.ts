/**
 * The provider-keys function's logic, with the database and auth calls injected so Deno tests can
 * run it against the provider fakes without a stack (index.ts wires the real ones).
 *
 * The browser sends the plaintext key here once; it is encrypted here (AES-256-GCM under
 * PROVIDER_KEYS_SECRET, bound to `<organization>:<provider>`) and only the ciphertext reaches the
 * database, through service-role RPCs that re-check the caller's role in the database
 * (`manage_provider_key`, `provider_key_for_test`, `record_provider_key_test`). Answers carry
 * the key's public fields only: provider, last four characters, who and when.
 */
import { z } from "zod";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  type KeyRing,
  lastFour,
} from "../_shared/crypto.ts";
import { HttpError, json, parseJsonBody, requireMethod } from "../_shared/http.ts";
import { type ProviderName, PROVIDERS } from "../_shared/providers/mod.ts";
import { testConnection } from "./connection.ts";

const organization = z.guid("must be an organization id");
const provider = z.enum(PROVIDERS, { error: "must be openai, anthropic or gemini" });
const plaintextKey = z
  .string()
  .trim()
  .min(8, "must be at least 8 characters: paste the whole key")
  .max(500, "must be at most 500 characters")
  .regex(/^\S+$/, "must not contain spaces or line breaks");

export const ProviderKeyRequest = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("add"),
    organization_id: organization,
    provider,
    key: plaintextKey,
  }),
  z.strictObject({
    action: z.literal("rotate"),
    organization_id: organization,
    provider,
    key: plaintextKey,
  }),
  z.strictObject({ action: z.literal("revoke"), organization_id: organization, provider }),
  z.strictObject({ action: z.literal("test"), organization_id: organization, provider }),
], { error: "action must be add, rotate, revoke or test" });
export type ProviderKeyRequest = z.infer<typeof ProviderKeyRequest>;

/** A Postgres error as supabase-js reports it. */
export interface RpcError {
  code?: string;
  message: string;
}

export interface ProviderKeyDeps {
  /** The user id behind a Supabase access token, or null when it is not a valid session. */
  userFor(accessToken: string): Promise<string | null>;
  rpc(
    fn: string,
    args: Record<string, unknown>,
  ): Promise<{ data: unknown; error: RpcError | null }>;
  keyRing(): KeyRing;
  baseUrl(provider: ProviderName): string;
  testTimeoutMs?: number;
  fetch?: typeof fetch;
}

const LABEL: Record<ProviderName, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
};

function rpcFailure(error: RpcError, provider: ProviderName): HttpError {
  switch (error.code) {
    case "42501":
      return new HttpError(
        403,
        "forbidden",
        "Only engineers and admins of this organization can manage its provider keys.",
      );
    case "23505":
      return new HttpError(
        409,
        "key_exists",
        `This organization already has an active ${LABEL[provider]} key: rotate it to replace it.`,
      );
    case "PT404":
      return new HttpError(
        404,
        "no_active_key",
        `This organization has no active ${LABEL[provider]} key: add one first.`,
      );
    default:
      console.error("provider-keys: rpc failed:", error);
      return new HttpError(
        503,
        "database_unavailable",
        "Could not reach the database; nothing was changed. Retry shortly.",
        undefined,
        { "retry-after": "1" },
      );
  }
}

export function createProviderKeysHandler(deps: ProviderKeyDeps) {
  return async (req: Request): Promise<Response> => {
    requireMethod(req, "POST");
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
    const userId = token ? await deps.userFor(token) : null;
    if (!userId) {
      throw new HttpError(
        401,
        "not_signed_in",
        "Sign in again: your session is missing or expired.",
      );
    }
    const body = await parseJsonBody(req, ProviderKeyRequest);
    const aad = `${body.organization_id}:${body.provider}`;

    const call = async (fn: string, args: Record<string, unknown>) => {
      const { data, error } = await deps.rpc(fn, args);
      if (error) throw rpcFailure(error, body.provider);
      return data as Record<string, unknown>;
    };

    if (body.action === "add" || body.action === "rotate") {
      const ciphertext = await encryptSecret(body.key, deps.keyRing(), { aad });
      const key = await call("manage_provider_key", {
        p_actor: userId,
        p_action: body.action,
        p_organization_id: body.organization_id,
        p_provider: body.provider,
        p_ciphertext: ciphertext,
        p_last4: lastFour(body.key),
      });
      return json({ key }, { status: body.action === "add" ? 201 : 200 });
    }
    if (body.action === "revoke") {
      const key = await call("manage_provider_key", {
        p_actor: userId,
        p_action: "revoke",
        p_organization_id: body.organization_id,
        p_provider: body.provider,
      });
      return json({ key });
    }

    const stored = await call("provider_key_for_test", {
      p_actor: userId,
      p_organization_id: body.organization_id,
      p_provider: body.provider,
    });
    let plaintext: string;
    try {
      plaintext = await decryptSecret(String(stored.ciphertext), deps.keyRing(), { aad });
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      console.error(`provider-keys: key ${stored.id}: ${err.message}`);
      throw new HttpError(
        500,
        "server_misconfigured",
        `The stored ${
          LABEL[body.provider]
        } key cannot be decrypted with the server's PROVIDER_KEYS_SECRET: rotate it.`,
      );
    }
    const result = await testConnection(body.provider, plaintext, {
      baseUrl: deps.baseUrl(body.provider),
      timeoutMs: deps.testTimeoutMs,
      fetch: deps.fetch,
    });
    const key = await call("record_provider_key_test", {
      p_actor: userId,
      p_key_id: stored.id,
      p_ok: result.ok,
      p_message: result.message,
    });
    return json({ ...result, key });
  };
}
