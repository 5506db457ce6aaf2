/**
 * Type-level checks that the SDK and the server's contract agree. These are checked by the
 * TypeScript compiler (`npx tsc --noEmit -p sdk/tsconfig.json`); at run time they are no-ops.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as Contract from "../../supabase/functions/_shared/ingest-events.ts";
import type * as Sdk from "./index.ts";

/** Every key of every member of a union. */
type KeysOf<T> = T extends unknown ? keyof T : never;

describe("the SDK's types against the contract's", () => {
  it("every event the SDK sends is an event the contract accepts", () => {
    expectTypeOf<Sdk.RunEvent>().toExtend<Contract.RunEventInput>();
    expectTypeOf<Sdk.RunCompletedEvent>().toExtend<Contract.RunCompletedEventInput>();
    expectTypeOf<Sdk.RunFailedEvent>().toExtend<Contract.RunFailedEventInput>();
    expectTypeOf<Sdk.OutcomeEvent>().toExtend<Contract.OutcomeEventInput>();
    expectTypeOf<Sdk.FeedbackEvent>().toExtend<Contract.FeedbackEventInput>();
    expectTypeOf<Sdk.IngestEvent>().toExtend<Contract.IngestEventInput>();
  });

  it("every payload field the contract defines can be sent through the SDK, and no other", () => {
    expectTypeOf<KeysOf<Sdk.RunFields>>().toEqualTypeOf<keyof Contract.RunInput>();
    expectTypeOf<KeysOf<Sdk.RunCompletedFields>>().toEqualTypeOf<
      keyof Contract.RunCompletedInput
    >();
    expectTypeOf<KeysOf<Sdk.RunFailedFields>>().toEqualTypeOf<keyof Contract.RunFailedInput>();
    expectTypeOf<KeysOf<Sdk.OutcomeFields>>().toEqualTypeOf<keyof Contract.OutcomeInput>();
    expectTypeOf<KeysOf<Sdk.FeedbackFields>>().toEqualTypeOf<keyof Contract.FeedbackInput>();
    expectTypeOf<Sdk.ToolCall>().toEqualTypeOf<Contract.ToolCall>();
  });

  it("the enums match", () => {
    expectTypeOf<Sdk.EventType>().toEqualTypeOf<Contract.EventType>();
    expectTypeOf<Sdk.RunStatus>().toEqualTypeOf<Contract.RunStatus>();
    expectTypeOf<Sdk.OutcomeSource>().toEqualTypeOf<Contract.OutcomeSource>();
    expectTypeOf<Sdk.FieldError>().toEqualTypeOf<Contract.FieldError>();
  });

  it("the server's per-event results map onto the SDK's", () => {
    type Accepted = Extract<Contract.IngestResult, { status: "accepted" | "duplicate" }>;
    expectTypeOf<Accepted["status"]>().toEqualTypeOf<
      Extract<Sdk.DeliveryResult, { id: string }>["status"]
    >();
    expectTypeOf<Extract<Contract.IngestResult, { status: "rejected" }>["errors"]>().toEqualTypeOf<
      Extract<Sdk.DeliveryResult, { status: "rejected" }>["errors"]
    >();
  });

  it("the SDK's types encode the contract's cross-field rules", () => {
    // A run with status "error" needs error_type and error_message; "ok" may not carry them.
    expectTypeOf<{ status: "error"; error_type: string }>().not.toExtend<Sdk.RunFields>();
    expectTypeOf<{
      status: "error";
      error_type: string;
      error_message: string;
    }>().toExtend<Sdk.RunFields>();
    expectTypeOf<{ status: "ok"; error_type: string }>().not.toExtend<Sdk.RunFields>();
    expectTypeOf<{ status: "timeout"; error_type: string }>().toExtend<Sdk.RunFields>();
    // Feedback and lifecycle events need a run; outcomes need a link; feedback needs content.
    expectTypeOf<{ thumbs: "up" }>().not.toExtend<Sdk.FeedbackFields>();
    expectTypeOf<{ run_id: string }>().not.toExtend<Sdk.FeedbackFields>();
    expectTypeOf<{ run_external_id: string; rating: number }>().toExtend<Sdk.FeedbackFields>();
    expectTypeOf<{ duration_ms: number }>().not.toExtend<Sdk.RunCompletedFields>();
    expectTypeOf<{ metric_key: string; value: number }>().not.toExtend<Sdk.OutcomeFields>();
    expectTypeOf<{
      metric_key: string;
      value: number;
      account: string;
    }>().toExtend<Sdk.OutcomeFields>();
  });
});
