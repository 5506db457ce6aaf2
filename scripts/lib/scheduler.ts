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
export async function startScheduler(sql: Sql): Promise<Scheduler> {
  const jobs = await sql<
    ScheduledJob[]
  >`select name, schedule, command from private.scheduled_jobs order by name`;
  const [{ active }] = await sql<[{ active: boolean }]>`select private.pg_cron_active() as active`;
  if (active) {
    await sql`select private.sync_cron_jobs()`;
    log("scheduler", `pg_cron runs ${jobs.length} job(s)`);
    return { mode: "pg_cron", jobs: jobs.map((job) => job.name), stop: () => {} };
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
        .then(() => log("scheduler", `${job.name} finished in ${Date.now() - started} ms`))
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

export function dueJobs<T extends { cron: CronSchedule }>(jobs: T[], at: Date): T[] {
  return jobs.filter((job) => job.cron.matches(at));
}

function msUntilNextMinute(now: Date): number {
  return 60_000 - (now.getTime() % 60_000) + 50;
}
