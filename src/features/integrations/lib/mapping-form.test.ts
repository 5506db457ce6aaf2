import { EMPTY_MAPPING_FORM, mappingFormSchema, NONE } from "./mapping-form";

const parse = (values: Partial<typeof EMPTY_MAPPING_FORM>) =>
  mappingFormSchema.safeParse({ ...EMPTY_MAPPING_FORM, metricKey: "conversion", ...values });

describe("mappingFormSchema", () => {
  it("turns a deal stage into a 'one' mapping on dealstage", () => {
    expect(parse({ kind: "deal_stage", stage: "closedwon" }).data).toEqual({
      object: "deals",
      transform: "one",
      property: "dealstage",
      equals: "closedwon",
      onlyWhenStage: null,
      metricKey: "conversion",
      accountProperty: null,
      endUserProperty: null,
    });
  });

  it("keeps the stage condition of a deal amount, and drops contact-only fields", () => {
    expect(
      parse({
        kind: "deal_number",
        property: "amount",
        onlyWhenStage: "closedwon",
        accountProperty: "customer_account",
        endUserProperty: "app_user_id",
      }).data,
    ).toMatchObject({
      object: "deals",
      transform: "property_number",
      property: "amount",
      equals: null,
      onlyWhenStage: "closedwon",
      accountProperty: "customer_account",
      endUserProperty: null,
    });
  });

  it("maps a contact property value and its end user", () => {
    expect(
      parse({
        kind: "contact_equals",
        property: "lifecyclestage",
        equals: "customer",
        endUserProperty: "app_user_id",
        onlyWhenStage: "closedwon",
      }).data,
    ).toMatchObject({
      object: "contacts",
      transform: "one",
      equals: "customer",
      onlyWhenStage: null,
      endUserProperty: "app_user_id",
      accountProperty: null,
    });
  });

  it.each([
    [{ kind: "deal_stage" as const, stage: "" }, "stage", "Choose the deal stage"],
    [{ kind: "contact_number" as const, property: "" }, "property", "Choose the property"],
    [
      { kind: "contact_equals" as const, property: "lifecyclestage", equals: " " },
      "equals",
      "Enter the value that counts",
    ],
    [
      { kind: "deal_stage" as const, stage: "closedwon", metricKey: "" },
      "metricKey",
      "Choose the outcome metric to record",
    ],
  ])("refuses %o: %s", (values, path, message) => {
    const result = parse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toContainEqual(expect.objectContaining({ path: [path], message }));
  });

  it("treats 'none' as no property", () => {
    expect(
      parse({ kind: "contact_number", property: "nps", accountProperty: NONE }).data,
    ).toMatchObject({ accountProperty: null, endUserProperty: null });
  });
});
