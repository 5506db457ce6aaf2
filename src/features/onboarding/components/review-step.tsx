import { Button } from "@/components/ui/button";
import type { PromptTemplate } from "@/features/templates";
import type { StepId, WizardDraft } from "../lib/wizard-draft";
import { FLOW_LABELS } from "../lib/wizard-steps";
import { summarizeDraft, type WizardLookups } from "../lib/wizard-summary";
import { FlowDiagram, type FlowNode } from "./flow-diagram";

interface ReviewStepProps {
  draft: WizardDraft;
  lookups: WizardLookups & { templates: PromptTemplate[] };
  onEdit(step: StepId): void;
}

export function ReviewStep({ draft, lookups, onEdit }: ReviewStepProps) {
  const summary = summarizeDraft(draft, lookups);
  const nodes: FlowNode[] = [
    { kind: "Intent", items: summary.intentKeys },
    { kind: "Capability", items: [summary.capabilityKey] },
    ...(draft.flow === "intent-prompt"
      ? []
      : [{ kind: "Actions" as const, items: summary.actionKeys }]),
    { kind: "Prompt", items: [summary.prompt.split("\n")[0] ?? ""], detail: summary.model },
    { kind: "Outcome", items: [summary.metric.key], detail: summary.metric.name },
  ];
  const created = [
    draft.outcome.mode === "new" ? `metric ${draft.outcome.metric.key}` : null,
    ...draft.intents.created.map((e) => `intent ${e.key}`),
    draft.capability.mode === "new" ? `capability ${draft.capability.entry.key}` : null,
    ...(draft.flow === "intent-prompt" ? [] : draft.actions.created.map((e) => `action ${e.key}`)),
  ].filter((item): item is string => item !== null);

  const rows: Array<{ label: string; value: string; step: StepId }> = [
    { label: "Template", value: draft.flow ? FLOW_LABELS[draft.flow].title : "", step: "flow" },
    { label: "Outcome", value: `${summary.metric.name} (${summary.metric.key})`, step: "outcome" },
    { label: "Intents", value: summary.intentKeys.join(", "), step: "intents" },
    { label: "Capability", value: summary.capabilityKey, step: "capability" },
    ...(draft.flow === "intent-prompt"
      ? []
      : [{ label: "Actions", value: summary.actionKeys.join(", "), step: "actions" as const }]),
    { label: "Model", value: summary.model, step: "prompt" },
  ];

  return (
    <div className="grid gap-6">
      <FlowDiagram nodes={nodes} />
      <dl className="grid gap-2 text-sm">
        {rows.map((row) => (
          <div key={row.label} className="flex flex-wrap items-baseline gap-x-3 border-b pb-2">
            <dt className="w-28 shrink-0 text-muted-foreground">{row.label}</dt>
            <dd className="min-w-0 flex-1 break-words">{row.value}</dd>
            <Button
              variant="link"
              size="sm"
              className="h-auto p-0"
              aria-label={`Change ${row.label.toLowerCase()}`}
              onClick={() => onEdit(row.step)}
            >
              Change
            </Button>
          </div>
        ))}
      </dl>
      {created.length > 0 ? (
        <p className="text-sm text-muted-foreground">
          Creating the draft also adds to your organization: {created.join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
