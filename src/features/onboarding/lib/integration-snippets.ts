/** What the snippets fill in: the keys the draft uses and the project's URL. */
export interface SnippetInput {
  baseUrl: string;
  capability: string;
  intent: string | null;
  action: string | null;
  metricKey: string;
  variables: Record<string, unknown>;
}

export type SnippetLanguage = "typescript" | "python" | "curl";

export const SNIPPET_LANGUAGES: Array<{ id: SnippetLanguage; label: string }> = [
  { id: "typescript", label: "TypeScript (SDK)" },
  { id: "python", label: "Python (requests)" },
  { id: "curl", label: "curl" },
];

export function endpointUrls(baseUrl: string) {
  const root = baseUrl.replace(/\/+$/, "");
  return { resolve: `${root}/functions/v1/resolve`, ingest: `${root}/functions/v1/ingest` };
}

function resolveBody(input: SnippetInput, unitId: string) {
  return {
    capability: input.capability,
    ...(input.action ? { action: input.action } : {}),
    ...(input.intent ? { intent: input.intent } : {}),
    unit_id: unitId,
    ...(Object.keys(input.variables).length > 0 ? { variables: input.variables } : {}),
  };
}

function indent(json: string, spaces: number) {
  return json.replace(/\n/g, `\n${" ".repeat(spaces)}`);
}

export function integrationSnippet(language: SnippetLanguage, input: SnippetInput): string {
  const urls = endpointUrls(input.baseUrl);
  const scopeLines = [
    `  capability: "${input.capability}",`,
    input.action ? `  action: "${input.action}",` : null,
    input.intent ? `  intent: "${input.intent}",` : null,
  ].filter(Boolean);

  if (language === "typescript") {
    const variables = Object.keys(input.variables).length
      ? `  variables: ${indent(JSON.stringify(input.variables, null, 2), 2)},\n`
      : "";
    return `import { Causeway } from "@causeway/sdk";

// An org API key with the "resolve" and "ingest" scopes; keep it on your server.
const causeway = new Causeway({
  apiKey: process.env.CAUSEWAY_API_KEY!,
  baseUrl: "${input.baseUrl.replace(/\/+$/, "")}",
  flushOnExit: true,
});

// 1. Ask which prompt, model and config to use (sticky per unit_id).
const live = await causeway.resolve({
${scopeLines.join("\n")}
  unit_id: userId,
${variables}});

// 2. Call the model with live.prompt, live.model and live.config, then report the run.
const runId = causeway.trackRun({
${scopeLines.join("\n")}
  experiment_id: live.experiment_id ?? undefined,
  variant_id: live.variant_id ?? undefined,
  version_id: live.version_id,
  provider: live.provider,
  model: live.model,
  conversation_id: conversationId,
  end_user_id: userId,
  latency_ms: latencyMs,
});

// 3. Whenever the business result is known, send the outcome.
causeway.trackOutcome({ metric_key: "${input.metricKey}", value: 1, conversation_id: conversationId });
`;
  }

  if (language === "python") {
    const body = JSON.stringify(resolveBody(input, "user-42"), null, 4)
      .replace(/\btrue\b/g, "True")
      .replace(/\bfalse\b/g, "False")
      .replace(/\bnull\b/g, "None");
    return `import datetime, os, uuid
import requests

HEADERS = {"x-api-key": os.environ["CAUSEWAY_API_KEY"]}  # scopes: resolve, ingest

# 1. Which prompt, model and config to use (sticky per unit_id).
live = requests.post(
    "${urls.resolve}",
    json=${indent(body, 4)},
    headers=HEADERS,
    timeout=5,
).json()

# 2. Call the model with live["prompt"], live["model"], live["config"], then report the run
#    and, when it is known, the outcome.
run_id = str(uuid.uuid4())
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
requests.post(
    "${urls.ingest}",
    json={"events": [
        {"type": "run", "idempotency_key": run_id, "occurred_at": now,
         "run": {"id": run_id, "capability": "${input.capability}",
                 "experiment_id": live["experiment_id"], "variant_id": live["variant_id"],
                 "version_id": live["version_id"], "model": live["model"],
                 "conversation_id": "conv-8812", "latency_ms": 1840}},
        {"type": "outcome", "idempotency_key": f"{run_id}-outcome", "occurred_at": now,
         "outcome": {"metric_key": "${input.metricKey}", "value": 1, "conversation_id": "conv-8812"}},
    ]},
    headers={"Authorization": f"Bearer {os.environ['CAUSEWAY_API_KEY']}"},
    timeout=15,
).raise_for_status()
`;
  }

  return `# 1. Which prompt, model and config to use (key scope: resolve).
curl -X POST "${urls.resolve}" \\
  -H "x-api-key: $CAUSEWAY_API_KEY" -H "content-type: application/json" \\
  -d '${JSON.stringify(resolveBody(input, "customer-42"))}'

# 2. Report the outcome when it is known (key scope: ingest); runs are sent the same way.
curl -X POST "${urls.ingest}" \\
  -H "Authorization: Bearer $CAUSEWAY_API_KEY" -H "content-type: application/json" \\
  -d '{"events": [{"type": "outcome", "idempotency_key": "conv-8812-${input.metricKey}",
        "occurred_at": "'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'",
        "outcome": {"metric_key": "${input.metricKey}", "value": 1, "conversation_id": "conv-8812"}}]}'
`;
}
