// Loads the demo year of Acme Commerce events (scripts/lib/demo-data-model.ts) into the database
// with COPY, in one transaction that first removes the previous demo rows: loading again never
// duplicates anything, and a failed load leaves the old data in place. See docs/demo-data.md.
import type { Sql, TransactionSql } from "postgres";
import {
  generateConversations,
  planDemo,
  type Conversation,
  type DemoPlan,
  type GenerateOptions,
  type ServingContext,
} from "./demo-data-model";
import { copyInto, copyLine, LLM_RUN_COLUMNS, llmRunLine, md5Uuid } from "./copy";
import { log } from "./log";

export const DEMO_SEED = 20261121;
/** The size `npm run dev` and the test stack load: a year in a few seconds. */
export const QUICK_RUNS = 60_000;
/** Every demo row's idempotency key starts with this; nothing else in Acme uses it. */
export const DEMO_KEY_PREFIX = "demo-";

export interface LoadOptions {
  runs?: number;
  seed?: number;
  /** End of the demo year; now by default. */
  end?: Date;
  /** Regenerate even when the same data is already there. */
  force?: boolean;
  /**
   * What happens to the rollups afterwards (default "now"):
   * - "now": refresh them before returning.
   * - "scheduled": where the rollups have never run, leave the loaded rows to the scheduled
   *   analytics.refresh-rollups job: until it has run, every row is in the tail the analytics
   *   RPCs read raw, so the dashboards are complete at once. Where they have run, as "now".
   * - "skip": only for a reload of the very same rows (same seed, size and end), whose
   *   aggregates the rollups already hold.
   */
  rollups?: "now" | "scheduled" | "skip";
}

export interface LoadResult {
  skipped: boolean;
  runs: number;
  outcomes: number;
  feedback: number;
  lifecycle: number;
  exposures: number;
  /** Generating and writing the rows. */
  seconds: number;
  /** private.refresh_rollups() afterwards; null where it does not exist (or nothing loaded). */
  rollupSeconds: number | null;
  plan: DemoPlan;
}

export async function loadServingContext(sql: Sql | TransactionSql): Promise<ServingContext> {
  const [org] = await sql<{ id: string }[]>`
    select id from public.organizations where slug = 'acme-commerce'`;
  if (!org) throw new Error("Acme Commerce is missing: load supabase/seed.sql first");
  const experiments = await sql<ServingContext["experiments"]>`
    select e.id, c.key as capability, e.salt, e.activated_at as "activatedAt",
           e.paused_at as "pausedAt", e.archived_at as "archivedAt"
    from public.experiments e join public.capabilities c on c.id = e.capability_id
    where e.organization_id = ${org.id} order by e.created_at, e.id`;
  const variants = await sql<ServingContext["variants"]>`
    select v.id, v.experiment_id as "experimentId", v.key, v.version_id as "versionId",
           v.allocation_bp as "allocationBp", v.position, v.is_control as "isControl"
    from public.experiment_variants v
    where v.organization_id = ${org.id} order by v.experiment_id, v.position, v.key`;
  const versions = await sql<ServingContext["versions"]>`
    select v.id, v.provider::text as provider, v.model, v.max_tokens as "maxTokens",
           coalesce(array(select t.value -> 'function' ->> 'name' from jsonb_array_elements(v.tools) t
                          where t.value -> 'function' ->> 'name' is not null), '{}') as tools
    from public.experiment_versions v where v.organization_id = ${org.id} order by v.created_at, v.id`;
  const deployments = await sql<ServingContext["deployments"]>`
    select d.id, c.key as capability, a.key as action, i.key as intent, d.version_id as "versionId",
           d.experiment_id as "experimentId", d.kind::text as kind,
           d.replaced_deployment_id as "replacedDeploymentId", d.deployed_at as "deployedAt",
           d.superseded_at as "supersededAt"
    from public.deployments d
    join public.capabilities c on c.id = d.capability_id
    left join public.actions a on a.id = d.action_id
    left join public.intents i on i.id = d.intent_id
    where d.organization_id = ${org.id} order by d.deployed_at, d.id`;
  return {
    organizationId: org.id,
    experiments: [...experiments],
    variants: [...variants],
    versions: [...versions],
    deployments: [...deployments],
  };
}

interface TableSpec {
  table: string;
  columns: readonly string[];
  rows(conversation: Conversation, organizationId: string): string;
}

