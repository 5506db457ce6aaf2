import type { AuditEntry } from "./audit-entry";

// Role labels come from the auth feature, whose public surface also loads the supabase client.
vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));
import { summarizeAuditEntry, type NamePerson } from "./summarize-audit-entry";

const ADMIN = "user-admin";
const PAT = "user-pat";
const ORG = "org-1";

const emails: Record<string, string> = { [ADMIN]: "ada@acme.example", [PAT]: "pat@acme.example" };
const namePerson: NamePerson = (userId) => emails[userId];

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    actorId: ADMIN,
    action: "insert",
    entityType: "memberships",
    entityId: `${ORG}:${PAT}`,
    before: null,
    after: null,
    createdAt: "2026-11-21T10:00:00+00:00",
    ...overrides,
  };
}

const membership = (role: string, userId = PAT) => ({
  organization_id: ORG,
  user_id: userId,
  role,
  created_at: "2026-11-01T09:00:00+00:00",
  updated_at: "2026-11-01T09:00:00+00:00",
});

describe("summarizeAuditEntry: memberships", () => {
  it("says who changed whose role, from what to what, with role labels", () => {
    const summary = summarizeAuditEntry(
      entry({
        action: "update",
        before: membership("prompt_engineer"),
        after: { ...membership("enablement"), updated_at: "2026-11-21T10:00:00+00:00" },
      }),
      namePerson,
    );
    expect(summary).toBe("Changed role of pat@acme.example from Prompt engineer to Enablement");
  });

  it("describes an admin stepping down as a change to their own role", () => {
    const summary = summarizeAuditEntry(
      entry({
        action: "update",
        actorId: ADMIN,
        entityId: `${ORG}:${ADMIN}`,
        before: membership("admin", ADMIN),
        after: membership("engineer", ADMIN),
      }),
      namePerson,
    );
    expect(summary).toBe("ada@acme.example changed their own role from Admin to Engineer");
  });

  it("falls back to the stored role value when it is not a known role", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "update", before: membership("operations"), after: membership("auditor") }),
      namePerson,
    );
    expect(summary).toBe("Changed role of pat@acme.example from Operations to auditor");
  });

  it("says the membership was updated when the role did not change", () => {
    const summary = summarizeAuditEntry(
      entry({
        action: "update",
        before: membership("operations"),
        after: { ...membership("operations"), created_at: "2026-11-02T09:00:00+00:00" },
      }),
      namePerson,
    );
    expect(summary).toBe("Updated the membership of pat@acme.example");
  });

  it("says someone joined when the database added them (accepted invitation at sign-up)", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "insert", actorId: null, after: membership("operations") }),
      namePerson,
    );
    expect(summary).toBe("pat@acme.example joined as Operations");
  });

  it("says someone joined when they added themselves (accepted invitation at sign-in)", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "insert", actorId: PAT, after: membership("enablement") }),
      namePerson,
    );
    expect(summary).toBe("pat@acme.example joined as Enablement");
  });

  it("says who was added when someone else added them", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "insert", actorId: ADMIN, after: membership("engineer") }),
      namePerson,
    );
    expect(summary).toBe("Added pat@acme.example as Engineer");
  });

  it("says who was removed, and with which role", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "delete", actorId: ADMIN, before: membership("operations") }),
      namePerson,
    );
    expect(summary).toBe("Removed pat@acme.example (Operations)");
  });

  it("says someone left when they removed themselves", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "delete", actorId: PAT, before: membership("operations") }),
      namePerson,
    );
    expect(summary).toBe("pat@acme.example left the organization");
  });

  it("names people whose profile is no longer visible as a former member", () => {
    const summary = summarizeAuditEntry(
      entry({ action: "delete", before: membership("operations", "user-gone") }),
      namePerson,
    );
    expect(summary).toBe("Removed a former member (Operations)");
  });
});

