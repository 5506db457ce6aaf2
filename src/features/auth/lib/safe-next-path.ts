const AUTH_PAGES = ["/sign-in", "/sign-up", "/forgot-password", "/reset-password"];

/**
 * The `next` search parameter as a same-origin path to return to after signing in, or "/" when
 * it is missing, points elsewhere (`//evil.example`, `https://…`, `javascript:`), or would loop
 * back to an auth page.
 */
export function safeNextPath(
  next: string | null | undefined,
  origin = window.location.origin,
): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  if (AUTH_PAGES.includes(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in URL that brings the person back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
