import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ApiKeys } from "./supabase-api";

export function generateKeys(): ApiKeys {
  const token = (bytes: number) => randomBytes(bytes).toString("base64url");
  return {
    publishableKey: `sb_publishable_${token(18)}`,
    secretKey: `sb_secret_${token(24)}`,
    jwtSecret: token(48),
  };
}

/** Dev keys survive restarts so a browser session and copied snippets stay valid. */
export function loadOrCreateKeys(file: string): ApiKeys {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ApiKeys;
  const keys = generateKeys();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
