import { Activity } from "lucide-react";
import { Link } from "react-router-dom";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useCurrentOrganization } from "@/features/organizations";

const INGEST_URL = `${((import.meta.env.VITE_SUPABASE_URL as string | undefined) ?? "").replace(/\/+$/, "")}/functions/v1/ingest`;

const CURL_EXAMPLE = `curl -X POST ${INGEST_URL} \\
  -H "Authorization: Bearer $CAUSEWAY_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"events": [{"type": "run", "idempotency_key": "run-1",
        "occurred_at": "${new Date().toISOString().slice(0, 19)}Z",
        "run": {"capability": "QualifyLead", "model": "gpt-4o", "latency_ms": 820}}]}'`;

/** The organization has never sent a run: how to send the first one. */
export function NoRunsYet() {
  const { organization, can } = useCurrentOrganization();
  return (
    <EmptyState
      icon={Activity}
      title="No runs yet"
      description={
        <>
          Your backend sends runs with the Causeway TypeScript SDK (<code>sdk/</code> in the
          Causeway repository), through the LLM gateway, or straight to the ingest API with an API
          key that has the <code>ingest</code> scope (see <code>docs/ingest-api.md</code>). They
          show up here within seconds.
        </>
      }
      action={
        <div className="flex flex-col items-center gap-3">
          <pre
            aria-label="Example request"
            className="max-w-full overflow-x-auto rounded-md border bg-background/60 p-3 text-left font-mono text-xs"
          >
            {CURL_EXAMPLE}
          </pre>
          {can("apiKeys.manage") ? (
            <Button asChild variant="outline">
              <Link to={`/o/${organization.slug}/api-keys`}>Create an API key</Link>
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">
              An engineer or admin of {organization.name} can create the API key.
            </p>
          )}
        </div>
      }
    />
  );
}
