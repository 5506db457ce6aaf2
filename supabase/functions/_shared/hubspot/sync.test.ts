/**
 * The sync loop against the fake HubSpot (tests/fakes/hubspot.ts), which speaks the CRM v3 search
 * API with small pages: the production client and loop, with only the base URL changed. Pages
 * are committed into an in-memory store keyed like public.outcomes (organization, key).
 */
import assert from "node:assert/strict";
import { type FakePortal, startFakeHubspot } from "../../../../tests/fakes/hubspot.ts";
import { HubSpotClient } from "./client.ts";
import type { HubSpotMapping, OutcomeRow } from "./mapping.ts";
import { type PageCommit, runSync, type SyncCursor } from "./sync.ts";

const CONVERSION: HubSpotMapping = {
  id: "m-conv",
  object: "deals",
  transform: "one",
  property: "dealstage",
  equals: "closedwon",
  only_when_stage: null,
  metric_key: "conversion",
  account_property: "customer_account",
  end_user_property: null,
};
const ORDER_VALUE: HubSpotMapping = {
  ...CONVERSION,
  id: "m-amount",
  transform: "property_number",
  property: "amount",
  equals: null,
  only_when_stage: "closedwon",
  metric_key: "order_value",
};
const NPS: HubSpotMapping = {
  id: "m-nps",
  object: "contacts",
  transform: "property_number",
  property: "nps_score",
  equals: null,
  only_when_stage: null,
  metric_key: "csat",
  account_property: null,
  end_user_property: "app_user_id",
};

class Store {
  outcomes = new Map<string, OutcomeRow>();
  commits: PageCommit[] = [];
  commit = (page: PageCommit) => {
    this.commits.push(page);
    let written = 0;
    for (const row of page.outcomes) {
      if (this.outcomes.has(row.idempotency_key)) continue;
      this.outcomes.set(row.idempotency_key, row);
      written++;
    }
    return Promise.resolve(written);
  };
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

function seedDeals(portal: FakePortal, count: number, from = 100) {
  for (let i = 0; i < count; i++) {
    portal.upsert("deals", String(from + i), {
      dealname: `Deal ${i}`,
      dealstage: i % 2 === 0 ? "closedwon" : "contractsent",
      amount: String(1000 + i),
      customer_account: `acct-${i}`,
    }, minutesAgo(60 - i));
  }
}

async function withFake(
  fn: (ctx: { url: string; portal: FakePortal; requests: () => number }) => Promise<void>,
  options: { pageSize?: number; resultWindow?: number } = { pageSize: 3 },
) {
  const fake = await startFakeHubspot(options);
  try {
    const portal = fake.createPortal();
    await fn({ url: fake.url, portal, requests: () => fake.requests.length });
  } finally {
    await fake.close();
  }
}

function client(url: string, token: string, sleeps: number[] = [], maxRetryWaitMs = 5_000) {
  return new HubSpotClient({
    baseUrl: url,
    token,
    maxRetryWaitMs,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
}

Deno.test("pages through every deal and advances the cursor to the last one", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 10);
    const store = new Store();
    const result = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION, ORDER_VALUE],
      portalId: String(portal.portalId),
      cursor: {},
      commitPage: store.commit,
      pageSize: 100, // the fake caps pages at 3
    });
    assert.equal(result.status, "succeeded");
    assert.equal(result.pages, 4);
    assert.equal(result.records, 10);
    // 5 closed-won deals: conversion and order value for each
    assert.equal(result.outcomesWritten, 10);
    const last = portal.records("deals").find((r) => r.id === "109")!;
    assert.deepEqual(result.cursor.deals, {
      modified_at: last.properties.hs_lastmodifieddate,
      id: "109",
    });
    const won = store.outcomes.get("hubspot:deals:100:m-conv")!;
    assert.equal(won.value, 1);
    assert.equal(won.account, "acct-0");
    assert.equal(won.occurred_at, portal.records("deals")[0]!.properties.hs_date_entered_closedwon);
    assert.equal(store.outcomes.get("hubspot:deals:102:m-amount")!.value, 1002);
    assert.equal(store.outcomes.has("hubspot:deals:101:m-amount"), false, "not closed won");
  });
});

Deno.test("sends HubSpot's search body: GTE filter on the cursor, ascending sort, after", async () => {
  const fake = await startFakeHubspot({ pageSize: 3 });
  try {
    const portal = fake.createPortal();
    seedDeals(portal, 5);
    const cursor: SyncCursor = {
      deals: {
        modified_at: portal.records("deals")[1]!.properties.hs_lastmodifieddate!,
        id: "101",
      },
    };
    await runSync({
      client: client(fake.url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor,
      commitPage: new Store().commit,
      pageSize: 3,
    });
    const searches = fake.requests.filter((r) => r.path === "/crm/v3/objects/deals/search");
    assert.equal(searches.length, 2);
    assert.equal(searches[0]!.headers.authorization, `Bearer ${portal.token}`);
    assert.deepEqual(searches[0]!.body, {
      filterGroups: [{
        filters: [{
          propertyName: "hs_lastmodifieddate",
          operator: "GTE",
          value: String(Date.parse(cursor.deals!.modified_at)),
        }],
      }],
      sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
      properties: [
        "customer_account",
        "dealstage",
        "hs_date_entered_closedwon",
        "hs_lastmodifieddate",
        "hs_v2_date_entered_closedwon",
      ],
      limit: 3,
    });
    assert.equal((searches[1]!.body as { after: string }).after, "3");
  } finally {
    await fake.close();
  }
});

Deno.test("an incremental sync reads only what changed since the cursor, and writes nothing twice", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 7);
    const store = new Store();
    const first = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: store.commit,
    });
    assert.equal(first.outcomesWritten, 4);

    const again = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: first.cursor,
      commitPage: store.commit,
    });
    assert.equal(again.outcomesWritten, 0);
    assert.equal(again.records, 1, "only the record at the cursor's millisecond is read again");

    portal.upsert("deals", "101", { dealstage: "closedwon" });
    const later = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: again.cursor,
      commitPage: store.commit,
    });
    assert.equal(later.outcomesWritten, 1);
    assert.ok(store.outcomes.has("hubspot:deals:101:m-conv"));
    assert.equal(later.cursor.deals!.id, "101");
  });
});

