/**
 * A local stand-in for the `ingest` and `resolve` edge functions, for the SDK's tests: node:http
 * on 127.0.0.1:0. It validates every batch with the real contract (validateBatch), keeps
 * idempotency keys like the real function must (same key → same id, `duplicate`), and misbehaves
 * on demand: 5xx, 429 with Retry-After, connections dropped before or after storing the batch.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type IngestResult,
  MAX_BATCH_BYTES,
  validateBatch,
} from "../../../supabase/functions/_shared/ingest-events.ts";

export const API_KEY = "cw_testprefix_secret";

/** What the server does with one request. Requests beyond the plan get "ok". */
export type Behaviour =
  | "ok"
  /** Close the connection without reading the batch: nothing is stored. */
  | "drop-before"
  /** Store the batch, then close the connection without answering. */
  | "drop-after"
  /** Answer this status (and headers/body) without storing anything. */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Store the batch, answer after `ms`. */
  | { delayMs: number };

export interface StoredEvent {
  id: string;
  key: string;
  /** The event as received, serialized: a duplicate must be byte-for-byte the same event. */
  json: string;
  event: { type: string } & Record<string, unknown>;
}

export interface RequestLog {
  path: string;
  authorization: string | undefined;
  keys: string[];
  bytes: number;
  behaviour: Behaviour;
}

export interface FakeIngestServer {
  url: string;
  plan: Behaviour[];
  /** Accepted events by idempotency key (each stored once). */
  stored: Map<string, StoredEvent>;
  /** How many times each key reached the server (in requests that were read). */
  deliveries: Map<string, number>;
  requests: RequestLog[];
  resolveResponses: { status: number; body: unknown }[];
  resolveRequests: unknown[];
  close(): Promise<void>;
}

export async function startFakeIngestServer(): Promise<FakeIngestServer> {
  const state = {
    plan: [] as Behaviour[],
    stored: new Map<string, StoredEvent>(),
    deliveries: new Map<string, number>(),
    requests: [] as RequestLog[],
    resolveResponses: [] as { status: number; body: unknown }[],
    resolveRequests: [] as unknown[],
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: "internal_error", message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const behaviour = state.plan.shift() ?? "ok";
    const log: RequestLog = {
      path,
      authorization: req.headers.authorization,
      keys: [],
      bytes: 0,
      behaviour,
    };
    state.requests.push(log);
    if (behaviour === "drop-before") {
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    log.bytes = raw.byteLength;
    const text = raw.toString("utf8");

    if (path === "/functions/v1/resolve") {
      state.resolveRequests.push(JSON.parse(text));
      const next = state.resolveResponses.shift() ?? { status: 500, body: {} };
      const answer = typeof behaviour === "object" && "status" in behaviour ? behaviour : next;
      return send(res, answer.status, answer.body, "headers" in answer ? answer.headers : {});
    }
    if (path !== "/functions/v1/ingest" || req.method !== "POST") {
      return send(res, 404, { error: { code: "not_found", message: path } });
    }
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      return send(res, 401, {
        error: { code: "invalid_api_key", message: "The API key is not valid." },
      });
    }
    if (raw.byteLength > MAX_BATCH_BYTES) {
      return send(res, 413, { error: { code: "batch_too_large", message: "Too large." } });
    }
    const json = JSON.parse(text) as { events?: unknown[] };
    log.keys = (json.events ?? []).map((e) =>
      String((e as { idempotency_key?: unknown }).idempotency_key),
    );
    for (const key of log.keys) state.deliveries.set(key, (state.deliveries.get(key) ?? 0) + 1);

    if (typeof behaviour === "object" && "status" in behaviour) {
      return send(
        res,
        behaviour.status,
        behaviour.body ?? { error: { code: `http_${behaviour.status}`, message: "planned" } },
        behaviour.headers,
      );
    }

    const batch = validateBatch(json, new Date());
    if (!batch.ok) return send(res, batch.error.status, { error: batch.error });
    const results: IngestResult[] = batch.results.map((result) => {
      if (result.status === "rejected") {
        return {
          index: result.index,
          idempotency_key: result.idempotency_key,
          status: "rejected",
          errors: result.errors,
        };
      }
      const eventJson = JSON.stringify((json.events ?? [])[result.index]);
      const earlier = state.stored.get(result.idempotency_key);
      if (earlier) {
        if (earlier.json !== eventJson) {
          return {
            index: result.index,
            idempotency_key: result.idempotency_key,
            status: "rejected",
            errors: [
              { field: "idempotency_key", reason: "was already used for a different event" },
            ],
          };
        }
        return {
          index: result.index,
          idempotency_key: result.idempotency_key,
          status: "duplicate",
          id: earlier.id,
        };
      }
      const event = result.event as { type: string } & Record<string, unknown>;
      const id =
        event.type === "run" ? ((event.run as { id?: string }).id ?? randomUUID()) : randomUUID();
      state.stored.set(result.idempotency_key, {
        id,
        key: result.idempotency_key,
        json: eventJson,
        event,
      });
      return {
        index: result.index,
        idempotency_key: result.idempotency_key,
        status: "accepted",
        id,
      };
    });

    if (behaviour === "drop-after") {
      req.socket.destroy();
      return;
    }
    if (typeof behaviour === "object" && "delayMs" in behaviour) {
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    }
    send(res, 200, { results });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get plan() {
      return state.plan;
    },
    set plan(value: Behaviour[]) {
      state.plan = value;
    },
    stored: state.stored,
    deliveries: state.deliveries,
    requests: state.requests,
    resolveResponses: state.resolveResponses,
    resolveRequests: state.resolveRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
