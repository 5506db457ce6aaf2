vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));
import type { AppRole } from "@/lib/supabase";
import type { ExperimentStatus } from "./experiment-status";
import { availableLifecycleActions, type LifecycleContext } from "./lifecycle-actions";

function actionsFor(
  role: AppRole,
  status: ExperimentStatus,
  overrides: Partial<LifecycleContext> = {},
) {
  return availableLifecycleActions({
    role,
    status,
    isAuthor: false,
    hasReviewedThisRound: false,
    approvals: 0,
    requiredApprovals: 1,
    ...overrides,
  });
}

describe("availableLifecycleActions", () => {
  it.each<[AppRole, ExperimentStatus, string[]]>([
    ["prompt_engineer", "draft", ["submit", "archive"]],
    ["product_manager", "draft", ["submit", "archive"]],
    ["admin", "draft", ["submit", "archive"]],
    ["operations", "draft", []],
    ["engineer", "draft", []],
    ["enablement", "draft", []],
    ["prompt_engineer", "in_review", ["withdraw", "archive"]],
    ["product_manager", "in_review", ["approve", "request_changes", "withdraw", "archive"]],
    ["admin", "in_review", ["approve", "request_changes", "withdraw", "archive"]],
    ["operations", "in_review", []],
    ["prompt_engineer", "active", ["pause", "archive"]],
    ["operations", "active", ["pause"]],
    ["engineer", "active", []],
    ["enablement", "active", []],
    ["prompt_engineer", "paused", ["resume", "archive"]],
    ["operations", "paused", []],
    ["admin", "archived", []],
    ["enablement", "archived", []],
  ])("offers %s on a %s experiment: %j", (role, status, expected) => {
    expect(actionsFor(role, status)).toEqual(expected);
  });

  it("never offers authors a review of their own experiment", () => {
    expect(actionsFor("product_manager", "in_review", { isAuthor: true })).toEqual([
      "withdraw",
      "archive",
    ]);
  });

  it("offers one review per round", () => {
    expect(actionsFor("admin", "in_review", { hasReviewedThisRound: true })).toEqual([
      "withdraw",
      "archive",
    ]);
  });

  it("offers activation once the approvals suffice, and only to editors", () => {
    expect(actionsFor("prompt_engineer", "in_review", { approvals: 1 })).toEqual([
      "activate",
      "withdraw",
      "archive",
    ]);
    expect(
      actionsFor("prompt_engineer", "in_review", { approvals: 1, requiredApprovals: 2 }),
    ).toEqual(["withdraw", "archive"]);
    expect(actionsFor("operations", "in_review", { approvals: 1 })).toEqual([]);
  });
});
