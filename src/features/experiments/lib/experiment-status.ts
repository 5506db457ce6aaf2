import type { Database } from "@/lib/database.types";

export type ExperimentStatus = Database["public"]["Enums"]["experiment_status"];
export type LlmProvider = Database["public"]["Enums"]["llm_provider"];

export const EXPERIMENT_STATUSES = [
  "draft",
  "in_review",
  "active",
  "paused",
  "archived",
] as const satisfies readonly ExperimentStatus[];

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  active: "Active",
  paused: "Paused",
  archived: "Archived",
};

export const STATUS_BADGE_VARIANTS = {
  draft: "outline",
  in_review: "warning",
  active: "success",
  paused: "secondary",
  archived: "secondary",
} as const satisfies Record<ExperimentStatus, string>;

export const LLM_PROVIDERS = [
  "openai",
  "anthropic",
  "gemini",
  "custom",
] as const satisfies readonly LlmProvider[];

export const PROVIDER_LABELS: Record<LlmProvider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
  custom: "Custom",
};

/** Allocations are basis points: 10000 is the whole scope's traffic. */
export function formatAllocation(basisPoints: number): string {
  const percent = basisPoints / 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2)}%`;
}
