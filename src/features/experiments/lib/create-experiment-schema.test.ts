import { parseForm } from "@/lib/form";
import {
  createExperimentSchema,
  EMPTY_CREATE_EXPERIMENT_FORM,
  type CreateExperimentFormValues,
} from "./create-experiment-schema";

const VALID: CreateExperimentFormValues = {
  ...EMPTY_CREATE_EXPERIMENT_FORM,
  name: "Warmer greeting",
  hypothesis: "A warmer greeting raises conversion without more escalations.",
  capabilityId: "cap-1",
  primaryMetricId: "metric-conversion",
  guardrailMetricIds: ["metric-escalation"],
  promptText: "Greet the visitor warmly.",
  model: "gpt-4o",
  temperature: "0.4",
};

describe("createExperimentSchema", () => {
  it("turns a valid form into the create_experiment payload's parts", () => {
    const result = parseForm(createExperimentSchema([]), VALID);
    expect(result).toEqual({
      success: true,
      data: expect.objectContaining({
        name: "Warmer greeting",
        version: expect.objectContaining({
          provider: "openai",
          model: "gpt-4o",
          prompt: { kind: "text", text: "Greet the visitor warmly." },
          temperature: 0.4,
          topP: null,
          maxTokens: null,
          stopSequences: [],
          params: {},
          changeMessage: "Control: the starting point",
        }),
      }),
    });
  });

  it("asks for every required field, each on its own field", () => {
    const result = parseForm(createExperimentSchema([]), EMPTY_CREATE_EXPERIMENT_FORM);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors).toEqual({
      name: "Name the experiment with at least 3 characters.",
      hypothesis: "State the hypothesis: what change do you expect, and on which metric?",
      capabilityId: "Choose the capability the experiment serves.",
      primaryMetricId: "Choose the primary metric the experiment is judged on.",
      model: "Name the model, e.g. gpt-4o or claude-3-5-sonnet-20241022.",
      promptText: "Write the prompt.",
    });
  });

  it("refuses a prompt of only whitespace", () => {
    const result = parseForm(createExperimentSchema([]), { ...VALID, promptText: "  " });
    expect(result).toEqual({ success: false, errors: { promptText: "Write the prompt." } });
  });

  it("refuses config values out of range", () => {
    const result = parseForm(createExperimentSchema([]), {
      ...VALID,
      temperature: "3",
      maxTokens: "12.5",
      params: "[1]",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors.temperature).toMatch(/^Temperature must be a number from 0 to 2/);
    expect(result.errors.maxTokens).toMatch(/^Max tokens must be a whole number/);
    expect(result.errors.params).toMatch(/must be a JSON object/);
  });

  it("refuses a guardrail that is also the primary metric", () => {
    const result = parseForm(createExperimentSchema([]), {
      ...VALID,
      guardrailMetricIds: ["metric-conversion"],
    });
    expect(result).toEqual({
      success: false,
      errors: { guardrailMetricIds: "The primary metric can't also be a guardrail." },
    });
  });

  it("needs every template variable without a default bound, and types the bindings", () => {
    const variables = [
      { name: "customer_name", type: "text", hasDefault: true },
      { name: "max_items", type: "number", hasDefault: false },
    ];
    const template = { ...VALID, source: "template" as const, templateVersionId: "tv-1" };
    expect(parseForm(createExperimentSchema(variables), template)).toEqual({
      success: false,
      errors: { templateBindings: "Bind {{max_items}}: the template has no default for it." },
    });
    expect(
      parseForm(createExperimentSchema(variables), {
        ...template,
        templateBindings: { max_items: "three" },
      }),
    ).toEqual({
      success: false,
      errors: { templateBindings: "{{max_items}} must be a number value." },
    });
    const result = parseForm(createExperimentSchema(variables), {
      ...template,
      templateBindings: { max_items: "3" },
    });
    expect(result.success && result.data.version.prompt).toEqual({
      kind: "template",
      templateVersionId: "tv-1",
      bindings: { max_items: 3 },
    });
  });
});
