/**
 * A local stand-in for HubSpot's API, speaking its real wire format, for tests of the HubSpot
 * sync. One `node:http` server on 127.0.0.1, usable from Node (vitest) and Deno alike:
 *
 *   GET  /account-info/v3/details
 *   POST /crm/v3/objects/{deals|contacts}/search   filterGroups, sorts, properties, limit, after
 *   GET  /crm/v3/pipelines/deals
 *   GET  /crm/v3/properties/{deals|contacts}
 *
 *   const fake = await startFakeHubspot({ pageSize: 3 });
 *   const portal = fake.createPortal();             // its own token, portal id and records
 *   portal.upsert("deals", "101", { dealname: "Acme", dealstage: "closedwon", amount: "1200" });
 *   portal.enqueue({ status: 429, retryAfterSeconds: 1 }); // the next request gets a 429
 *   // point the sync at fake.url with portal.token
 *   fake.requests; // what was received
 *   await fake.close();
 *
 * Each portal answers only its own token (Bearer); anything else gets HubSpot's 401 body. A portal
 * created without a scope gets HubSpot's 403 MISSING_SCOPES for the calls needing it. `pageSize`
 * caps every search page below what the client asks for, to force paging with few records; a
 * search past the result window (10,000 in HubSpot) is refused as HubSpot does.
 *
 * Records keep HubSpot's bookkeeping: hs_object_id, createdate, the last-modified property
 * (hs_lastmodifieddate for deals, lastmodifieddate for contacts) moved on every upsert (or set
 * with `modifiedAt`), and hs_date_entered_<stage> when a deal changes stage.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { headersOf, readBody, sendJson, startLocalServer } from "./server.ts";

export type FakeObject = "deals" | "contacts";

export const HUBSPOT_SCOPES = [
  "crm.objects.deals.read",
  "crm.objects.contacts.read",
  "crm.schemas.deals.read",
] as const;

export interface FakeRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** What the next request to a portal gets instead of its normal answer. */
export type FakeHubspotBehaviour =
  | { status: 429; retryAfterSeconds?: number; retryAfterDate?: Date; noRetryAfter?: boolean }
  | { status: 500 | 502 | 503 };

export interface RecordedHubspotRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface FakePortal {
  token: string;
  portalId: number;
  scopes: Set<string>;
  /** Creates or changes a record; moves its last-modified time to `modifiedAt` (default now). */
  upsert(
    object: FakeObject,
    id: string,
    properties: Record<string, string | null>,
    modifiedAt?: Date,
  ): FakeRecord;
  records(object: FakeObject): FakeRecord[];
  enqueue(...behaviours: FakeHubspotBehaviour[]): void;
  /** The token stops working (deleted or rotated in HubSpot): every call gets a 401. */
  revoke(): void;
}

export interface FakeHubspot {
  /** http://127.0.0.1:<port>, HubSpot's https://api.hubapi.com. */
  url: string;
  requests: RecordedHubspotRequest[];
  createPortal(options?: { token?: string; portalId?: number; scopes?: string[] }): FakePortal;
  close(): Promise<void>;
}

const MODIFIED: Record<FakeObject, string> = {
  deals: "hs_lastmodifieddate",
  contacts: "lastmodifieddate",
};
const DATE_PROPERTIES = new Set([
  "hs_lastmodifieddate",
  "lastmodifieddate",
  "createdate",
  "closedate",
]);
const DEFAULT_PROPERTIES: Record<FakeObject, string[]> = {
  deals: [
    "amount",
    "closedate",
    "createdate",
    "dealname",
    "dealstage",
    "hs_lastmodifieddate",
    "hs_object_id",
    "pipeline",
  ],
  contacts: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
};

export const DEAL_STAGES = [
  { id: "appointmentscheduled", label: "Appointment Scheduled", probability: "0.2" },
  { id: "qualifiedtobuy", label: "Qualified To Buy", probability: "0.4" },
  { id: "presentationscheduled", label: "Presentation Scheduled", probability: "0.6" },
  { id: "decisionmakerboughtin", label: "Decision Maker Bought-In", probability: "0.8" },
  { id: "contractsent", label: "Contract Sent", probability: "0.9" },
  { id: "closedwon", label: "Closed Won", probability: "1.0" },
  { id: "closedlost", label: "Closed Lost", probability: "0.0" },
] as const;

const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
];

