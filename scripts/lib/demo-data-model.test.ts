import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ACCOUNTS,
  assignmentBucket,
  endUserEffort,
  generateConversations,
  planDemo,
  type Conversation,
  type ServingContext,
} from "./demo-data-model";

// The seed's shape (supabase/seed.sql): a QualifyLead experiment live for 28 days, and a
// RecommendProduct experiment whose treatment went to everyone for a day before a rollback.
const END = new Date("2026-11-21T08:30:00Z");
const ago = (days: number) => new Date(END.getTime() - days * 86_400_000);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CONTEXT: ServingContext = {
  organizationId: id(1),
  experiments: [
    {
      id: id(10),
      capability: "QualifyLead",
      salt: "a1b2c3",
      activatedAt: ago(29),
      pausedAt: null,
      archivedAt: null,
    },
    {
      id: id(20),
      capability: "RecommendProduct",
      salt: "d4e5f6",
      activatedAt: ago(16),
      pausedAt: ago(11),
      archivedAt: null,
    },
  ],
  variants: [
    {
      id: id(11),
      experimentId: id(10),
      key: "control",
      versionId: id(101),
      allocationBp: 5000,
      position: 0,
      isControl: true,
    },
    {
      id: id(12),
      experimentId: id(10),
      key: "consultative",
      versionId: id(102),
      allocationBp: 5000,
      position: 1,
      isControl: false,
    },
    {
      id: id(21),
      experimentId: id(20),
      key: "control",
      versionId: id(201),
      allocationBp: 5000,
      position: 0,
      isControl: true,
    },
    {
      id: id(22),
      experimentId: id(20),
      key: "concise",
      versionId: id(203),
      allocationBp: 5000,
      position: 1,
      isControl: false,
    },
  ],
  versions: [
    { id: id(101), provider: "openai", model: "gpt-4o-mini", maxTokens: 400, tools: [] },
    { id: id(102), provider: "openai", model: "gpt-4o", maxTokens: 400, tools: [] },
    { id: id(201), provider: "openai", model: "gpt-4o-mini", maxTokens: 800, tools: [] },
    {
      id: id(203),
      provider: "openai",
      model: "gpt-4o-mini",
      maxTokens: 300,
      tools: ["search_catalog"],
    },
  ],
  deployments: [
    {
      id: id(1001),
      capability: "QualifyLead",
      action: null,
      intent: null,
      versionId: id(101),
      experimentId: null,
      kind: "deploy",
      replacedDeploymentId: null,
      deployedAt: ago(29),
      supersededAt: ago(28),
    },
    {
      id: id(1002),
      capability: "QualifyLead",
      action: null,
      intent: null,
      versionId: id(101),
      experimentId: id(10),
      kind: "deploy",
      replacedDeploymentId: id(1001),
      deployedAt: ago(28),
      supersededAt: null,
    },
    {
      id: id(1003),
      capability: "QualifyLead",
      action: "CreateQuote",
      intent: null,
      versionId: id(101),
      experimentId: null,
      kind: "deploy",
      replacedDeploymentId: null,
      deployedAt: ago(28),
      supersededAt: null,
    },
    {
      id: id(2001),
      capability: "RecommendProduct",
      action: null,
      intent: null,
      versionId: id(201),
      experimentId: id(20),
      kind: "deploy",
      replacedDeploymentId: null,
      deployedAt: ago(16),
      supersededAt: ago(12),
    },
    {
      id: id(2002),
      capability: "RecommendProduct",
      action: null,
      intent: null,
      versionId: id(203),
      experimentId: null,
      kind: "deploy",
      replacedDeploymentId: id(2001),
      deployedAt: ago(12),
      supersededAt: ago(11),
    },
    {
      id: id(2003),
      capability: "RecommendProduct",
      action: null,
      intent: null,
      versionId: id(201),
      experimentId: id(20),
      kind: "rollback",
      replacedDeploymentId: id(2002),
      deployedAt: ago(11),
      supersededAt: null,
    },
  ],
};

function digest(conversations: Iterable<Conversation>): string {
  const hash = createHash("sha256");
  for (const conversation of conversations) hash.update(JSON.stringify(conversation));
  return hash.digest("hex");
}

