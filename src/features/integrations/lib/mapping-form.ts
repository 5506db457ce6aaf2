import { z } from "zod";

/** What a mapping turns into an outcome, as the editor offers it. */
export const MAPPING_KINDS = {
  deal_stage: {
    label: "Deal reaches a stage",
    description: "Each deal that reaches the stage counts once, with value 1.",
  },
  deal_number: {
    label: "Deal property (number)",
    description: "The property's value, once per deal (for example the amount when it is won).",
  },
  contact_equals: {
    label: "Contact property has a value",
    description: "Each contact whose property has the value counts once, with value 1.",
  },
  contact_number: {
    label: "Contact property (number)",
    description: "The property's value, once per contact (for example a satisfaction score).",
  },
} as const;
export type MappingKind = keyof typeof MAPPING_KINDS;

/** Select's "nothing chosen" (Radix items cannot have an empty value). */
export const NONE = "none";

export interface MappingFormValues extends Record<string, string> {
  kind: MappingKind;
  stage: string;
  property: string;
  equals: string;
  onlyWhenStage: string;
  metricKey: string;
  accountProperty: string;
  endUserProperty: string;
}

export const EMPTY_MAPPING_FORM: MappingFormValues = {
  kind: "deal_stage",
  stage: "",
  property: "",
  equals: "",
  onlyWhenStage: NONE,
  metricKey: "",
  accountProperty: NONE,
  endUserProperty: NONE,
};

export interface HubspotMappingInput {
  object: "deals" | "contacts";
  transform: "one" | "property_number";
  property: string;
  equals: string | null;
  onlyWhenStage: string | null;
  metricKey: string;
  accountProperty: string | null;
  endUserProperty: string | null;
}

const optional = (value: string) => (value === NONE || value === "" ? null : value);
const required = (message: string) => z.string().trim().min(1, message);

/** The editor's values → a row of public.hubspot_mappings, or the fields to fix. */
export const mappingFormSchema = z
  .object({
    kind: z.enum(Object.keys(MAPPING_KINDS) as [MappingKind, ...MappingKind[]]),
    stage: z.string(),
    property: z.string(),
    equals: z.string().trim().max(200, "Keep the value under 200 characters"),
    onlyWhenStage: z.string(),
    metricKey: required("Choose the outcome metric to record"),
    accountProperty: z.string(),
    endUserProperty: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.kind === "deal_stage" && !values.stage) {
      ctx.addIssue({ code: "custom", path: ["stage"], message: "Choose the deal stage" });
    }
    if (values.kind !== "deal_stage" && !values.property) {
      ctx.addIssue({ code: "custom", path: ["property"], message: "Choose the property" });
    }
    if (values.kind === "contact_equals" && !values.equals) {
      ctx.addIssue({ code: "custom", path: ["equals"], message: "Enter the value that counts" });
    }
  })
  .transform((values): HubspotMappingInput => ({
    object: values.kind.startsWith("deal") ? "deals" : "contacts",
    transform:
      values.kind === "deal_stage" || values.kind === "contact_equals" ? "one" : "property_number",
    property: values.kind === "deal_stage" ? "dealstage" : values.property,
    equals:
      values.kind === "deal_stage"
        ? values.stage
        : values.kind === "contact_equals"
          ? values.equals
          : null,
    onlyWhenStage: values.kind === "deal_number" ? optional(values.onlyWhenStage) : null,
    metricKey: values.metricKey,
    accountProperty: optional(values.accountProperty),
    endUserProperty: values.kind.startsWith("contact") ? optional(values.endUserProperty) : null,
  }));
