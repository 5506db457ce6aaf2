import type { ReactNode } from "react";
import { EyeOff, Info, type LucideIcon } from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { useRunText } from "../hooks/use-run-text";
import type { RunText } from "../api/fetch-run-text";

function Notice({ icon: Icon, children }: { icon: LucideIcon; children: ReactNode }) {
  return (
    <p role="note" className="flex items-start gap-2 rounded-md border bg-muted/40 p-3 text-sm">
      <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <span>{children}</span>
    </p>
  );
}

function TextBlock({ label, text }: { label: string; text: string | null }) {
  return (
    <div>
      <h4 className="mb-1 text-xs font-medium text-muted-foreground uppercase">{label}</h4>
      {text === null ? (
        <p className="text-sm text-muted-foreground">Not sent with this run.</p>
      ) : (
        <pre
          aria-label={label}
          className="max-h-72 overflow-auto rounded-md border bg-background/60 p-3 font-sans text-sm whitespace-pre-wrap"
        >
          {text}
        </pre>
      )}
    </div>
  );
}

function policyNotice(text: RunText) {
  const empty = text.question === null && text.response === null;
  if (empty && text.policy === "drop") {
    return "Your organization drops question and response text when runs arrive, so none is stored. An admin can change this in Settings.";
  }
  if (empty) return "This run was sent without question or response text.";
  if (text.policy === "redact") {
    return "Your organization redacts text when runs arrive: emails show as [email] and phone numbers as [phone].";
  }
  return null;
}

interface RunTextSectionProps {
  organizationId: string;
  runId: string;
  /** The role may read raw text; without it nothing is requested. */
  allowed: boolean;
}

/** The run's question and response, following the role rules in docs/permissions.md. */
export function RunTextSection({ organizationId, runId, allowed }: RunTextSectionProps) {
  const text = useRunText(organizationId, runId, allowed);
  if (!allowed) {
    return (
      <Notice icon={EyeOff}>
        Raw text is hidden for your role. Enablement sees runs' figures and outcomes, never what
        customers wrote or what the model answered.
      </Notice>
    );
  }
  if (text.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the run's text" className="space-y-2">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (text.isError) {
    return (
      <QueryErrorAlert
        title="The run's text couldn't be loaded"
        error={text.error}
        onRetry={() => text.refetch()}
        isRetrying={text.isFetching}
      />
    );
  }
  const notice = policyNotice(text.data);
  const empty = text.data.question === null && text.data.response === null;
  return (
    <div className="space-y-3">
      {notice && <Notice icon={Info}>{notice}</Notice>}
      {!empty && (
        <>
          <TextBlock label="Prompt / question" text={text.data.question} />
          <TextBlock label="Response" text={text.data.response} />
        </>
      )}
    </div>
  );
}