// received_at = occurred_at: the history arrived as it happened. event_hash is md5 of the event as
// sent; demo rows were never sent, so: of the key.
const TABLES: TableSpec[] = [
  {
    table: "public.llm_runs",
    columns: LLM_RUN_COLUMNS,
    rows: (c, org) =>
      c.runs
        .map((r) =>
          llmRunLine({
            id: r.id,
            organization_id: org,
            idempotency_key: r.idempotencyKey,
            event_hash: md5Uuid(r.idempotencyKey),
            occurred_at: r.occurredAt,
            received_at: r.occurredAt,
            external_id: null,
            conversation_id: r.conversationId,
            account: r.account,
            end_user_id: r.endUserId,
            capability: r.capability,
            action: r.action,
            intent: r.intent,
            experiment_id: r.experimentId,
            variant_id: r.variantId,
            version_id: r.versionId,
            provider: r.provider,
            model: r.model,
            latency_ms: r.latencyMs,
            ttft_ms: r.ttftMs,
            tokens_in: r.tokensIn,
            tokens_out: r.tokensOut,
            tokens_cached: r.tokensCached,
            cost_usd: r.costUsd,
            status: r.status,
            error_type: r.errorType,
            error_message: r.errorMessage,
            is_manual: r.isManual,
            tool_calls: r.toolCalls,
            question: r.question,
            response: r.response,
            metadata: r.metadata,
          }),
        )
        .join(""),
  },
  {
    table: "public.run_lifecycle_events",
    columns: [
      "organization_id",
      "idempotency_key",
      "event_hash",
      "type",
      "occurred_at",
      "received_at",
      "run_id",
      "duration_ms",
      "error_type",
      "error_message",
    ],
    rows: (c, org) =>
      c.lifecycle
        .map((e) =>
          copyLine([
            org,
            e.idempotencyKey,
            md5Uuid(e.idempotencyKey),
            e.type,
            e.occurredAt,
            e.occurredAt,
            e.runId,
            e.durationMs,
            e.errorType,
            e.errorMessage,
          ]),
        )
        .join(""),
  },
  {
    table: "public.outcomes",
    columns: [
      "organization_id",
      "idempotency_key",
      "event_hash",
      "metric_key",
      "value",
      "occurred_at",
      "received_at",
      "run_id",
      "conversation_id",
      "end_user_id",
      "account",
      "source",
    ],
    rows: (c, org) =>
      c.outcomes
        .map((o) =>
          copyLine([
            org,
            o.idempotencyKey,
            md5Uuid(o.idempotencyKey),
            o.metricKey,
            o.value,
            o.occurredAt,
            o.occurredAt,
            o.runId,
            o.conversationId,
            o.endUserId,
            o.account,
            "api",
          ]),
        )
        .join(""),
  },
  {
    table: "public.feedback",
    columns: [
      "organization_id",
      "idempotency_key",
      "event_hash",
      "occurred_at",
      "received_at",
      "run_id",
      "thumbs",
      "rating",
      "comment",
      "end_user_id",
    ],
    rows: (c, org) =>
      c.feedback
        .map((f) =>
          copyLine([
            org,
            f.idempotencyKey,
            md5Uuid(f.idempotencyKey),
            f.occurredAt,
            f.occurredAt,
            f.runId,
            f.thumbs,
            f.rating,
            f.comment,
            f.endUserId,
          ]),
        )
        .join(""),
  },
];

/** Up to this many runs, the year is generated once and kept in memory for all the tables. */
const IN_MEMORY_RUNS = 250_000;

/**
 * Streams one table's rows of the whole demo year into COPY. Above IN_MEMORY_RUNS the generator
 * runs again for each table (it is deterministic), so memory stays flat at any scale. Returns the
 * number of rows.
 */
async function copyTable(
  tx: TransactionSql,
  spec: TableSpec,
  organizationId: string,
  conversations: Iterable<Conversation>,
  onConversation?: (conversation: Conversation) => void,
): Promise<number> {
  const copy = await copyInto(tx, spec.table, spec.columns);
  let rows = 0;
  let chunk = "";
  for (const conversation of conversations) {
    onConversation?.(conversation);
    const text = spec.rows(conversation, organizationId);
    if (!text) continue;
    rows += text.split("\n").length - 1;
    chunk += text;
    if (chunk.length > 1 << 20) {
      await copy.write(chunk);
      chunk = "";
    }
  }
  await copy.end(chunk);
  return rows;
}