Deno.test("contacts are searched by lastmodifieddate and linked to the end user", async () => {
  await withFake(async ({ url, portal, requests }) => {
    portal.upsert("contacts", "501", { email: "a@x.test", nps_score: "9", app_user_id: "user-9" });
    portal.upsert("contacts", "502", { email: "b@x.test", nps_score: "" });
    const store = new Store();
    const result = await runSync({
      client: client(url, portal.token),
      mappings: [NPS],
      portalId: "1",
      cursor: {},
      commitPage: store.commit,
    });
    assert.equal(result.status, "succeeded");
    assert.equal(requests(), 1, "deals are not searched without a deal mapping");
    const row = store.outcomes.get("hubspot:contacts:501:m-nps")!;
    assert.equal(row.value, 9);
    assert.equal(row.end_user_id, "user-9");
    assert.equal(row.account, "hubspot:contact:501");
    assert.equal(store.outcomes.size, 1, "an empty property yields nothing");
    assert.ok(result.cursor.contacts);
  });
});

Deno.test("a 429 with a short Retry-After is waited out and the page retried", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 6);
    portal.enqueue({ status: 429, retryAfterSeconds: 2 });
    const sleeps: number[] = [];
    const c = client(url, portal.token, sleeps);
    const store = new Store();
    const result = await runSync({
      client: c,
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: store.commit,
    });
    assert.equal(result.status, "succeeded");
    assert.deepEqual(sleeps, [2000]);
    assert.equal(c.rateLimitWaits, 1);
    assert.equal(result.records, 6);
  });
});

Deno.test("a 429 asking for a long wait stops the sync, keeps committed pages and says when to come back", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 9);
    const store = new Store();
    const sleeps: number[] = [];
    const c = client(url, portal.token, sleeps);
    // The first page passes, the second gets a 429 asking for 60 s.
    let calls = 0;
    const result = await runSync({
      client: c,
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: (page) => {
        if (++calls === 1) portal.enqueue({ status: 429, retryAfterSeconds: 60 });
        return store.commit(page);
      },
      now: () => 1_000_000,
    });
    assert.equal(result.status, "rate_limited");
    assert.equal(result.retryAt!.getTime(), 1_000_000 + 60_000);
    assert.deepEqual(sleeps, []);
    assert.equal(result.pages, 1);
    assert.equal(result.cursor.deals!.id, "102", "the cursor stays at the last committed page");
  });
});

Deno.test("repeated 429s give up after the retry limit", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 2);
    portal.enqueue(
      { status: 429, retryAfterSeconds: 1 },
      { status: 429, retryAfterSeconds: 1 },
      { status: 429, retryAfterSeconds: 1 },
      { status: 429, noRetryAfter: true },
    );
    const sleeps: number[] = [];
    const result = await runSync({
      client: client(url, portal.token, sleeps),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: new Store().commit,
    });
    assert.equal(result.status, "rate_limited");
    assert.deepEqual(sleeps, [1000, 1000, 1000]);
  });
});

Deno.test("Retry-After as an HTTP date is honoured", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 1);
    portal.enqueue({ status: 429, retryAfterDate: new Date(Date.now() + 3_000) });
    const sleeps: number[] = [];
    await runSync({
      client: client(url, portal.token, sleeps),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: new Store().commit,
    });
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0]! > 1_000 && sleeps[0]! <= 3_000, `waited ${sleeps[0]} ms`);
  });
});

Deno.test("a rejected token fails the sync and says so", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 2);
    const result = await runSync({
      client: client(url, "pat-na1-wrong"),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: new Store().commit,
    });
    assert.equal(result.status, "failed");
    assert.equal(result.tokenRejected, true);
    assert.match(result.error!, /HubSpot rejected the token/);
    assert.equal(result.pages, 0);
  });
});

Deno.test("past the search's result window the query starts again from the cursor", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 14);
    const store = new Store();
    const result = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: store.commit,
      pageSize: 3,
      resultWindow: 6,
    });
    assert.equal(result.status, "succeeded");
    assert.equal(result.cursor.deals!.id, "113");
    assert.equal(store.outcomes.size, 7, "every closed-won deal, each once");
  }, { pageSize: 3, resultWindow: 6 });
});

Deno.test("stops at the deadline with the cursor of the last committed page", async () => {
  await withFake(async ({ url, portal }) => {
    seedDeals(portal, 9);
    let clock = 0;
    const result = await runSync({
      client: client(url, portal.token),
      mappings: [CONVERSION],
      portalId: "1",
      cursor: {},
      commitPage: (page) => {
        clock += 10;
        return new Store().commit(page);
      },
      deadline: 20,
      now: () => clock,
    });
    assert.equal(result.status, "incomplete");
    assert.equal(result.pages, 2);
    assert.equal(result.cursor.deals!.id, "105");
  });
});
