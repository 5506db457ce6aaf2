import { afterAll, describe, expect, it } from "vitest";
import { parseCron } from "../../scripts/lib/cron";
import { startScheduler } from "../../scripts/lib/scheduler";
import { adminSql, deleteOrganization } from "./support/db";

interface JobRow {
  name: string;
  schedule: string;
  command: string;
}

afterAll(() => adminSql.end());

describe("scheduled jobs", () => {
  it("are defined once, with schedules both pg_cron and the in-process scheduler accept", async () => {
    const jobs = await adminSql<
      JobRow[]
    >`select name, schedule, command from private.scheduled_jobs`;
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(() => parseCron(job.schedule), job.name).not.toThrow();
  });

  it("run through pg_cron where it is installed, otherwise in the dev process, from the same rows", async () => {
    const jobs = await adminSql<
      JobRow[]
    >`select name, schedule, command from private.scheduled_jobs order by name`;
    const [{ active }] = await adminSql<
      [{ active: boolean }]
    >`select private.pg_cron_active() as active`;
    const scheduler = await startScheduler(adminSql);
    scheduler.stop();
    expect(scheduler.jobs).toEqual(jobs.map((job) => job.name));
    if (active) {
      expect(scheduler.mode).toBe("pg_cron");
      const registered = await adminSql<JobRow[]>`
        select jobname as name, schedule, command from cron.job order by jobname`;
      expect(registered).toEqual(jobs);
    } else {
      expect(scheduler.mode).toBe("in-process");
    }
  });

  it("invitations.purge-stale removes only invitations closed more than 90 days ago", async () => {
    const [org] = await adminSql<{ id: string }[]>`
      insert into public.organizations (name, slug) values ('Purge Test', 'purge-test-' || floor(random() * 1e9)::text)
      returning id`;
    await adminSql`
      insert into public.invitations (organization_id, email, role, created_at, expires_at, revoked_at) values
        (${org!.id}, 'stale@purge.test', 'enablement', now() - interval '200 days', now() - interval '186 days', null),
        (${org!.id}, 'revoked-long-ago@purge.test', 'enablement', now() - interval '120 days', now() - interval '100 days', now() - interval '110 days'),
        (${org!.id}, 'recently-expired@purge.test', 'enablement', now() - interval '40 days', now() - interval '26 days', null),
        (${org!.id}, 'open@purge.test', 'enablement', now(), now() + interval '14 days', null)`;
    const [job] = await adminSql<
      JobRow[]
    >`select command from private.scheduled_jobs where name = 'invitations.purge-stale'`;
    await adminSql.unsafe(job!.command);
    const left = await adminSql<{ email: string }[]>`
      select email from public.invitations where organization_id = ${org!.id} order by email`;
    expect(left.map((row) => row.email)).toEqual([
      "open@purge.test",
      "recently-expired@purge.test",
    ]);
    await deleteOrganization(org!.id);
  });
});