export interface LoadedDemo {
  seed: number;
  runs: number;
  end: Date;
}

/** What the demo data in Acme was generated with (kept on its first run), or null if none. */
export async function loadedDemo(sql: Sql | TransactionSql): Promise<LoadedDemo | null> {
  const [row] = await sql<{ seed: string; runs: number; end: string }[]>`
    select r.metadata -> 'demo_data' ->> 'seed' as seed,
           (r.metadata -> 'demo_data' ->> 'runs')::int as runs,
           r.metadata -> 'demo_data' ->> 'end' as end
    from public.llm_runs r join public.organizations o on o.id = r.organization_id
    where o.slug = 'acme-commerce' and r.idempotency_key = ${DEMO_KEY_PREFIX + "run-0"}`;
  return row ? { seed: Number(row.seed), runs: row.runs, end: new Date(row.end) } : null;
}

/**
 * Loads `runs` demo runs (and their outcomes, feedback, lifecycle events and exposures) into Acme
 * Commerce, unless data of the same seed and size (and end, when given) is there already: then it
 * is a no-op. Replaces the previous demo rows in the same transaction; data Acme ingested itself
 * is left alone.
 */
export async function loadDemoData(sql: Sql, options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const generate: GenerateOptions = {
    runs: options.runs ?? QUICK_RUNS,
    seed: options.seed ?? DEMO_SEED,
    end: options.end ?? new Date(),
  };
  if (!Number.isInteger(generate.runs) || generate.runs < 1) {
    throw new Error(`runs must be a positive integer, got ${generate.runs}`);
  }
  const context = await loadServingContext(sql);
  const loaded = await loadedDemo(sql);
  if (
    !options.force &&
    loaded &&
    loaded.seed === generate.seed &&
    loaded.runs === generate.runs &&
    (!options.end || loaded.end.getTime() === options.end.getTime())
  ) {
    return {
      skipped: true,
      runs: loaded.runs,
      outcomes: 0,
      feedback: 0,
      lifecycle: 0,
      exposures: 0,
      seconds: (performance.now() - started) / 1000,
      rollupSeconds: null,
      plan: planDemo(context, loaded.end),
    };
  }
  const plan = planDemo(context, generate.end);

  const org = context.organizationId;
  const prefix = DEMO_KEY_PREFIX + "%";
  const counts = await sql.begin(async (tx) => {
    // Two loads at once (dev start and the CLI, say) take turns instead of colliding on keys.
    await tx`select pg_advisory_xact_lock(hashtext('causeway:demo-data'))`;
    const rollupState = await lockRollupState(tx);
    // Exposures have no idempotency key: those of the demo runs' units go first.
    await tx`
      delete from public.exposures x
      using (select distinct experiment_id, end_user_id from public.llm_runs
             where organization_id = ${org} and idempotency_key like ${prefix}
               and experiment_id is not null) r
      where x.organization_id = ${org} and x.experiment_id = r.experiment_id and x.unit_id = r.end_user_id`;
    for (const table of ["outcomes", "feedback", "run_lifecycle_events", "llm_runs"]) {
      await tx`delete from ${tx("public." + table)}
               where organization_id = ${org} and idempotency_key like ${prefix}`;
    }

    // Exposures: each unit's first and last assignment, gathered while the runs stream.
    const exposures = new Map<
      string,
      {
        experimentId: string;
        unitId: string;
        variantId: string;
        versionId: string;
        first: Date;
        last: Date;
      }
    >();
    const cached =
      generate.runs <= IN_MEMORY_RUNS ? [...generateConversations(context, generate)] : null;
    const year = () => cached ?? generateConversations(context, generate);
    const runs = await copyTable(tx, TABLES[0]!, org, year(), (conversation) => {
      for (const run of conversation.runs) {
        if (!run.experimentId || !run.variantId || !run.versionId) continue;
        const key = `${run.experimentId}|${run.endUserId}`;
        const seen = exposures.get(key);
        if (!seen) {
          exposures.set(key, {
            experimentId: run.experimentId,
            unitId: run.endUserId,
            variantId: run.variantId,
            versionId: run.versionId,
            first: run.occurredAt,
            last: run.occurredAt,
          });
        } else {
          if (run.occurredAt < seen.first) seen.first = run.occurredAt;
          if (run.occurredAt > seen.last) seen.last = run.occurredAt;
        }
      }
    });
    const lifecycle = await copyTable(tx, TABLES[1]!, org, year());
    const outcomes = await copyTable(tx, TABLES[2]!, org, year());
    const feedback = await copyTable(tx, TABLES[3]!, org, year());

    // A unit resolve already assigned keeps its row: the assignment is the same (same hash).
    const rows = [...exposures.values()].map((e) => ({
      experiment_id: e.experimentId,
      unit_id: e.unitId,
      variant_id: e.variantId,
      version_id: e.versionId,
      first_exposed_at: e.first.toISOString(),
      last_exposed_at: e.last.toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 5000) {
      await tx`
        insert into public.exposures (experiment_id, unit_id, organization_id, variant_id, version_id,
                                      first_exposed_at, last_exposed_at)
        select x.experiment_id, x.unit_id, ${org}, x.variant_id, x.version_id, x.first_exposed_at,
               x.last_exposed_at
        from jsonb_to_recordset(${tx.json(rows.slice(i, i + 5000))}) as x (
          experiment_id uuid, unit_id text, variant_id uuid, version_id uuid,
          first_exposed_at timestamptz, last_exposed_at timestamptz)
        on conflict (experiment_id, unit_id) do nothing`;
    }
    if (rollupState.exists && !rollupState.neverRan && options.rollups !== "skip") {
      // received_at = occurred_at: rows older than the watermark, which a refresh never looks
      // at unless it is moved back (and the analytics RPCs read as raw tail until then).
      await tx`update private.rollup_state set watermark = least(watermark, ${plan.start})`;
    }
    return {
      runs,
      lifecycle,
      outcomes,
      feedback,
      exposures: rows.length,
      rollupsNeverRan: rollupState.neverRan,
    };
  });

  await sql`analyze public.llm_runs, public.outcomes, public.feedback, public.run_lifecycle_events, public.exposures`;
  const seconds = (performance.now() - started) / 1000;
  const { rollupsNeverRan, ...written } = counts;
  const refreshNow =
    options.rollups === undefined ||
    options.rollups === "now" ||
    (options.rollups === "scheduled" && !rollupsNeverRan);
  const rollupSeconds = refreshNow ? await refreshRollups(sql) : null;
  return {
    skipped: false,
    ...written,
    seconds,
    rollupSeconds,
    plan,
  };
}

/**
 * Holds the rollups' watermark row until the load commits, so a scheduled refresh cannot run in
 * between and move the watermark past rows it never saw. `neverRan`: no refresh has run yet, so
 * every row counts as new to the first one.
 */
async function lockRollupState(
  tx: TransactionSql,
): Promise<{ exists: boolean; neverRan: boolean }> {
  const [found] = await tx<{ exists: boolean }[]>`
    select to_regclass('private.rollup_state') is not null as exists`;
  if (!found?.exists) return { exists: false, neverRan: true };
  const [state] = await tx<{ never_ran: boolean }[]>`
    select watermark = '-infinity' as never_ran from private.rollup_state for update`;
  return { exists: true, neverRan: state?.never_ran ?? true };
}

/** private.refresh_rollups(), where it exists; seconds taken (or null). */
async function refreshRollups(sql: Sql): Promise<number | null> {
  const [found] = await sql<{ refresh: boolean }[]>`
    select to_regprocedure('private.refresh_rollups()') is not null as refresh`;
  if (!found?.refresh) return null;
  const started = performance.now();
  await sql`select private.refresh_rollups()`;
  return (performance.now() - started) / 1000;
}

/** The loader as the stack calls it: one line in the log either way. */
export async function ensureDemoData(sql: Sql, options: LoadOptions = {}): Promise<LoadResult> {
  const result = await loadDemoData(sql, options);
  log(
    "demo-data",
    result.skipped
      ? `${result.runs.toLocaleString("en")} demo runs already loaded`
      : `${result.runs.toLocaleString("en")} runs, ${result.outcomes.toLocaleString("en")} outcomes, ` +
          `${result.feedback.toLocaleString("en")} feedback, ${result.lifecycle.toLocaleString("en")} lifecycle events, ` +
          `${result.exposures.toLocaleString("en")} exposures in ${result.seconds.toFixed(1)} s` +
          (result.rollupSeconds !== null
            ? `; rollups refreshed in ${result.rollupSeconds.toFixed(1)} s`
            : options.rollups === "scheduled"
              ? "; the scheduled job rolls them up (dashboards read them raw until then)"
              : ""),
  );
  return result;
}
