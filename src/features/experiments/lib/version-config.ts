import type { Json } from "@/lib/database.types";
import type { LlmProvider } from "./experiment-status";

/** A version's content as the RPCs take it (create_experiment's `version`, branch_version's changes). */
export interface VersionContent {
  provider: LlmProvider;
  model: string;
  prompt:
    | { kind: "text"; text: string }
    | { kind: "template"; templateVersionId: string; bindings: Record<string, Json> };
  systemPrompt: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  stopSequences: string[];
  params: { [key: string]: Json };
}

export type VersionChanges = { [field: string]: Json };

/** The snake_case fields the database reads, with the prompt as text or template + bindings. */
export function versionConfig(content: VersionContent): VersionChanges {
  const prompt: VersionChanges =
    content.prompt.kind === "text"
      ? { prompt_text: content.prompt.text }
      : {
          template_version_id: content.prompt.templateVersionId,
          template_bindings: content.prompt.bindings,
        };
  return {
    provider: content.provider,
    model: content.model,
    ...prompt,
    system_prompt: content.systemPrompt,
    temperature: content.temperature,
    top_p: content.topP,
    max_tokens: content.maxTokens,
    stop_sequences: content.stopSequences,
    params: content.params,
  };
}
