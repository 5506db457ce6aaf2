import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import {
  activeExperiment,
  createTestOrg,
  signIn,
  type ServingSetup,
  type TestOrg,
} from "./support/experiments";

/**
 * The Runs explorer's RPCs, list_runs and run_filter_options, through supabase-js over HTTP as
 * the page calls them (the local API double-encodes jsonb arguments, so this is also where
 * p_filters and p_after are proven to arrive).
 */

let org: TestOrg;
let other: TestOrg;
let setup: ServingSetup;
let pm: Client;
let enablement: Client;
let outsider: Client;

const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
const runIds: string[] = [];

interface RunSeed {
  hoursAgo: number;
  model?: string;
  status?: string;
  intent?: string;
  capability?: string;
  action?: string;
  account?: string;
  latency?: number | null;
  cost?: number | null;
  manual?: boolean;
  variant?: "control" | "treatment";
}

async function insertRuns(orgId: string, seeds: RunSeed[]): Promise<string[]> {
  const rows = seeds.map((seed, index) => ({
    organization_id: orgId,
    idempotency_key: `explorer-${randomUUID()}`,
    event_hash: randomUUID(),
    occurred_at: at(seed.hoursAgo),
    model: seed.model ?? "gpt-4o",
    status: seed.status ?? "ok",
    intent: seed.intent ?? null,
    capability: seed.capability ?? null,
    action: seed.action ?? null,
    account: seed.account ?? null,
    latency_ms: seed.latency === undefined ? 100 + index : seed.latency,
    cost_usd: seed.cost === undefined ? 0.001 * (index + 1) : seed.cost,
    is_manual: seed.manual ?? false,
    experiment_id: seed.variant ? setup.experiment : null,
    variant_id: seed.variant ? setup.variants[seed.variant] : null,
    version_id: seed.variant ? setup.versions[seed.variant] : null,
    question: "Q with a@b.com",
    response: "A",
  }));
  const inserted = await adminSql<{ id: string }[]>`
    insert into public.llm_runs ${adminSql(rows)} returning id`;
  return inserted.map((row) => row.id);
}

beforeAll(async () => {
  org = await createTestOrg("runs-explorer");
  other = await createTestOrg("runs-explorer-other");
  setup = await activeExperiment(org);
  // 30 runs an hour apart, plus two at exactly the same instant (keyset ties), one 40 days old.
  const seeds: RunSeed[] = Array.from({ length: 30 }, (_, i) => ({
    hoursAgo: i + 1,
    model: i % 3 === 0 ? "claude-3-5-haiku" : "gpt-4o",
    status: i % 10 === 4 ? "error" : "ok",
    intent: i % 2 === 0 ? "QualifyLeadIntent" : "Other",
    capability: "QualifyLead",
    action: i % 5 === 0 ? "QualifyLeadAction" : undefined,
    account: i === 7 ? "northwind" : `acct-${i % 4}`,
    latency: i === 3 ? null : 1000 - i * 10,
    cost: i === 5 ? null : undefined,
    manual: i % 6 === 0,
    variant: i % 4 === 0 ? "control" : i % 4 === 1 ? "treatment" : undefined,
  }));
  runIds.push(...(await insertRuns(org.orgId, seeds)));
  const tie = at(0.5);
  const tied = await insertRuns(org.orgId, [{ hoursAgo: 0 }, { hoursAgo: 0 }]);
  await adminSql`update public.llm_runs set occurred_at = ${tie} where id in ${adminSql(tied)}`;
  runIds.push(...tied);
  await insertRuns(org.orgId, [{ hoursAgo: 40 * 24, model: "gpt-3.5-turbo" }]);
  await insertRuns(other.orgId, [{ hoursAgo: 1, model: "other-org-model" }]);

  pm = await signIn(org.users.product_manager);
  enablement = await signIn(org.users.enablement);
  outsider = await signIn(other.users.admin);
}, 120_000);

afterAll(async () => {
  await org.delete();
  await other.delete();
  await adminSql.end();
});

type ListArgs = {
  p_from?: string;
  p_to?: string;
  p_filters?: Record<string, unknown>;
  p_sort?: string;
  p_after?: { key: string; id: string };
  p_limit?: number;
};

async function list(client: Client, args: ListArgs = {}) {
  const { data, error } = await client.rpc("list_runs", {
    p_organization_id: org.orgId,
    p_from: args.p_from ?? at(7 * 24),
    ...args,
  } as never);
  if (error) throw new Error(`${error.code}: ${error.message}`);
  return data as { id: string; sort_key: string; [column: string]: unknown }[];
}

/** Every page of a listing, following the cursor as the page's "Load more" does. */
async function allPages(client: Client, args: ListArgs, pageSize: number) {
  const seen: { id: string; sort_key: string; [column: string]: unknown }[] = [];
  let after: ListArgs["p_after"];
  for (;;) {
    const page = await list(client, { ...args, p_limit: pageSize, p_after: after });
    seen.push(...page);
    if (page.length < pageSize) return seen;
    const last = page.at(-1)!;
    after = { key: last.sort_key, id: last.id };
  }
}

