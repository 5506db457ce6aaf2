import { FileText, Plus } from "lucide-react";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useCurrentOrganization } from "@/features/organizations";
import { useTemplates } from "../hooks/use-templates";
import { VARIABLE_TYPE_LABELS } from "../lib/template-variables";
import { TemplateEditorDialog } from "./template-editor-dialog";

/** Reusable, versioned prompt templates with typed variables. */
export function TemplatesPage() {
  const { organization, can } = useCurrentOrganization();
  const templates = useTemplates(organization.id);
  const canEdit = can("templates.edit");
  const createButton = canEdit ? (
    <TemplateEditorDialog
      organizationId={organization.id}
      template={null}
      trigger={
        <Button>
          <Plus aria-hidden="true" />
          New template
        </Button>
      }
    />
  ) : null;

  let body;
  if (templates.isPending) {
    body = (
      <div className="grid gap-4 lg:grid-cols-2" aria-busy="true" aria-label="Loading templates">
        <Skeleton className="h-56" />
        <Skeleton className="h-56" />
      </div>
    );
  } else if (templates.isError) {
    body = (
      <QueryErrorAlert
        title="The templates couldn't be loaded"
        error={templates.error}
        onRetry={() => void templates.refetch()}
        isRetrying={templates.isFetching}
      />
    );
  } else if (templates.data.length === 0) {
    body = (
      <EmptyState
        icon={FileText}
        title="No prompt templates yet"
        description={
          "A template is a prompt with {{variables}}, shared by experiments: each binds the variables to its own values."
        }
        action={createButton}
      />
    );
  } else {
    body = (
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {templates.data.map((template) => {
          const latest = template.versions[0];
          return (
            <Card key={template.id} role="region" aria-label={template.name}>
              <CardHeader>
                <CardTitle>
                  <h2 className="flex items-center gap-2">
                    {template.name}
                    {latest ? <Badge variant="outline">v{latest.number}</Badge> : null}
                    {template.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                  </h2>
                </CardTitle>
                <CardDescription>{template.description || "No description."}</CardDescription>
                {canEdit ? (
                  <CardAction>
                    <TemplateEditorDialog
                      organizationId={organization.id}
                      template={template}
                      trigger={
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={`New version of ${template.name}`}
                        >
                          New version
                        </Button>
                      }
                    />
                  </CardAction>
                ) : null}
              </CardHeader>
              <CardContent className="grid gap-3">
                {latest ? (
                  <>
                    <pre className="max-h-40 overflow-auto rounded-lg border bg-muted/40 p-3 text-xs whitespace-pre-wrap">
                      {latest.body}
                    </pre>
                    {latest.variables.length > 0 ? (
                      <ul className="flex flex-wrap gap-1.5" aria-label="Variables">
                        {latest.variables.map((variable) => (
                          <li key={variable.name}>
                            <Badge
                              variant="outline"
                              title={variable.description}
                              className="font-mono"
                            >
                              {variable.name}: {VARIABLE_TYPE_LABELS[variable.type].toLowerCase()}
                              {variable.default !== undefined
                                ? ` = ${JSON.stringify(variable.default)}`
                                : ""}
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <p className="text-xs text-muted-foreground">
                      {template.versions.length} version{template.versions.length === 1 ? "" : "s"}{" "}
                      · latest by {latest.createdByName ?? "a former member"}
                      {latest.changeMessage ? `: “${latest.changeMessage}”` : ""}
                    </p>
                  </>
                ) : (
                  <p className="text-sm text-muted-foreground">
                    No version saved yet: save the first one with “New version”.
                  </p>
                )}
              </CardContent>
            </Card>
          );
        })}
      </div>
    );
  }

  return (
    <div>
      <title>{`Templates · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Prompt templates"
        description="Reusable prompts with typed variables. Every edit is a new version; experiments keep pointing at the version they were built on."
        actions={templates.data?.length ? createButton : null}
      />
      {body}
    </div>
  );
}