function propertyDefinitions(object: FakeObject) {
  const def = (
    name: string,
    label: string,
    type: string,
    fieldType: string,
    options: { label: string; value: string }[] = [],
  ) => ({
    updatedAt: "2024-01-01T00:00:00.000Z",
    createdAt: "2020-01-01T00:00:00.000Z",
    name,
    label,
    type,
    fieldType,
    description: "",
    groupName: object === "deals" ? "dealinformation" : "contactinformation",
    options: options.map((option, index) => ({ ...option, displayOrder: index, hidden: false })),
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined:
      !name.startsWith("customer_") && !name.startsWith("app_") && name !== "nps_score",
    modificationMetadata: { archivable: true, readOnlyDefinition: true, readOnlyValue: false },
    formField: true,
  });
  if (object === "deals") {
    return [
      def("dealname", "Deal Name", "string", "text"),
      def("amount", "Amount", "number", "number"),
      def(
        "dealstage",
        "Deal Stage",
        "enumeration",
        "radio",
        DEAL_STAGES.map((s) => ({ label: s.label, value: s.id })),
      ),
      def("pipeline", "Pipeline", "enumeration", "select", [
        { label: "Sales Pipeline", value: "default" },
      ]),
      def("closedate", "Close Date", "datetime", "date"),
      def("createdate", "Create Date", "datetime", "date"),
      def("hs_lastmodifieddate", "Last Modified Date", "datetime", "date"),
      def("customer_account", "Customer account", "string", "text"),
    ];
  }
  return [
    def("email", "Email", "string", "text"),
    def("firstname", "First Name", "string", "text"),
    def("lastname", "Last Name", "string", "text"),
    def(
      "lifecyclestage",
      "Lifecycle Stage",
      "enumeration",
      "radio",
      LIFECYCLE_STAGES.map((v) => ({ label: v, value: v })),
    ),
    def("createdate", "Create Date", "datetime", "date"),
    def("lastmodifieddate", "Last Modified Date", "datetime", "date"),
    def("nps_score", "NPS score", "number", "number"),
    def("app_user_id", "App user id", "string", "text"),
    def("customer_account", "Customer account", "string", "text"),
  ];
}

function pipelinesBody() {
  return {
    results: [
      {
        label: "Sales Pipeline",
        displayOrder: 0,
        id: "default",
        stages: DEAL_STAGES.map((stage, index) => ({
          label: stage.label,
          displayOrder: index,
          metadata: {
            isClosed: String(stage.id.startsWith("closed")),
            probability: stage.probability,
          },
          id: stage.id,
          createdAt: "2020-01-01T00:00:00.000Z",
          updatedAt: "2020-01-01T00:00:00.000Z",
          archived: false,
          writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
        })),
        createdAt: "2020-01-01T00:00:00.000Z",
        updatedAt: "2020-01-01T00:00:00.000Z",
        archived: false,
      },
    ],
  };
}

let portalCounter = 0;

