import { z } from "zod";

/**
 * The wizard's progress, kept in localStorage per user and organization so leaving mid-way loses
 * nothing. Fields hold what was typed (strings); each step validates them when the person moves
 * on. The key is versioned: a draft saved by an older shape is dropped, never half-read.
 */
export const WIZARD_STORAGE_VERSION = 1;

export function wizardStorageKey(userId: string, organizationId: string) {
  return `causeway.onboarding-wizard.v${WIZARD_STORAGE_VERSION}:${userId}:${organizationId}`;
}

/** Set once the wizard has been opened, so a new organization's first visit shows it only once. */
export function wizardSeenKey(userId: string, organizationId: string) {
  return `causeway.onboarding-seen.v${WIZARD_STORAGE_VERSION}:${userId}:${organizationId}`;
}

export const STEP_IDS = [
  "outcome",
  "flow",
  "intents",
  "capability",
  "actions",
  "prompt",
  "integrations",
  "review",
  "create",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const FLOWS = ["intent-prompt", "intent-capabilities-actions-prompt"] as const;
export type Flow = (typeof FLOWS)[number];

export const PROVIDERS = ["openai", "anthropic", "gemini", "custom"] as const;
export type Provider = (typeof PROVIDERS)[number];

const newEntrySchema = z.object({ key: z.string(), name: z.string() });
export type NewEntry = z.infer<typeof newEntrySchema>;

const entryChoiceSchema = z.object({
  /** Existing entries picked from the organization's taxonomy. */
  selectedIds: z.array(z.string()),
  /** Entries to create when the draft is created. */
  created: z.array(newEntrySchema),
});
export type EntryChoice = z.infer<typeof entryChoiceSchema>;

export const wizardDraftSchema = z.object({
  step: z.enum(STEP_IDS),
  /** The furthest step reached through validation: the stepper lets people jump back to it. */
  furthest: z.enum(STEP_IDS),
  outcome: z.object({
    mode: z.enum(["existing", "new"]),
    metricId: z.string(),
    metric: z.object({
      key: z.string(),
      name: z.string(),
      description: z.string(),
      unit: z.string(),
      aggregation: z.string(),
      percentile: z.string(),
      direction: z.string(),
    }),
  }),
  flow: z.enum(FLOWS).nullable(),
  intents: entryChoiceSchema,
  capability: z.object({
    mode: z.enum(["existing", "new"]),
    id: z.string(),
    entry: newEntrySchema,
  }),
  actions: entryChoiceSchema,
  prompt: z.object({
    mode: z.enum(["text", "template"]),
    text: z.string(),
    templateVersionId: z.string(),
    /** What was typed per variable; parsed by the variable's type when checked. */
    bindings: z.record(z.string(), z.string()),
    systemPrompt: z.string(),
    provider: z.enum(PROVIDERS),
    model: z.string(),
    temperature: z.string(),
    maxTokens: z.string(),
  }),
  experiment: z.object({ name: z.string(), hypothesis: z.string() }),
});
export type WizardDraft = z.infer<typeof wizardDraftSchema>;

export const EMPTY_DRAFT: WizardDraft = {
  step: "outcome",
  furthest: "outcome",
  outcome: {
    mode: "existing",
    metricId: "",
    metric: {
      key: "",
      name: "",
      description: "",
      unit: "",
      aggregation: "rate",
      percentile: "",
      direction: "higher_is_better",
    },
  },
  flow: null,
  intents: { selectedIds: [], created: [] },
  capability: { mode: "existing", id: "", entry: { key: "", name: "" } },
  actions: { selectedIds: [], created: [] },
  prompt: {
    mode: "text",
    text: "",
    templateVersionId: "",
    bindings: {},
    systemPrompt: "",
    provider: "openai",
    model: "gpt-4o-mini",
    temperature: "0.7",
    maxTokens: "",
  },
  experiment: { name: "", hypothesis: "" },
};

/** The saved draft, or null when there is none or it does not match this version's shape. */
export function readWizardDraft(userId: string, organizationId: string): WizardDraft | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(wizardStorageKey(userId, organizationId));
  } catch {
    // Storage can be disabled (private mode, policies): the wizard then just starts fresh.
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = wizardDraftSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: fall through and discard it.
  }
  discardWizardDraft(userId, organizationId);
  return null;
}

export function saveWizardDraft(userId: string, organizationId: string, draft: WizardDraft) {
  try {
    localStorage.setItem(wizardStorageKey(userId, organizationId), JSON.stringify(draft));
  } catch {
    // Full or disabled storage: progress is kept for this visit only.
  }
}

export function discardWizardDraft(userId: string, organizationId: string) {
  try {
    localStorage.removeItem(wizardStorageKey(userId, organizationId));
  } catch {
    // Nothing stored, nothing to remove.
  }
}

export function hasSeenWizard(userId: string, organizationId: string): boolean {
  try {
    return localStorage.getItem(wizardSeenKey(userId, organizationId)) !== null;
  } catch {
    return true;
  }
}

export function markWizardSeen(userId: string, organizationId: string) {
  try {
    localStorage.setItem(wizardSeenKey(userId, organizationId), new Date().toISOString());
  } catch {
    // Without storage the wizard may open again on the next first visit; harmless.
  }
}
