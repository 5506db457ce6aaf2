import {
  bindingProblems,
  declarationProblems,
  parseTypedInput,
  renderTemplate,
  templatePlaceholders,
  type VariableDeclaration,
} from "./template-variables";

// The same cases the database's template functions decide (20261121001000_experiments.sql).
const VARIABLES: VariableDeclaration[] = [
  { name: "customer_name", type: "text", default: "there" },
  { name: "seats", type: "number" },
  { name: "vip", type: "boolean" },
];
const BODY = "Hi {{customer_name}}! {{ seats }} seats. VIP: {{vip}}. Again {{customer_name}}.";

describe("template variables", () => {
  it("detects placeholders in order of first use, with spaces inside the braces", () => {
    expect(templatePlaceholders(BODY)).toEqual(["customer_name", "seats", "vip"]);
    expect(templatePlaceholders("{{1bad}} {{ok_1}} {single}")).toEqual(["ok_1"]);
  });

  it("lists undeclared placeholders, unused and duplicate declarations, and bad defaults", () => {
    expect(declarationProblems(BODY, VARIABLES)).toEqual([]);
    expect(
      declarationProblems("{{a}} {{b}}", [
        { name: "a", type: "number", default: "three" },
        { name: "a", type: "text" },
        { name: "c", type: "text" },
      ]),
    ).toEqual([
      "a: default expected number, got string",
      "a is declared twice",
      "{{b}} is used but not declared",
      "c is declared but not used",
    ]);
  });

  it("requires every variable without a default to be bound with the declared type", () => {
    expect(bindingProblems(VARIABLES, { seats: 3, vip: false })).toEqual([]);
    expect(bindingProblems(VARIABLES, { seats: "3", extra: 1 })).toEqual([
      "seats: expected number, got string",
      "vip is not bound",
      "extra is not a variable of this template",
    ]);
  });

  it("renders values and defaults, leaving unbound placeholders visible", () => {
    expect(renderTemplate(BODY, VARIABLES, { seats: 12 })).toBe(
      "Hi there! 12 seats. VIP: {{vip}}. Again there.",
    );
  });

  it("reads typed input by type", () => {
    expect(parseTypedInput("number", "2.5")).toEqual({ value: 2.5 });
    expect(parseTypedInput("number", "two")).toHaveProperty("error");
    expect(parseTypedInput("boolean", "true")).toEqual({ value: true });
    expect(parseTypedInput("json", '{"a": [1]}')).toEqual({ value: { a: [1] } });
    expect(parseTypedInput("text", "")).toEqual({ value: undefined });
  });
});
