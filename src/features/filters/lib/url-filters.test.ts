import { z } from "zod";

import { readUrlFilters, writeUrlFilters, type UrlFilterSchemas } from "./url-filters";

const schemas = {
  model: z.array(z.enum(["gpt-4", "gemini", "claude"])).optional(),
  experiment: z.uuid("Experiment must be an id."),
  limit: z.coerce.number().int().min(1).max(100).default(25),
} satisfies UrlFilterSchemas;

const EXPERIMENT = "3f1c2a4e-7b8d-4c6e-9a1b-2c3d4e5f6a7b";

describe("readUrlFilters", () => {
  it("parses present, valid parameters into typed values", () => {
    const params = new URLSearchParams(
      `model=claude&model=gpt-4&experiment=${EXPERIMENT}&limit=50`,
    );
    expect(readUrlFilters(params, schemas)).toEqual({
      values: { model: ["claude", "gpt-4"], experiment: EXPERIMENT, limit: 50 },
      issues: [],
    });
  });

  it("leaves absent parameters undefined, or at their schema's default, without complaint", () => {
    expect(readUrlFilters(new URLSearchParams(""), schemas)).toEqual({
      values: { model: undefined, experiment: undefined, limit: 25 },
      issues: [],
    });
  });

  it("treats an empty value as absent", () => {
    expect(readUrlFilters(new URLSearchParams("experiment="), schemas).issues).toEqual([]);
  });

  it("drops invalid values, falls back to the default and reports each one", () => {
    const { values, issues } = readUrlFilters(
      new URLSearchParams("model=llama&experiment=42&limit=1000"),
      schemas,
    );
    expect(values).toEqual({ model: undefined, experiment: undefined, limit: 25 });
    expect(issues.map(({ param, value }) => [param, value])).toEqual([
      ["model", "llama"],
      ["experiment", "42"],
      ["limit", "1000"],
    ]);
    expect(issues[1]?.message).toBe("Experiment must be an id.");
  });

  it("reads the first value of a repeated single-value parameter", () => {
    const params = new URLSearchParams(`experiment=${EXPERIMENT}&experiment=other`);
    expect(readUrlFilters(params, schemas).values.experiment).toBe(EXPERIMENT);
  });
});

describe("writeUrlFilters", () => {
  it("sets, replaces and removes only the parameters in the patch", () => {
    const current = new URLSearchParams("range=1M&model=gpt-4&limit=10");
    const next = writeUrlFilters<typeof schemas>(current, {
      model: ["claude", "gemini"],
      limit: undefined,
    });
    expect(next.get("range")).toBe("1M");
    expect(next.getAll("model")).toEqual(["claude", "gemini"]);
    expect(next.has("limit")).toBe(false);
    expect(current.toString()).toBe("range=1M&model=gpt-4&limit=10");
  });

  it("round-trips through readUrlFilters", () => {
    const written = writeUrlFilters<typeof schemas>(new URLSearchParams(), {
      model: ["gemini"],
      experiment: EXPERIMENT,
      limit: 75,
    });
    expect(readUrlFilters(written, schemas).values).toEqual({
      model: ["gemini"],
      experiment: EXPERIMENT,
      limit: 75,
    });
  });
});
