import { Link } from "react-router-dom";
import { KeyRound } from "lucide-react";

import { CopyButton } from "@/components/copy-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import {
  endpointUrls,
  integrationSnippet,
  SNIPPET_LANGUAGES,
  type SnippetInput,
} from "../lib/integration-snippets";

interface IntegrationsStepProps {
  input: SnippetInput;
  /** The API keys page, for roles that may create keys; null for the others. */
  apiKeysPath: string | null;
}

export function IntegrationsStep({ input, apiKeysPath }: IntegrationsStepProps) {
  const urls = endpointUrls(input.baseUrl);
  return (
    <div className="grid gap-5">
      <p className="text-sm text-muted-foreground">
        Your backend asks Causeway what to use for each request, then reports what happened. Two
        endpoints, one org API key:
      </p>
      <dl className="grid gap-2 text-sm md:grid-cols-[auto_1fr] md:gap-x-4">
        <dt className="font-medium">resolve</dt>
        <dd>
          <code className="font-mono text-xs break-all">POST {urls.resolve}</code>
          <span className="block text-muted-foreground">
            Returns the live prompt, model, config and the variant for a unit (sticky).
          </span>
        </dd>
        <dt className="font-medium">ingest</dt>
        <dd>
          <code className="font-mono text-xs break-all">POST {urls.ingest}</code>
          <span className="block text-muted-foreground">
            Takes runs, outcomes and feedback in batches, so outcomes are attributed to variants.
          </span>
        </dd>
      </dl>
      <Alert>
        <KeyRound />
        <AlertTitle>The key needs the resolve and ingest scopes</AlertTitle>
        <AlertDescription>
          {apiKeysPath ? (
            <p>
              Create one on the{" "}
              <Link to={apiKeysPath} className="font-medium text-primary hover:underline">
                API keys page
              </Link>{" "}
              with both scopes (or one key per scope) and keep it on your server as{" "}
              <code className="font-mono">CAUSEWAY_API_KEY</code>. Never ship it to a browser.
            </p>
          ) : (
            <p>
              Ask an engineer or admin of your organization for a key with both scopes, and keep it
              on your server as <code className="font-mono">CAUSEWAY_API_KEY</code>.
            </p>
          )}
        </AlertDescription>
      </Alert>
      <Tabs defaultValue="typescript">
        <TabsList aria-label="Language">
          {SNIPPET_LANGUAGES.map((language) => (
            <TabsTrigger key={language.id} value={language.id}>
              {language.label}
            </TabsTrigger>
          ))}
        </TabsList>
        {SNIPPET_LANGUAGES.map((language) => {
          const code = integrationSnippet(language.id, input);
          return (
            <TabsContent key={language.id} value={language.id} className="grid gap-2">
              <div className="flex justify-end">
                <CopyButton value={code} label={`${language.label} snippet`} />
              </div>
              <pre className="max-h-96 overflow-auto rounded-lg border bg-muted/40 p-4 text-xs leading-relaxed">
                <code>{code}</code>
              </pre>
            </TabsContent>
          );
        })}
      </Tabs>
    </div>
  );
}
