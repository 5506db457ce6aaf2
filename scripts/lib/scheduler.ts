import type { Sql } from "postgres";
import { parseCron, type CronSchedule } from "./cron";
import { log } from "./log";

interface ScheduledJob {
  name: string;
  schedule: string;
  command: string;
}

export interface Scheduler {
  mode: "pg_cron" | "in-process";
  jobs: string[];
  stop(): void;
}

/**
 * Runs private.scheduled_jobs. Where pg_cron is installed the database runs them itself and this
 * only (re)registers them; elsewhere the same rows run here, on the same schedules, at the top of
 * each minute.
 */
export async function startScheduler(
  sql: Sql,
  options: { functions?: FunctionsTarget } = {},
): Promise<Scheduler> {
  const jobs = await sql<
    ScheduledJob[]
  >`select name, schedule, command from private.scheduled_jobs order by name`;
  const [{ active }] = await sql<[{ active: boolean }]>`select private.pg_cron_active() as active`;
  if (active) {
    await sql`select private.sync_cron_jobs()`;
    log("scheduler", `pg_cron runs ${jobs.length} job(s)`);
    // Without pg_net, jobs that call an edge function queue the call for this process to send.
    const functions = options.functions;
    const poll = functions
      ? setInterval(() => void sendQueuedFunctionCalls(sql, functions), 60_000)
      : undefined;
    return { mode: "pg_cron", jobs: jobs.map((job) => job.name), stop: () => clearInterval(poll) };
  }

  const compiled = jobs.map((job) => ({ ...job, cron: parseCron(job.schedule) }));
  const running = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = new Date();
    for (const job of dueJobs(compiled, now)) {
      if (running.has(job.name)) continue; // an overrunning job is not started twice
      running.add(job.name);
      const started = Date.now();
      sql
        .unsafe(job.command)
        .then(async () => {
          log("scheduler", `${job.name} finished in ${Date.now() - started} ms`);
          if (options.functions) await sendQueuedFunctionCalls(sql, options.functions);
        })
        .catch((error: unknown) =>
          log("scheduler", `${job.name} failed: ${(error as Error).message}`),
        )
        .finally(() => running.delete(job.name));
    }
    timer = setTimeout(tick, msUntilNextMinute(new Date()));
  };
  timer = setTimeout(tick, msUntilNextMinute(new Date()));
  log("scheduler", `in-process scheduler runs ${jobs.length} job(s) (no pg_cron in this database)`);
  return {
    mode: "in-process",
    jobs: jobs.map((job) => job.name),
    stop: () => clearTimeout(timer),
  };
}

/** Where queued edge function calls go: the functions' base URL and the service key. */
export interface FunctionsTarget {
  /** e.g. http://127.0.0.1:54321/functions/v1 */
  url: string;
  serviceKey: string;
}

/**
 * Sends the edge function calls scheduled jobs queued with private.invoke_edge_function (where
 * the database has no pg_net to make them itself), oldest first, as the service role. A call is
 * taken off the queue before it is sent: a job's next run makes it again, so a call that fails
 * is logged, not retried. Returns how many were sent.
 */
export async function sendQueuedFunctionCalls(sql: Sql, target: FunctionsTarget): Promise<number> {
  let sent = 0;
  for (;;) {
    const calls = await sql<{ id: string; function_name: string; body: unknown }[]>`
      delete from private.edge_function_calls
      where id in (select id from private.edge_function_calls order by id limit 10 for update skip locked)
      returning id, function_name, body`;
    if (calls.length === 0) return sent;
    for (const call of calls) {
      try {
        const res = await fetch(`${target.url}/${call.function_name}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${target.serviceKey}`,
            apikey: target.serviceKey,
            "content-type": "application/json",
          },
          body: JSON.stringify(call.body),
          signal: AbortSignal.timeout(300_000),
        });
        await res.body?.cancel();
        log("scheduler", `${call.function_name} answered ${res.status}`);
      } catch (error) {
        log("scheduler", `${call.function_name} could not be called: ${(error as Error).message}`);
      }
      sent++;
    }
  }
}

export function dueJobs<T extends { cron: CronSchedule }>(jobs: T[], at: Date): T[] {
  return jobs.filter((job) => job.cron.matches(at));
}

function msUntilNextMinute(now: Date): number {
  return 60_000 - (now.getTime() % 60_000) + 50;
}
