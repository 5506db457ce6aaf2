/**
 * The incremental sync loop, independent of the database (the caller commits each page):
 *
 * For each object with mappings (deals, then contacts), search records modified at or after the
 * cursor (`GTE`, sorted by last-modified ascending), page through `paging.next.after`, and hand
 * each page to `commitPage` with its outcomes and the new cursor (its last record). Records at the
 * cursor's exact millisecond are read again next time; their outcomes' keys make that harmless.
 * A search pages through at most 10,000 results, so before that window runs out the query starts
 * again from the cursor.
 *
 * It stops early, leaving the cursor where the last committed page put it, when the deadline
 * passes (`incomplete`), when HubSpot asks to wait longer than the client waits in place
 * (`rate_limited`, with `retryAt`), or on an error (`failed`).
 */
import {
  HubSpotAuthError,
  type HubSpotClient,
  HubSpotError,
  type HubSpotObject,
  HubSpotRateLimitError,
  MAX_SEARCH_LIMIT,
  MODIFIED_PROPERTY,
  SEARCH_RESULT_WINDOW,
  type SearchRequest,
} from "./client.ts";
import {
  type HubSpotMapping,
  modifiedAt,
  type OutcomeRow,
  outcomesForRecord,
  propertiesToRead,
} from "./mapping.ts";

export interface ObjectCursor {
  /** ISO 8601: the last-modified time of the last record read. */
  modified_at: string;
  id: string;
}
export type SyncCursor = Partial<Record<HubSpotObject, ObjectCursor>>;

export interface PageCommit {
  object: HubSpotObject;
  cursor: ObjectCursor | null;
  records: number;
  outcomes: OutcomeRow[];
}

export interface SyncOptions {
  client: HubSpotClient;
  mappings: HubSpotMapping[];
  portalId: string;
  cursor: SyncCursor;
  /** Stores a page's outcomes and cursor together; returns how many outcomes were new. */
  commitPage: (page: PageCommit) => Promise<number>;
  /** Records per search page (at most 200). Default 100. */
  pageSize?: number;
  /** Epoch ms after which no new page is started. */
  deadline?: number;
  now?: () => number;
  /** HubSpot's 10,000; smaller in tests. */
  resultWindow?: number;
}

export type SyncStatus = "succeeded" | "incomplete" | "rate_limited" | "failed";

export interface SyncResult {
  status: SyncStatus;
  pages: number;
  records: number;
  outcomesWritten: number;
  cursor: SyncCursor;
  error?: string;
  /** With rate_limited: when HubSpot will take requests again. */
  retryAt?: Date;
  /** HubSpot refused the token (401). */
  tokenRejected?: boolean;
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const pageSize = Math.min(Math.max(options.pageSize ?? 100, 1), MAX_SEARCH_LIMIT);
  const window = options.resultWindow ?? SEARCH_RESULT_WINDOW;
  const cursor: SyncCursor = { ...options.cursor };
  const result: SyncResult = {
    status: "succeeded",
    pages: 0,
    records: 0,
    outcomesWritten: 0,
    cursor,
  };
  const objects = (["deals", "contacts"] as const).filter((object) =>
    options.mappings.some((mapping) => mapping.object === object)
  );

  try {
    for (const object of objects) {
      const modified = MODIFIED_PROPERTY[object];
      const properties = propertiesToRead(object, options.mappings);
      let start = cursor[object];
      let after: string | undefined;
      for (;;) {
        if (options.deadline !== undefined && now() >= options.deadline) {
          result.status = "incomplete";
          return result;
        }
        const request: SearchRequest = {
          filterGroups: start
            ? [{
              filters: [{
                propertyName: modified,
                operator: "GTE",
                value: String(Date.parse(start.modified_at)),
              }],
            }]
            : [],
          sorts: [{ propertyName: modified, direction: "ASCENDING" }],
          properties,
          limit: pageSize,
          ...(after === undefined ? {} : { after }),
        };
        const page = await options.client.search(object, request);
        const last = page.results.at(-1);
        const pageCursor = last ? { modified_at: modifiedAt(object, last), id: last.id } : null;
        const outcomes = page.results.flatMap((record) =>
          outcomesForRecord(object, record, options.mappings, options.portalId)
        );
        result.outcomesWritten += await options.commitPage({
          object,
          cursor: pageCursor,
          records: page.results.length,
          outcomes,
        });
        result.pages++;
        result.records += page.results.length;
        if (pageCursor) cursor[object] = pageCursor;

        const next = page.paging?.next?.after;
        if (next === undefined || page.results.length === 0) break;
        if (Number(next) + pageSize > window) {
          // Start the query again from here; without progress it would loop for ever.
          if (!pageCursor || pageCursor.modified_at === start?.modified_at) {
            throw new HubSpotError(
              400,
              "VALIDATION_ERROR",
              `More than ${window} ${object} share the last-modified time ${pageCursor?.modified_at}: HubSpot's search cannot page past them.`,
            );
          }
          start = pageCursor;
          after = undefined;
        } else {
          after = next;
        }
      }
    }
  } catch (error) {
    if (error instanceof HubSpotRateLimitError) {
      result.status = "rate_limited";
      result.retryAt = new Date(now() + error.retryAfterMs);
      result.error = error.message;
    } else if (error instanceof HubSpotError) {
      result.status = "failed";
      result.error = error.message;
      result.tokenRejected = error instanceof HubSpotAuthError;
    } else {
      throw error;
    }
  }
  return result;
}
