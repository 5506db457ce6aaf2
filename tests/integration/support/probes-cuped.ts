import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

/** CUPED's unit-level statistics: every member of the experiment's organization, no one else. */
export const CUPED_PROBES: Record<string, AttemptFactory> = {
  "rpc:experiment_cuped_stats execute": (f, _self, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "experiment_cuped_stats",
          args: { p_experiment_id: f.experiments[t === "foreign" ? "foreign" : "org"].active },
        },
};