describe("summarizeAuditEntry: invitations", () => {
  const invitation = {
    id: "inv-1",
    organization_id: ORG,
    email: "new.analyst@acme.example",
    role: "operations",
    invited_by: ADMIN,
    created_at: "2026-11-21T10:00:00+00:00",
    expires_at: "2026-12-05T10:00:00+00:00",
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  const invitationEntry = (overrides: Partial<AuditEntry>) =>
    entry({ entityType: "invitations", entityId: "inv-1", ...overrides });

  it("says who was invited with which role", () => {
    expect(summarizeAuditEntry(invitationEntry({ after: invitation }), namePerson)).toBe(
      "Invited new.analyst@acme.example as Operations",
    );
  });

  it("says an invitation was revoked", () => {
    const summary = summarizeAuditEntry(
      invitationEntry({
        action: "update",
        before: invitation,
        after: { ...invitation, revoked_at: "2026-11-22T08:00:00+00:00" },
      }),
      namePerson,
    );
    expect(summary).toBe("Revoked the invitation for new.analyst@acme.example");
  });

  it("says an invitation was accepted, and with which role", () => {
    const summary = summarizeAuditEntry(
      invitationEntry({
        action: "update",
        actorId: null,
        before: invitation,
        after: { ...invitation, accepted_at: "2026-11-22T08:00:00+00:00", accepted_by: PAT },
      }),
      namePerson,
    );
    expect(summary).toBe("new.analyst@acme.example accepted the invitation as Operations");
  });

  it("says when an invitation's expiry changed", () => {
    const summary = summarizeAuditEntry(
      invitationEntry({
        action: "update",
        before: invitation,
        after: { ...invitation, expires_at: "2026-12-19T10:00:00+00:00" },
      }),
      namePerson,
    );
    expect(summary).toBe("Changed when the invitation for new.analyst@acme.example expires");
  });

  it("says an invitation was deleted (the nightly purge has no actor)", () => {
    const summary = summarizeAuditEntry(
      invitationEntry({ action: "delete", actorId: null, before: invitation }),
      namePerson,
    );
    expect(summary).toBe("Deleted the invitation for new.analyst@acme.example");
  });
});

describe("summarizeAuditEntry: API keys", () => {
  const apiKey = {
    id: "key-1",
    organization_id: ORG,
    name: "CI",
    prefix: "cw_0123456789ab",
    scopes: ["ingest", "resolve"],
    created_by: ADMIN,
    created_at: "2026-11-21T10:00:00+00:00",
    last_used_at: null,
    revoked_at: null,
    revoked_by: null,
  };
  const keyEntry = (overrides: Partial<AuditEntry>) =>
    entry({ entityType: "api_keys", entityId: "key-1", ...overrides });

  it("names a created key and its scopes", () => {
    expect(summarizeAuditEntry(keyEntry({ after: apiKey }), namePerson)).toBe(
      "Created API key 'CI' with scopes ingest, resolve",
    );
    expect(
      summarizeAuditEntry(keyEntry({ after: { ...apiKey, scopes: ["ingest"] } }), namePerson),
    ).toBe("Created API key 'CI' with scope ingest");
  });

  it("names a revoked key", () => {
    const summary = summarizeAuditEntry(
      keyEntry({
        action: "update",
        before: apiKey,
        after: { ...apiKey, revoked_at: "2026-11-22T08:00:00+00:00", revoked_by: ADMIN },
      }),
      namePerson,
    );
    expect(summary).toBe("Revoked API key 'CI'");
  });

  it("names a renamed key by both names", () => {
    const summary = summarizeAuditEntry(
      keyEntry({ action: "update", before: apiKey, after: { ...apiKey, name: "CI (staging)" } }),
      namePerson,
    );
    expect(summary).toBe("Renamed API key 'CI' to 'CI (staging)'");
  });

  it("names a deleted key", () => {
    expect(summarizeAuditEntry(keyEntry({ action: "delete", before: apiKey }), namePerson)).toBe(
      "Deleted API key 'CI'",
    );
  });

  it("still says something when the stored row lacks the name", () => {
    expect(summarizeAuditEntry(keyEntry({ after: { id: "key-1" } }), namePerson)).toBe(
      "Created an API key",
    );
  });
});

describe("summarizeAuditEntry: anything else", () => {
  it("describes unknown entity types generically rather than guessing", () => {
    expect(
      summarizeAuditEntry(
        entry({ entityType: "exposures", entityId: "exp-9", action: "update" }),
        namePerson,
      ),
    ).toBe("Updated exposures exp-9");
  });

  it("names tables audited by other features in words", () => {
    expect(
      summarizeAuditEntry(
        entry({ entityType: "prompt_templates", entityId: "tpl-1", action: "insert" }),
        namePerson,
      ),
    ).toBe("Created prompt templates tpl-1");
  });

  it("shows an unexpected action as it was stored", () => {
    expect(
      summarizeAuditEntry(
        entry({ entityType: "exposures", entityId: "exp-9", action: "truncate" }),
        namePerson,
      ),
    ).toBe("Changed (truncate) exposures exp-9");
  });
});

describe("summarizeAuditEntry: experiments", () => {
  const PRIYA = "user-priya";
  const people: Record<string, string> = { [PAT]: "Pat Prompt", [PRIYA]: "Priya Product" };
  const byName: NamePerson = (userId) => people[userId];
  const experiment = {
    id: "exp-1",
    organization_id: ORG,
    name: "Warmer greeting",
    status: "draft",
    review_round: 0,
  };
  const experimentEntry = (overrides: Partial<AuditEntry>) =>
    entry({ entityType: "experiments", entityId: "exp-1", actorId: PAT, ...overrides });
  const move = (from: string, to: string, actorId: string | null = PAT) =>
    summarizeAuditEntry(
      experimentEntry({
        action: "update",
        actorId,
        before: { ...experiment, status: from },
        after: { ...experiment, status: to },
      }),
      byName,
    );

  it("says who created an experiment", () => {
    expect(summarizeAuditEntry(experimentEntry({ after: experiment }), byName)).toBe(
      "Pat Prompt created 'Warmer greeting'",
    );
  });

  it("reads each lifecycle move as a sentence", () => {
    expect(move("draft", "in_review")).toBe("Pat Prompt submitted 'Warmer greeting' for review");
    expect(move("in_review", "draft", PRIYA)).toBe(
      "Priya Product sent 'Warmer greeting' back to draft",
    );
    expect(move("in_review", "active")).toBe("Pat Prompt activated 'Warmer greeting'");
    expect(move("active", "paused")).toBe("Pat Prompt paused 'Warmer greeting'");
    expect(move("paused", "active")).toBe("Pat Prompt resumed 'Warmer greeting'");
    expect(move("paused", "archived")).toBe("Pat Prompt archived 'Warmer greeting'");
  });

  it("names a rename and falls back to an edit", () => {
    const renamed = summarizeAuditEntry(
      experimentEntry({
        action: "update",
        before: experiment,
        after: { ...experiment, name: "Warm greeting" },
      }),
      byName,
    );
    expect(renamed).toBe("Pat Prompt renamed 'Warmer greeting' to 'Warm greeting'");
    const edited = summarizeAuditEntry(
      experimentEntry({
        action: "update",
        before: experiment,
        after: { ...experiment, hypothesis: "Longer" },
      }),
      byName,
    );
    expect(edited).toBe("Pat Prompt edited 'Warmer greeting'");
  });

  it("names a new version by number, branch and change message", () => {
    const version = {
      id: "v-2",
      experiment_id: "exp-1",
      number: 2,
      branch: "claude-trial",
      change_message: "Same opener on Claude",
    };
    expect(
      summarizeAuditEntry(
        entry({ entityType: "experiment_versions", entityId: "v-2", actorId: PAT, after: version }),
        byName,
      ),
    ).toBe("Pat Prompt created version v2 on branch claude-trial: 'Same opener on Claude'");
  });

  it("says how a variant's allocation changed", () => {
    const variant = { id: "var-1", key: "warm", allocation_bp: 5000 };
    expect(
      summarizeAuditEntry(
        entry({
          entityType: "experiment_variants",
          entityId: "var-1",
          actorId: PAT,
          action: "update",
          before: variant,
          after: { ...variant, allocation_bp: 2500 },
        }),
        byName,
      ),
    ).toBe("Pat Prompt changed the allocation of variant 'warm' from 50% to 25%");
  });

  it("reads approvals and change requests with the reviewer's comment", () => {
    const review = (decision: string, comment: string) =>
      summarizeAuditEntry(
        entry({
          entityType: "experiment_reviews",
          entityId: "r-1",
          actorId: PRIYA,
          after: { id: "r-1", round: 1, decision, comment },
        }),
        byName,
      );
    expect(review("approved", "Looks good.")).toBe(
      "Priya Product approved the experiment (review round 1): 'Looks good.'",
    );
    expect(review("changes_requested", "Shorter, please.")).toBe(
      "Priya Product requested changes (review round 1): 'Shorter, please.'",
    );
  });

  it("tells deployments from rollbacks, with the note", () => {
    const deployment = (kind: string, note: string) =>
      summarizeAuditEntry(
        entry({
          entityType: "deployments",
          entityId: "d-1",
          actorId: PRIYA,
          after: { id: "d-1", kind, note, experiment_id: "exp-1" },
        }),
        byName,
      );
    expect(deployment("deploy", "Start 50/50")).toBe(
      "Priya Product deployed the experiment: 'Start 50/50'",
    );
    expect(deployment("rollback", "INC-1042")).toBe(
      "Priya Product rolled back a deployment: 'INC-1042'",
    );
  });

  it("names actors whose profile is gone, and the database acting alone", () => {
    expect(
      summarizeAuditEntry(experimentEntry({ actorId: "user-gone", after: experiment }), byName),
    ).toBe("A former member created 'Warmer greeting'");
    expect(summarizeAuditEntry(experimentEntry({ actorId: null, after: experiment }), byName)).toBe(
      "The system created 'Warmer greeting'",
    );
  });
});