export async function startFakeHubspot(
  options: { pageSize?: number; resultWindow?: number } = {},
): Promise<FakeHubspot> {
  const resultWindow = options.resultWindow ?? 10_000;
  const portals = new Map<string, PortalState>();
  const requests: RecordedHubspotRequest[] = [];

  interface PortalState extends FakePortal {
    data: Record<FakeObject, Map<string, FakeRecord>>;
    queue: FakeHubspotBehaviour[];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // kept as text; the search rejects it below
    }
    const record: RecordedHubspotRequest = {
      method: req.method ?? "",
      path: url.pathname,
      headers: headersOf(req),
      body,
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      send(res, status, payload, headers);
    };

    const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const portal = token ? portals.get(token) : undefined;
    if (!portal) {
      return reply(401, {
        status: "error",
        message: token
          ? "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
          : "Any of the listed authentication credentials are missing",
        correlationId: correlationId(),
        category: "INVALID_AUTHENTICATION",
      });
    }

    const behaviour = portal.queue.shift();
    if (behaviour?.status === 429) {
      const headers: Record<string, string> = {};
      if (!behaviour.noRetryAfter) {
        headers["retry-after"] = behaviour.retryAfterDate
          ? behaviour.retryAfterDate.toUTCString()
          : String(behaviour.retryAfterSeconds ?? 1);
      }
      return reply(
        429,
        {
          status: "error",
          message: "You have reached your secondly limit.",
          errorType: "RATE_LIMIT",
          correlationId: correlationId(),
          policyName: "SECONDLY",
          groupName: "publicapi",
        },
        headers,
      );
    }
    if (behaviour) {
      return reply(behaviour.status, {
        status: "error",
        message: "internal error",
        correlationId: correlationId(),
        category: "INTERNAL_ERROR",
      });
    }

    const method = req.method ?? "GET";
    const missingScope = (scope: string) =>
      portal.scopes.has(scope)
        ? undefined
        : reply(403, {
            status: "error",
            message:
              "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
            correlationId: correlationId(),
            errors: [
              {
                message: "One or more of the following scopes are required.",
                context: { requiredGranularScopes: [scope] },
              },
            ],
            links: { scopes: "https://developers.hubspot.com/scopes" },
            category: "MISSING_SCOPES",
          });

    if (method === "GET" && url.pathname === "/account-info/v3/details") {
      return reply(200, {
        portalId: portal.portalId,
        accountType: "STANDARD",
        timeZone: "US/Eastern",
        companyCurrency: "USD",
        additionalCurrencies: [],
        utcOffset: "-05:00",
        utcOffsetMilliseconds: -18000000,
        uiDomain: "app.hubspot.com",
        dataHostingLocation: "na1",
      });
    }
    if (method === "GET" && url.pathname === "/crm/v3/pipelines/deals") {
      return missingScope("crm.objects.deals.read") ?? reply(200, pipelinesBody());
    }
    const propertiesMatch = /^\/crm\/v3\/properties\/(deals|contacts)$/.exec(url.pathname);
    if (method === "GET" && propertiesMatch) {
      const object = propertiesMatch[1] as FakeObject;
      const scope = object === "deals" ? "crm.schemas.deals.read" : "crm.objects.contacts.read";
      return missingScope(scope) ?? reply(200, { results: propertyDefinitions(object) });
    }
    const searchMatch = /^\/crm\/v3\/objects\/(deals|contacts)\/search$/.exec(url.pathname);
    if (method === "POST" && searchMatch) {
      const object = searchMatch[1] as FakeObject;
      const denied = missingScope(
        object === "deals" ? "crm.objects.deals.read" : "crm.objects.contacts.read",
      );
      if (denied !== undefined) return denied;
      const result = search(portal.data[object], object, body);
      return "error" in result ? reply(400, result.error) : reply(200, result.page);
    }
    return reply(404, {
      status: "error",
      message: `Unable to route ${method} request with path ${url.pathname}`,
      correlationId: correlationId(),
      category: "OBJECT_NOT_FOUND",
    });
  }

  function search(data: Map<string, FakeRecord>, object: FakeObject, body: unknown) {
    const invalid = (message: string) => ({
      error: {
        status: "error",
        message,
        correlationId: correlationId(),
        category: "VALIDATION_ERROR",
      },
    });
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return invalid(
        "Invalid input JSON on line 1, column 1: Cannot build PublicObjectSearchRequest",
      );
    }
    const request = body as {
      filterGroups?: {
        filters?: {
          propertyName?: string;
          operator?: string;
          value?: string;
          highValue?: string;
        }[];
      }[];
      sorts?: ({ propertyName?: string; direction?: string } | string)[];
      properties?: unknown;
      limit?: unknown;
      after?: unknown;
    };
    const limit = request.limit ?? 10;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 200) {
      return invalid(`limit must be an integer between 1 and 200, got ${JSON.stringify(limit)}`);
    }
    const after = request.after === undefined ? 0 : Number(request.after);
    if (
      typeof request.after !== "undefined" &&
      (typeof request.after !== "string" || !/^\d+$/.test(request.after))
    ) {
      return invalid(`after must be a string of digits, got ${JSON.stringify(request.after)}`);
    }
    if (after + limit > resultWindow) {
      return invalid(
        `The request exceeds the maximum number of results (${resultWindow}): after ${after} + limit ${limit}.`,
      );
    }
    const groups = request.filterGroups ?? [];
    if (!Array.isArray(groups) || groups.length > 5)
      return invalid("filterGroups: at most 5 filter groups");
    if (
      request.sorts !== undefined &&
      (!Array.isArray(request.sorts) || request.sorts.length > 1)
    ) {
      return invalid("sorts: at most one sort is supported");
    }
    if (
      request.properties !== undefined &&
      (!Array.isArray(request.properties) || request.properties.some((p) => typeof p !== "string"))
    ) {
      return invalid("properties must be an array of property names");
    }
    for (const group of groups) {
      for (const filter of group.filters ?? []) {
        if (!filter.propertyName || !OPERATORS.has(filter.operator ?? "")) {
          return invalid(`Invalid filter: ${JSON.stringify(filter)}`);
        }
      }
    }
    let matched = [...data.values()]
      .filter((r) => !r.archived)
      .filter(
        (r) =>
          groups.length === 0 ||
          groups.some((group) =>
            (group.filters ?? []).every((f) =>
              matches(r.properties[f.propertyName!], f.operator!, f.value, f.propertyName!),
            ),
          ),
      );
    const sort = request.sorts?.[0];
    const sortProperty = typeof sort === "string" ? sort.replace(/^-/, "") : sort?.propertyName;
    const descending =
      typeof sort === "string" ? sort.startsWith("-") : sort?.direction === "DESCENDING";
    matched = matched.sort((a, b) => {
      const byProperty = sortProperty
        ? compare(a.properties[sortProperty], b.properties[sortProperty], sortProperty)
        : 0;
      const order = byProperty !== 0 ? byProperty : Number(a.id) - Number(b.id);
      return descending ? -order : order;
    });
    const size = Math.min(limit, options.pageSize ?? limit);
    const slice = matched.slice(after, after + size);
    const wanted = (request.properties as string[] | undefined) ?? DEFAULT_PROPERTIES[object];
    const always = ["hs_object_id", "createdate", MODIFIED[object]];
    const results = slice.map((r) => ({
      id: r.id,
      properties: Object.fromEntries(
        [...new Set([...wanted, ...always])].map((name) => [name, r.properties[name] ?? null]),
      ),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      archived: false,
    }));
    const nextAfter = after + size;
    return {
      page: {
        total: matched.length,
        results,
        ...(nextAfter < matched.length
          ? { paging: { next: { after: String(nextAfter), link: `?after=${nextAfter}` } } }
          : {}),
      },
    };
  }

  const server = await startLocalServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, {
        status: "error",
        message: String(error),
        correlationId: correlationId(),
        category: "INTERNAL_ERROR",
      });
    });
  });

  return {
    url: server.url,
    requests,
    createPortal(portalOptions = {}) {
      portalCounter++;
      const portal: PortalState = {
        token: portalOptions.token ?? `pat-na1-${crypto.randomUUID()}`,
        portalId: portalOptions.portalId ?? 40_000_000 + portalCounter,
        scopes: new Set(portalOptions.scopes ?? HUBSPOT_SCOPES),
        data: { deals: new Map(), contacts: new Map() },
        queue: [],
        upsert(object, id, properties, modifiedAt = new Date()) {
          const at = modifiedAt.toISOString();
          const existing = portal.data[object].get(id);
          const record: FakeRecord = existing ?? {
            id,
            properties: { hs_object_id: id, createdate: at },
            createdAt: at,
            updatedAt: at,
            archived: false,
          };
          const stage = properties.dealstage;
          if (object === "deals" && stage && stage !== record.properties.dealstage) {
            record.properties[`hs_date_entered_${stage}`] = at;
            record.properties[`hs_v2_date_entered_${stage}`] = at;
          }
          Object.assign(record.properties, properties);
          record.properties[MODIFIED[object]] = at;
          record.updatedAt = at;
          portal.data[object].set(id, record);
          return record;
        },
        records(object) {
          return [...portal.data[object].values()];
        },
        enqueue(...behaviours) {
          portal.queue.push(...behaviours);
        },
        revoke() {
          portals.delete(portal.token);
        },
      };
      portals.set(portal.token, portal);
      return portal;
    },
    close: server.close,
  };
}

