/** Small helpers shared by the adapters. */

/** `base` (with or without a trailing slash) + `path` (starting with "/"). */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}

/** Tool-call arguments: parsed JSON when they are a JSON string, else as given ("" → {}). */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== "string") return value ?? {};
  if (value.trim() === "") return {};
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
