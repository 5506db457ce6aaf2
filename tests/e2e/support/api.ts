import type { Page } from "@playwright/test";

export interface ApiCall {
  path: string;
  method?: string;
  body?: unknown;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/**
 * Calls the API from inside the page with the signed-in person's own session, as anyone could
 * from the browser's console: what the database allows them whatever the UI offers. `path` is
 * under the API's origin (/rest/v1/..., /functions/v1/...).
 */
export async function callApiAs(page: Page, calls: ApiCall[]): Promise<ApiAnswer[]> {
  return await page.evaluate(
    async ({ apiUrl, apikey, calls }) => {
      const storageKey = Object.keys(localStorage).find((key) => /^sb-.*-auth-token$/.test(key));
      if (!storageKey) throw new Error("Nobody is signed in on this page");
      const session = JSON.parse(localStorage.getItem(storageKey)!) as { access_token: string };
      const answers = [];
      for (const call of calls) {
        const response = await fetch(`${apiUrl}${call.path}`, {
          method: call.method ?? "GET",
          headers: {
            apikey,
            authorization: `Bearer ${session.access_token}`,
            "content-type": "application/json",
            prefer: "return=representation",
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        });
        const text = await response.text();
        answers.push({
          status: response.status,
          body: text ? (JSON.parse(text) as unknown) : null,
        });
      }
      return answers;
    },
    {
      apiUrl: process.env.CAUSEWAY_API_URL!,
      apikey: process.env.CAUSEWAY_PUBLISHABLE_KEY!,
      calls,
    },
  );
}

/** Acme's organization id, as the signed-in person reads it. */
export async function acmeId(page: Page): Promise<string> {
  const [answer] = await callApiAs(page, [
    { path: "/rest/v1/organizations?slug=eq.acme-commerce&select=id" },
  ]);
  return (answer!.body as { id: string }[])[0]!.id;
}