const OPERATORS = new Set([
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "BETWEEN",
]);

/** Date properties compare as instants (ISO or epoch ms), numbers numerically, the rest as text. */
function comparable(value: string, property: string): number | string {
  if (DATE_PROPERTIES.has(property) || property.startsWith("hs_date_entered_")) {
    const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  return value !== "" && !Number.isNaN(Number(value)) ? Number(value) : value.toLowerCase();
}

function compare(
  a: string | null | undefined,
  b: string | null | undefined,
  property: string,
): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  const x = comparable(a, property);
  const y = comparable(b, property);
  return x < y ? -1 : x > y ? 1 : 0;
}

function matches(
  actual: string | null | undefined,
  operator: string,
  value: string | undefined,
  property: string,
): boolean {
  if (operator === "HAS_PROPERTY") return actual != null && actual !== "";
  if (operator === "NOT_HAS_PROPERTY") return actual == null || actual === "";
  if (actual == null || value === undefined) return false;
  const order = compare(actual, value, property);
  switch (operator) {
    case "EQ":
      return order === 0;
    case "NEQ":
      return order !== 0;
    case "LT":
      return order < 0;
    case "LTE":
      return order <= 0;
    case "GT":
      return order > 0;
    case "GTE":
      return order >= 0;
    default:
      return false;
  }
}

function correlationId(): string {
  return crypto.randomUUID();
}

/** HubSpot's JSON replies name their charset. */
function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, { "content-type": "application/json;charset=utf-8", ...headers });
}