describe("list_runs", () => {
  it("pages newest first by keyset, every run exactly once, ties included", async () => {
    const rows = await allPages(pm, {}, 7);
    expect(rows).toHaveLength(32);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(runIds));
    const times = rows.map((row) => Date.parse(row.occurred_at as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const oldest = await allPages(pm, { p_sort: "oldest" }, 5);
    expect(oldest.map((row) => row.id)).toEqual(rows.map((row) => row.id).reverse());
  });

  it("keeps to the time range", async () => {
    expect(await list(pm, { p_from: at(100 * 24) })).toHaveLength(33);
    const window = await list(pm, { p_from: at(10.5), p_to: at(4.5) });
    expect(window).toHaveLength(6);
  });

  it("returns names for the taxonomy and the experiment, and no raw text", async () => {
    const [row] = await list(pm, { p_filters: { variant: setup.variants.treatment }, p_limit: 1 });
    expect(row).toMatchObject({
      capability: "QualifyLead",
      capability_name: "QualifyLead",
      experiment_id: setup.experiment,
      experiment_name: "QualifyLead experiment",
      variant_id: setup.variants.treatment,
      variant_label: "treatment",
      version_id: setup.versions.treatment,
    });
    expect(row).not.toHaveProperty("question");
    expect(row).not.toHaveProperty("response");
  });

  it.each([
    [{ model: "claude-3-5-haiku" }, 10],
    [{ status: "error" }, 3],
    [{ intent: "QualifyLeadIntent" }, 15],
    [{ capability: "QualifyLead" }, 30],
    [{ action: "QualifyLeadAction" }, 6],
    [{ account: "northwind" }, 1],
    [{ manual: true }, 5],
    [{ manual: false }, 27],
    [{ experiment: "EXPERIMENT" }, 16],
    [{ experiment: "EXPERIMENT", variant: "CONTROL" }, 8],
    [{ version: "TREATMENT_VERSION" }, 8],
    [{ model: "claude-3-5-haiku", status: "ok", intent: "QualifyLeadIntent" }, 4],
  ])("filters by %j", async (filters, expected) => {
    const ids: Record<string, string> = {
      EXPERIMENT: setup.experiment,
      CONTROL: setup.variants.control,
      TREATMENT_VERSION: setup.versions.treatment,
    };
    const resolved = Object.fromEntries(
      Object.entries(filters).map(([key, value]) => [
        key,
        typeof value === "string" ? (ids[value] ?? value) : value,
      ]),
    );
    const rows = await allPages(pm, { p_filters: resolved }, 50);
    expect(rows).toHaveLength(expected);
  });

  it("sorts by latency and cost both ways, leaving out runs without one", async () => {
    const slowest = await allPages(pm, { p_sort: "latency_desc" }, 4);
    const latencies = slowest.map((row) => Number(row.latency_ms));
    expect(latencies).toEqual([...latencies].sort((a, b) => b - a));
    expect(slowest).toHaveLength(31);
    const fastest = await allPages(pm, { p_sort: "latency_asc" }, 4);
    expect(fastest.map((row) => row.id)).toEqual([...slowest].reverse().map((row) => row.id));

    const dearest = await allPages(pm, { p_sort: "cost_desc" }, 6);
    const costs = dearest.map((row) => Number(row.cost_usd));
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    expect(dearest).toHaveLength(31);
    expect((await allPages(pm, { p_sort: "cost_asc" }, 6)).map((row) => row.id)).toEqual(
      [...dearest].reverse().map((row) => row.id),
    );
  });

  it("refuses unknown filters and sorts, so a typo never shows everything", async () => {
    await expect(list(pm, { p_filters: { modle: "gpt-4o" } })).rejects.toThrow(
      "22023: Unknown run filter: modle",
    );
    await expect(list(pm, { p_sort: "random" })).rejects.toThrow("22023: Unknown sort: random");
    await expect(list(pm, { p_limit: 500 })).rejects.toThrow("22023");
  });

  it("serves enablement too, and refuses another organization's member", async () => {
    expect(await list(enablement, { p_limit: 3 })).toHaveLength(3);
    await expect(list(outsider)).rejects.toThrow("42501");
  });
});

describe("run_filter_options", () => {
  it("offers the range's distinct values with names, and says whether any run exists", async () => {
    const { data, error } = await pm.rpc("run_filter_options", {
      p_organization_id: org.orgId,
      p_from: at(7 * 24),
    });
    expect(error).toBeNull();
    const options = data as Record<string, unknown>;
    expect(options).toMatchObject({
      sampled: false,
      has_runs: true,
      models: [
        { value: "claude-3-5-haiku", label: "claude-3-5-haiku" },
        { value: "gpt-4o", label: "gpt-4o" },
      ],
      capabilities: [{ value: "QualifyLead", label: "QualifyLead" }],
      intents: [
        { value: "QualifyLeadIntent", label: "Intent" },
        { value: "Other", label: "Other" },
      ],
      experiments: [{ value: setup.experiment, label: "QualifyLead experiment" }],
    });
    expect(options.variants).toEqual([
      {
        value: setup.variants.control,
        label: "QualifyLead experiment · control",
        experiment: setup.experiment,
      },
      {
        value: setup.variants.treatment,
        label: "QualifyLead experiment · treatment",
        experiment: setup.experiment,
      },
    ]);
    expect((options.accounts as { value: string }[]).map((a) => a.value)).toEqual([
      "acct-0",
      "acct-1",
      "acct-2",
      "acct-3",
      "northwind",
    ]);
  });

  it("tells an empty range from an organization without runs", async () => {
    const empty = await createTestOrg("runs-explorer-empty");
    try {
      const client = await signIn(empty.users.enablement);
      const none = await client.rpc("run_filter_options", {
        p_organization_id: empty.orgId,
        p_from: at(24),
      });
      expect(none.data).toMatchObject({ has_runs: false, models: [] });
      const quiet = await pm.rpc("run_filter_options", {
        p_organization_id: org.orgId,
        p_from: at(24 * 365),
        p_to: at(24 * 300),
      });
      expect(quiet.data).toMatchObject({ has_runs: true, models: [] });
      const outside = await outsider.rpc("run_filter_options", {
        p_organization_id: org.orgId,
        p_from: at(24),
      });
      expect(outside.error?.code).toBe("42501");
    } finally {
      await empty.delete();
    }
  });
});
