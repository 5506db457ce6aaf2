import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
const aYearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString();

/** The Runs explorer's RPCs: every member of the organization, nobody else (docs/permissions.md). */
export const RUNS_PROBES: Record<string, AttemptFactory> = {
  "rpc:list_runs execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "list_runs",
          args: { p_organization_id: orgOf(f, t), p_from: aYearAgo() },
        },
  "rpc:run_filter_options execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "run_filter_options",
          args: { p_organization_id: orgOf(f, t), p_from: aYearAgo() },
        },
};
