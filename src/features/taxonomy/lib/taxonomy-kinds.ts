/** The three taxonomy tables, which share one shape (key, name, description, archived_at). */
export const TAXONOMY_KINDS = ["capabilities", "actions", "intents"] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export const TAXONOMY_KIND_LABELS: Record<
  TaxonomyKind,
  { one: string; many: string; example: string; help: string }
> = {
  capabilities: {
    one: "capability",
    many: "Capabilities",
    example: "BookAppointment",
    help: "Functional goals your product serves with an LLM. The key is what your code sends to resolve, so it never changes.",
  },
  actions: {
    one: "action",
    many: "Actions",
    example: "GetAvailability",
    help: "Workflow steps inside a capability (a lookup, a tool call). Deployments can narrow a capability to one action.",
  },
  intents: {
    one: "intent",
    many: "Intents",
    example: "ScheduleMeeting",
    help: "What the end user wants, as your classifier labels it. Deployments can narrow a capability to one intent.",
  },
};
