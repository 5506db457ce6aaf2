import {
  createMetricDefinition,
  createTaxonomyEntry,
  metricDefinitionSchema,
} from "@/features/taxonomy";
import type { VariableDeclaration } from "@/features/templates";
import { toDatabaseError } from "@/lib/database-errors";
import type { Json } from "@/lib/database.types";
import { supabase } from "@/lib/supabase";
import type { WizardDraft } from "../lib/wizard-draft";
import { experimentDetailsSchema, parseBindings } from "../lib/wizard-steps";

export interface CreateDraftInput {
  organizationId: string;
  draft: WizardDraft;
  templateVariables: VariableDeclaration[] | null;
  /**
   * Called after each taxonomy entry or metric is created, with the draft pointing at it instead
   * of asking to create it: if a later call fails, retrying does not create it twice.
   */
  onProgress(draft: WizardDraft): void;
}

const CHANGE_MESSAGE = "First version, from the onboarding wizard";

/**
 * Step 6: creates the new metric and taxonomy entries, then the experiment with its control
 * version in one create_experiment call. Returns the new experiment's id.
 */
export async function createDraftExperiment({
  organizationId,
  draft: initial,
  templateVariables,
  onProgress,
}: CreateDraftInput): Promise<string> {
  let draft = initial;
  const advance = (next: WizardDraft) => {
    draft = next;
    onProgress(next);
  };

  if (draft.outcome.mode === "new") {
    const metricId = await createMetricDefinition(
      organizationId,
      metricDefinitionSchema.parse(draft.outcome.metric),
    );
    advance({ ...draft, outcome: { ...draft.outcome, mode: "existing", metricId } });
  }
  for (const kind of ["intents", "actions"] as const) {
    // The simple flow has no actions, whatever was typed before switching flows.
    if (kind === "actions" && draft.flow === "intent-prompt") continue;
    while (draft[kind].created.length > 0) {
      const [entry, ...rest] = draft[kind].created;
      const id = await createTaxonomyEntry(organizationId, kind, {
        key: entry!.key.trim(),
        name: entry!.name.trim(),
        description: "",
      });
      advance({
        ...draft,
        [kind]: { selectedIds: [...draft[kind].selectedIds, id], created: rest },
      });
    }
  }
  if (draft.capability.mode === "new") {
    const id = await createTaxonomyEntry(organizationId, "capabilities", {
      key: draft.capability.entry.key.trim(),
      name: draft.capability.entry.name.trim(),
      description: "",
    });
    advance({ ...draft, capability: { ...draft.capability, mode: "existing", id } });
  }

  const { prompt } = draft;
  const details = experimentDetailsSchema.parse(draft.experiment);
  const version: Record<string, Json> = {
    provider: prompt.provider,
    model: prompt.model.trim(),
    change_message: CHANGE_MESSAGE,
  };
  if (prompt.mode === "template" && templateVariables) {
    version.template_version_id = prompt.templateVersionId;
    version.template_bindings = parseBindings(templateVariables, prompt.bindings).values;
  } else {
    version.prompt_text = prompt.text;
  }
  if (prompt.systemPrompt.trim()) version.system_prompt = prompt.systemPrompt;
  if (prompt.temperature.trim()) version.temperature = Number(prompt.temperature);
  if (prompt.maxTokens.trim()) version.max_tokens = Number(prompt.maxTokens);

  const response = await supabase.rpc("create_experiment", {
    p_organization_id: organizationId,
    p_experiment: {
      name: details.name,
      hypothesis: details.hypothesis,
      capability_id: draft.capability.id,
      intent_ids: draft.intents.selectedIds,
      action_ids: draft.flow === "intent-prompt" ? [] : draft.actions.selectedIds,
      primary_metric_id: draft.outcome.metricId,
      variants: [{ key: "control", name: "Control", is_control: true, version }],
    },
  });
  if (response.error) throw toDatabaseError("The experiment wasn't created", response);
  return response.data.id;
}
