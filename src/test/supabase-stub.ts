import type { Session } from "@supabase/supabase-js";

/**
 * A stand-in for the supabase-js client, for component tests: it records every query and RPC
 * and answers with what the test configured, so the feature's own API functions, hooks and
 * components run unchanged. Use it in place of "@/lib/supabase":
 *
 *   vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));
 */

export interface StubResponse {
  data: unknown;
  error: { message: string; code?: string } | null;
  status?: number;
}

export interface RecordedQuery {
  table: string;
  operation: "select" | "insert" | "update" | "delete";
  /** Columns passed to select(), also when it asks for the written rows back. */
  columns: string | undefined;
  values: unknown;
  /** Every filter, order and range call, in order: ["eq", "organization_id", "org-1"]. */
  modifiers: Array<[string, ...unknown[]]>;
}

export interface RecordedRpc {
  fn: string;
  args: unknown;
}

type QueryResponder = (query: RecordedQuery) => StubResponse | Promise<StubResponse>;
type RpcResponder = (args: unknown) => StubResponse | Promise<StubResponse>;

const MODIFIERS = [
  "eq",
  "neq",
  "is",
  "in",
  "gt",
  "gte",
  "lt",
  "lte",
  "order",
  "range",
  "limit",
  "single",
  "maybeSingle",
];

function respond(response: StubResponse) {
  const status = response.status ?? (response.error ? 400 : 200);
  return {
    data: response.error ? null : response.data,
    error: response.error,
    status,
    count: null,
    statusText: "",
  };
}

export function rows(data: unknown[]): StubResponse {
  return { data, error: null };
}

export function failure(code: string, message: string, status = 403): StubResponse {
  return { data: null, error: { code, message }, status };
}

function createSupabaseStub() {
  let tableResponders = new Map<string, QueryResponder>();
  let rpcResponders = new Map<string, RpcResponder>();
  let session: Session | null = null;
  const queries: RecordedQuery[] = [];
  const rpcs: RecordedRpc[] = [];

  function from(table: string) {
    const query: RecordedQuery = {
      table,
      operation: "select",
      columns: undefined,
      values: undefined,
      modifiers: [],
    };
    const builder: Record<string, unknown> = {
      select(columns?: string) {
        query.columns = columns;
        return builder;
      },
      insert(values: unknown) {
        query.operation = "insert";
        query.values = values;
        return builder;
      },
      update(values: unknown) {
        query.operation = "update";
        query.values = values;
        return builder;
      },
      delete() {
        query.operation = "delete";
        return builder;
      },
      then(onFulfilled: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
        queries.push(query);
        const responder = tableResponders.get(table) ?? (() => rows([]));
        return Promise.resolve(responder(query)).then(respond).then(onFulfilled, onRejected);
      },
    };
    for (const modifier of MODIFIERS) {
      builder[modifier] = (...args: unknown[]) => {
        query.modifiers.push([modifier, ...args]);
        return builder;
      };
    }
    return builder;
  }

  const client = {
    from,
    async rpc(fn: string, args?: unknown) {
      rpcs.push({ fn, args });
      const responder = rpcResponders.get(fn);
      if (!responder) throw new Error(`supabase stub: no response configured for rpc ${fn}`);
      return respond(await responder(args));
    },
    auth: {
      async getSession() {
        return { data: { session }, error: null };
      },
      onAuthStateChange() {
        return { data: { subscription: { unsubscribe() {} } } };
      },
    },
  };

  return {
    client,
    /** Every query the code under test ran, in order. */
    queries,
    rpcs,
    onTable(table: string, responder: QueryResponder) {
      tableResponders.set(table, responder);
    },
    onRpc(fn: string, responder: RpcResponder) {
      rpcResponders.set(fn, responder);
    },
    signIn(user: { id: string; email: string }) {
      session = { user: { id: user.id, email: user.email } } as Session;
    },
    reset() {
      tableResponders = new Map();
      rpcResponders = new Map();
      session = null;
      queries.length = 0;
      rpcs.length = 0;
    },
  };
}

export const supabaseStub = createSupabaseStub();

/** What "@/lib/supabase" exports, with the stub as the client. */
export const supabaseModule = { supabase: supabaseStub.client };
