import type { Fixture, FixtureUser } from "./fixture";
import type { Attempt, Target } from "./probes";

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const views = (f: Fixture, t: Target) => f.savedViews[t === "foreign" ? "foreign" : "org"];
const orgOf = (f: Fixture, t: Target) => (t === "foreign" ? f.foreignOrgId : f.orgId);
const probeName = () => `Probe view ${Math.random().toString(36).slice(2, 10)}`;

/** "own": the user's personal view; "org": another member's; "foreign": the other org's admin's. */
function personalViewOf(f: Fixture, self: FixtureUser, t: Target): string {
  const owner = t === "own" ? self : t === "foreign" ? f.foreignAdmin : f.scratch;
  return views(f, t).personal[owner.id]!;
}

function personalOwner(f: Fixture, self: FixtureUser, t: Target): string {
  return t === "org" ? f.scratch.id : self.id;
}

const view = (name: string, scope: string) => ({
  name,
  scope,
  path: "/overview",
  query: "range=7D",
});

/**
 * Personal views are their owner's alone, whatever the role; shared views are read by every
 * member and written by product managers and admins (see docs/permissions.md).
 */
export const SAVED_VIEW_PROBES: Record<string, AttemptFactory> = {
  "saved_views (personal) select": (f, s, t) => ({
    kind: "select",
    table: "saved_views",
    match: { id: personalViewOf(f, s, t) },
  }),
  "saved_views (personal) insert": (f, s, t) => ({
    kind: "insert",
    table: "saved_views",
    values: {
      organization_id: orgOf(f, t),
      owner_id: personalOwner(f, s, t),
      ...view(probeName(), "personal"),
    },
  }),
  "saved_views (personal) update": (f, s, t) => ({
    kind: "update",
    table: "saved_views",
    match: { id: personalViewOf(f, s, t) },
    values: { name: probeName() },
  }),
  "saved_views (personal) delete": (f, s, t) => ({
    kind: "delete",
    table: "saved_views",
    match: { id: personalViewOf(f, s, t) },
  }),

  "saved_views (organization) select": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "select", table: "saved_views", match: { id: views(f, t).organization } },
  "saved_views (organization) insert": (f, s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "saved_views",
          values: {
            organization_id: orgOf(f, t),
            owner_id: s.id,
            ...view(probeName(), "organization"),
          },
        },
  "saved_views (organization) update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "saved_views",
          match: { id: views(f, t).organization },
          values: { query: "range=1Y" },
        },
  "saved_views (organization) delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "delete", table: "saved_views", match: { id: views(f, t).organization } },
};
