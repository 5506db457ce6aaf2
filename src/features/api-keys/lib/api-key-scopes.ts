/** The scopes create_api_key accepts; a key may carry one or both. */
export const API_KEY_SCOPES = ["ingest", "resolve"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  ingest: "Send runs and outcomes",
  resolve: "Fetch the live prompt, model and config",
};
