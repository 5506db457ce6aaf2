/** The scopes create_api_key accepts; a key carries one or more. */
export const API_KEY_SCOPES = ["ingest", "resolve", "proxy"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  ingest: "Send runs and outcomes",
  resolve: "Fetch the live prompt, model and config",
  // Its own scope because it spends the organization's provider budget (docs/llm-gateway.md).
  proxy: "Call the LLM gateway, billed to your provider keys",
};
