import { TEST_ORGANIZATION, TEST_USER } from "@/test/render-organization-page";
import { rows, supabaseStub, type RecordedQuery, type StubResponse } from "@/test/supabase-stub";

export const PAT = {
  id: "00000000-0000-4000-8000-0000000000b2",
  email: "pat@acme.example",
  name: "Pat Prompt",
};

export const PROFILES = [
  { id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada Admin" },
  { id: PAT.id, email: PAT.email, display_name: PAT.name },
];

// Midday UTC, so the dates read the same in any test machine's time zone. The first uses
// Postgres' text form, as the local API returns it; the second ISO 8601, as PostgREST does.
export const MEMBERSHIPS = [
  { user_id: TEST_USER.id, role: "admin", created_at: "2026-10-01 12:00:00+00" },
  { user_id: PAT.id, role: "prompt_engineer", created_at: "2026-10-15T12:00:00+00:00" },
];

interface MembersData {
  memberships?: typeof MEMBERSHIPS;
  invitations?: unknown[];
  /** Answers writes to memberships (update/delete); reads keep answering from `memberships`. */
  onMembershipWrite?: (query: RecordedQuery) => StubResponse;
  onInvitationWrite?: (query: RecordedQuery) => StubResponse;
}

/** Answers the queries the members page makes, as the database would for an admin of Acme. */
export function stubMembersData({
  memberships = MEMBERSHIPS,
  invitations = [],
  onMembershipWrite = () => rows([{}]),
  onInvitationWrite = () => rows([{}]),
}: MembersData = {}) {
  supabaseStub.onTable("memberships", (query) => {
    if (query.operation !== "select") return onMembershipWrite(query);
    // The shell's "my organizations" query embeds the organization; the page's own doesn't.
    if (query.columns?.includes("organizations")) {
      const { role, ...organization } = TEST_ORGANIZATION;
      return rows([{ role, organization }]);
    }
    return rows(memberships);
  });
  supabaseStub.onTable("profiles", () => rows(PROFILES));
  supabaseStub.onTable("invitations", (query) =>
    query.operation === "select" ? rows(invitations) : onInvitationWrite(query),
  );
}

export function writesTo(table: string) {
  return supabaseStub.queries.filter(
    (query) => query.table === table && query.operation !== "select",
  );
}
