import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { rows, supabaseStub, type RecordedQuery } from "@/test/supabase-stub";
import { AuditLogPage } from "./audit-log-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const PAT_ID = "00000000-0000-4000-8000-0000000000b2";
const ORG = TEST_ORGANIZATION.id;

const roleChange = {
  id: 3,
  actor_id: TEST_USER.id,
  action: "update",
  entity_type: "memberships",
  entity_id: `${ORG}:${PAT_ID}`,
  before: {
    organization_id: ORG,
    user_id: PAT_ID,
    role: "prompt_engineer",
    updated_at: "2026-11-01T12:00:00+00:00",
  },
  after: {
    organization_id: ORG,
    user_id: PAT_ID,
    role: "enablement",
    updated_at: "2026-11-21T12:00:00+00:00",
  },
  created_at: "2026-11-21T12:00:00+00:00",
};
const joinedAtSignUp = {
  id: 2,
  actor_id: null,
  action: "insert",
  entity_type: "memberships",
  entity_id: `${ORG}:${PAT_ID}`,
  before: null,
  after: { organization_id: ORG, user_id: PAT_ID, role: "prompt_engineer" },
  created_at: "2026-11-01 12:00:00+00",
};

function auditReads() {
  return supabaseStub.queries.filter((query) => query.table === "audit_log");
}

function rangeOf(query: RecordedQuery) {
  return query.modifiers.find(([name]) => name === "range")?.slice(1);
}

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("profiles", () =>
    rows([
      { id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada Admin" },
      { id: PAT_ID, email: "pat@acme.example", display_name: "Pat Prompt" },
    ]),
  );
});

describe("AuditLogPage", () => {
  it("shows when, who, what and a sentence for each entry, newest first", async () => {
    supabaseStub.onTable("audit_log", () => rows([roleChange, joinedAtSignUp]));
    renderOrganizationPage(<AuditLogPage />, { path: "audit-log" });

    const change = (
      await screen.findByText("Changed role of pat@acme.example from Prompt engineer to Enablement")
    ).closest("tr")!;
    expect(change).toHaveTextContent("21 Nov 2026");
    expect(change).toHaveTextContent("Ada Admin");
    expect(change).toHaveTextContent("ada@acme.example");
    expect(within(change).getByText("Updated")).toBeInTheDocument();
    expect(within(change).getByText("Member")).toBeInTheDocument();

    const joined = screen.getByText("pat@acme.example joined as Prompt engineer").closest("tr")!;
    expect(joined).toHaveTextContent("System");
    expect(joined).toHaveTextContent("1 Nov 2026");

    const [read] = auditReads();
    expect(read!.modifiers).toEqual([
      ["eq", "organization_id", ORG],
      ["order", "created_at", { ascending: false }],
      ["order", "id", { ascending: false }],
      ["range", 0, 50],
    ]);
  });

  it("expands an entry into a field-by-field diff with the changed fields marked", async () => {
    supabaseStub.onTable("audit_log", () => rows([roleChange]));
    renderOrganizationPage(<AuditLogPage />, { path: "audit-log" });

    const toggle = await screen.findByRole("button", { name: /^Show changes:/ });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);

    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const diff = screen.getByRole("table", { name: "Field values before and after this change" });
    const role = within(diff)
      .getByRole("rowheader", { name: /^role\s*changed$/ })
      .closest("tr")!;
    expect(role).toHaveAttribute("data-changed");
    expect(role).toHaveTextContent('"prompt_engineer"');
    expect(role).toHaveTextContent('"enablement"');
    const userId = within(diff).getByRole("rowheader", { name: "user_id" }).closest("tr")!;
    expect(userId).not.toHaveAttribute("data-changed");
  });

  it("filters by entity type through ?entity=, keeping other search parameters", async () => {
    supabaseStub.onTable("audit_log", () => rows([roleChange]));
    const { router } = renderOrganizationPage(<AuditLogPage />, { path: "audit-log?range=7d" });
    await screen.findByText(/Changed role of/);

    await userEvent.click(screen.getByRole("radio", { name: "API key changes" }));

    await waitFor(() => expect(router.state.location.search).toBe("?range=7d&entity=api_keys"));
    await waitFor(() =>
      expect(auditReads().at(-1)!.modifiers).toContainEqual(["eq", "entity_type", "api_keys"]),
    );

    await userEvent.click(screen.getByRole("radio", { name: "All changes" }));
    await waitFor(() => expect(router.state.location.search).toBe("?range=7d"));
  });

  it("reads the filter from the URL and ignores values it doesn't know", async () => {
    supabaseStub.onTable("audit_log", () => rows([]));
    renderOrganizationPage(<AuditLogPage />, { path: "audit-log?entity=invitations" });
    expect(
      await screen.findByRole("heading", { name: "No invitation changes recorded" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Invitation changes" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    expect(auditReads()[0]!.modifiers).toContainEqual(["eq", "entity_type", "invitations"]);
  });

  it("treats an unknown entity type in the URL as no filter", async () => {
    supabaseStub.onTable("audit_log", () => rows([]));
    renderOrganizationPage(<AuditLogPage />, { path: "audit-log?entity=organizations" });
    expect(
      await screen.findByRole("heading", { name: "Nothing recorded yet" }),
    ).toBeInTheDocument();
    expect(auditReads()[0]!.modifiers.some(([, column]) => column === "entity_type")).toBe(false);
  });

  it("loads older entries 50 at a time", async () => {
    const entry = (id: number) => ({ ...roleChange, id });
    supabaseStub.onTable("audit_log", (query) => {
      const [from] = rangeOf(query) as [number, number];
      // 51 rows on the first page means there is more; the second page is the last.
      return rows(
        from === 0 ? Array.from({ length: 51 }, (_, i) => entry(100 - i)) : [entry(49), entry(48)],
      );
    });
    renderOrganizationPage(<AuditLogPage />, { path: "audit-log" });

    await screen.findAllByText(/Changed role of/);
    expect(screen.getAllByText(/Changed role of/)).toHaveLength(50);

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    await waitFor(() => expect(screen.getAllByText(/Changed role of/)).toHaveLength(52));
    expect(rangeOf(auditReads().at(-1)!)).toEqual([50, 100]);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
    expect(screen.getByText(/That's everything/)).toBeInTheDocument();
  });
});
