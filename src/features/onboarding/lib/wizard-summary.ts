import type { MetricDefinition, TaxonomyEntry } from "@/features/taxonomy";
import type { PromptTemplate } from "@/features/templates";
import type { SnippetInput } from "./integration-snippets";
import type { WizardDraft } from "./wizard-draft";

export interface WizardLookups {
  capabilities: TaxonomyEntry[];
  intents: TaxonomyEntry[];
  actions: TaxonomyEntry[];
  metrics: MetricDefinition[];
}

export interface WizardSummary {
  metric: { key: string; name: string };
  capabilityKey: string;
  intentKeys: string[];
  actionKeys: string[];
  prompt: string;
  model: string;
}

function keysOf(choice: WizardDraft["intents"], entries: TaxonomyEntry[]) {
  return [
    ...choice.selectedIds.flatMap((id) => entries.filter((e) => e.id === id).map((e) => e.key)),
    ...choice.created.map((entry) => entry.key),
  ];
}

/** The draft in words: keys and names whether picked from the taxonomy or still to be created. */
export function summarizeDraft(
  draft: WizardDraft,
  lookups: WizardLookups & { templates?: PromptTemplate[] },
): WizardSummary {
  const metric =
    draft.outcome.mode === "new"
      ? { key: draft.outcome.metric.key, name: draft.outcome.metric.name }
      : (lookups.metrics.find((m) => m.id === draft.outcome.metricId) ?? { key: "", name: "" });
  const capabilityKey =
    draft.capability.mode === "new"
      ? draft.capability.entry.key
      : (lookups.capabilities.find((c) => c.id === draft.capability.id)?.key ?? "");
  let prompt = draft.prompt.text.trim();
  if (draft.prompt.mode === "template") {
    const template = lookups.templates?.find((t) =>
      t.versions.some((v) => v.id === draft.prompt.templateVersionId),
    );
    const version = template?.versions.find((v) => v.id === draft.prompt.templateVersionId);
    prompt = template && version ? `Template “${template.name}” v${version.number}` : "A template";
  }
  return {
    metric,
    capabilityKey,
    intentKeys: keysOf(draft.intents, lookups.intents),
    actionKeys: draft.flow === "intent-prompt" ? [] : keysOf(draft.actions, lookups.actions),
    prompt,
    model: `${draft.prompt.provider} · ${draft.prompt.model}`,
  };
}

/** What the integration snippets show: the draft's real keys where it has them. */
export function snippetInput(
  draft: WizardDraft,
  lookups: WizardLookups,
  baseUrl: string,
): SnippetInput {
  const summary = summarizeDraft(draft, lookups);
  return {
    baseUrl: baseUrl || "https://<project-ref>.supabase.co",
    capability: summary.capabilityKey || "YourCapability",
    intent: summary.intentKeys[0] ?? null,
    action: summary.actionKeys[0] ?? null,
    metricKey: summary.metric.key || "your_metric",
    variables: draft.prompt.mode === "template" ? { customer_name: "Ann" } : {},
  };
}