describe("the demo data model", () => {
  const year = [...generateConversations(CONTEXT, { runs: 10_000, seed: 7, end: END })];
  const runs = year.flatMap((c) => c.runs);
  const outcomes = year.flatMap((c) => c.outcomes);

  it("is deterministic: the same seed gives the same rows, another seed other rows", () => {
    const again = generateConversations(CONTEXT, { runs: 10_000, seed: 7, end: END });
    expect(digest(again)).toBe(digest(year));
    const other = generateConversations(CONTEXT, { runs: 10_000, seed: 8, end: END });
    expect(digest(other)).not.toBe(digest(year));
  }, 60_000);

  it("makes exactly the runs asked for, over the year before the end, with unique ids and keys", () => {
    expect(runs).toHaveLength(10_000);
    expect(new Set(runs.map((r) => r.id)).size).toBe(10_000);
    expect(new Set(runs.map((r) => r.idempotencyKey)).size).toBe(10_000);
    const times = runs.map((r) => r.occurredAt.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ago(365).getTime());
    expect(Math.max(...times)).toBeLessThan(END.getTime());
    expect(Math.max(...outcomes.map((o) => o.occurredAt.getTime()))).toBeLessThan(END.getTime());
  });

  it("assigns variants the way resolve_prompt does, sticky per end user", () => {
    const assigned = runs.filter((r) => r.experimentId === id(10));
    expect(assigned.length).toBeGreaterThan(200);
    for (const run of assigned) {
      const bucket = assignmentBucket("a1b2c3", run.endUserId);
      expect(run.variantId).toBe(bucket < 5000 ? id(11) : id(12));
      expect(run.occurredAt.getTime()).toBeGreaterThanOrEqual(ago(28).getTime());
    }
    // The narrower CreateQuote deployment serves the baseline outside the experiment.
    const quotes = runs.filter((r) => r.action === "CreateQuote" && r.occurredAt >= ago(28));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((r) => r.versionId === id(101) && r.experimentId === null)).toBe(true);
  });

  it("serves the bad version to everyone only between its deployment and the rollback", () => {
    const plan = planDemo(CONTEXT, END);
    expect(plan.incident).toMatchObject({
      versionId: id(203),
      deployedAt: ago(12),
      rolledBackAt: ago(11),
    });
    const unassigned = runs.filter((r) => r.versionId === id(203) && r.experimentId === null);
    expect(unassigned.length).toBeGreaterThan(0);
    for (const run of unassigned) {
      expect(run.occurredAt >= ago(12) && run.occurredAt < ago(11)).toBe(true);
    }
    expect(runs.some((r) => r.variantId === id(22) && r.occurredAt < ago(12))).toBe(true);
    expect(runs.some((r) => r.experimentId === id(20) && r.occurredAt >= ago(11))).toBe(false);
  });

  it("gives every end user a lasting effort that averages 1 over users", () => {
    const efforts = ACCOUNTS.flatMap((a) =>
      Array.from({ length: a.users }, (_, i) =>
        endUserEffort(`${a.key}-u${String(i).padStart(4, "0")}`),
      ),
    );
    const mean = efforts.reduce((a, b) => a + b, 0) / efforts.length;
    const sd = Math.sqrt(efforts.reduce((a, b) => a + (b - mean) ** 2, 0) / efforts.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(sd).toBeGreaterThan(0.4);
    expect(endUserEffort("globomart-u0001")).toBe(endUserEffort("globomart-u0001"));
  });

  it("keeps each end user's effort across the year: who waits longer and sends more in one half does in the other", () => {
    // A larger year than above: enough end users with several runs in each half.
    const half = ago(182.5).getTime();
    const users = new Map<string, { latency: number[][]; tokensIn: number[][] }>();
    for (const conversation of generateConversations(CONTEXT, {
      runs: 100_000,
      seed: 7,
      end: END,
    })) {
      for (const run of conversation.runs) {
        let user = users.get(run.endUserId);
        if (!user) users.set(run.endUserId, (user = { latency: [[], []], tokensIn: [[], []] }));
        const period = run.occurredAt.getTime() < half ? 0 : 1;
        user.latency[period]!.push(run.latencyMs);
        user.tokensIn[period]!.push(run.tokensIn);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    /** Pearson correlation, across users with 3+ runs in each half, of their two halves' means. */
    const betweenHalves = (key: "latency" | "tokensIn") => {
      const pairs = [...users.values()]
        .map((user) => user[key])
        .filter((halves) => halves.every((h) => h.length >= 3))
        .map((halves) => halves.map(mean) as [number, number]);
      expect(pairs.length, key).toBeGreaterThan(2000);
      const [mx, my] = [mean(pairs.map((p) => p[0])), mean(pairs.map((p) => p[1]))];
      let [sxy, sxx, syy] = [0, 0, 0];
      for (const [x, y] of pairs) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) ** 2;
        syy += (y - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    // Without a lasting effort both are about 0 (±0.02 with this many users); mean latency is the
    // weaker, as 0.4% of runs time out at 30 s whoever sends them.
    expect(betweenHalves("latency")).toBeGreaterThan(0.2);
    expect(betweenHalves("tokensIn")).toBeGreaterThan(0.5);
  }, 60_000);

  it("records where it came from on the first run only", () => {
    expect(runs[0]!.metadata).toEqual({
      demo_data: { seed: 7, runs: 10_000, end: END.toISOString() },
    });
    expect(runs.slice(1).every((r) => r.metadata === null)).toBe(true);
  });
});
