import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const ex = (f: Fixture, t: Target) => f.experiments[t === "foreign" ? "foreign" : "org"];

/**
 * The draft-editing RPCs of 20261121003200_experiment_editing.sql, aimed at the fixture's draft:
 * editors only, in their own organization (docs/permissions.md).
 */
export const EXPERIMENT_EDITING_PROBES: Record<string, AttemptFactory> = {
  "rpc:set_control_variant execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "rpc", fn: "set_control_variant", args: { p_variant_id: ex(f, t).draftExtra } },
  "rpc:update_experiment_details execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "update_experiment_details",
          args: {
            p_experiment_id: ex(f, t).draft,
            p_details: {
              hypothesis: "Edited by probe",
              intent_ids: [ex(f, t).intent2],
              guardrail_metric_ids: [ex(f, t).metricUnused],
            },
          },
        },
};
