import { describe, expect, it } from "vitest";

import { parseForm } from "@/lib/form";
import {
  manualOutcomeSchema,
  toOutcomeRow,
  type ManualOutcomeValues,
} from "./manual-outcome-schema";

const values = (extra: Partial<ManualOutcomeValues> = {}): ManualOutcomeValues => ({
  metric_key: "csat",
  value: "4.5",
  occurred_at: "2026-05-30T14:05",
  run_id: "",
  conversation_id: "",
  end_user_id: "",
  account: "northwind",
  ...extra,
});

describe("the manual outcome form", () => {
  it("turns valid input into an outcome row with only the links given", () => {
    const parsed = parseForm(manualOutcomeSchema, values({ account: "  northwind " }));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const row = toOutcomeRow(parsed.data, "manual:k1");
    expect(row).toEqual({
      idempotency_key: "manual:k1",
      metric_key: "csat",
      value: 4.5,
      occurred_at: new Date("2026-05-30T14:05").toISOString().replace(/\.\d{3}Z$/, "Z"),
      account: "northwind",
    });
  });

  it("says what to fix for each field", () => {
    const parsed = parseForm(
      manualOutcomeSchema,
      values({ metric_key: "", value: "12,5", occurred_at: "", run_id: "run-7", account: "" }),
    );
    expect(parsed).toEqual({
      success: false,
      errors: {
        metric_key: "Choose the metric this outcome is for.",
        value: "Enter a number, like 4 or -129.90.",
        occurred_at: "Enter when it happened.",
        run_id: "A run id is a UUID, like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.",
      },
    });
  });

  it("needs at least one link", () => {
    const parsed = parseForm(manualOutcomeSchema, values({ account: "" }));
    expect(parsed.success === false && parsed.errors.run_id).toBe(
      "Link the outcome to a run, a conversation, an end user or an account.",
    );
  });
});
