import { describe, expect, it } from "vitest";
import { parseCron } from "./cron";
import { dueJobs } from "./scheduler";

const at = (iso: string) => new Date(iso);

describe("parseCron", () => {
  it("matches every minute for * * * * *", () => {
    expect(parseCron("* * * * *").matches(at("2026-11-21T10:37:00Z"))).toBe(true);
  });

  it("matches a fixed daily time only at that minute", () => {
    const schedule = parseCron("17 3 * * *");
    expect(schedule.matches(at("2026-11-21T03:17:00Z"))).toBe(true);
    expect(schedule.matches(at("2026-11-21T03:18:00Z"))).toBe(false);
    expect(schedule.matches(at("2026-11-21T04:17:00Z"))).toBe(false);
  });

  it("supports steps, ranges and lists", () => {
    const schedule = parseCron("*/15 9-17 * * 1,3,5");
    expect(schedule.matches(at("2026-11-23T09:45:00Z"))).toBe(true); // Monday
    expect(schedule.matches(at("2026-11-23T09:50:00Z"))).toBe(false);
    expect(schedule.matches(at("2026-11-24T09:45:00Z"))).toBe(false); // Tuesday
    expect(schedule.matches(at("2026-11-23T18:00:00Z"))).toBe(false);
  });

  it("treats day 7 as Sunday and ORs restricted day-of-month and day-of-week", () => {
    expect(parseCron("0 0 * * 7").matches(at("2026-11-22T00:00:00Z"))).toBe(true);
    const schedule = parseCron("0 0 1 * 1");
    expect(schedule.matches(at("2026-12-01T00:00:00Z"))).toBe(true); // 1st, a Tuesday
    expect(schedule.matches(at("2026-11-23T00:00:00Z"))).toBe(true); // a Monday
    expect(schedule.matches(at("2026-11-24T00:00:00Z"))).toBe(false);
  });

  it("rejects malformed schedules with the offending field named", () => {
    expect(() => parseCron("* * * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/minute/);
    expect(() => parseCron("* * * 13 *")).toThrow(/month/);
    expect(() => parseCron("10 seconds * * * *")).toThrow();
  });
});

describe("dueJobs", () => {
  it("selects only the jobs whose schedule matches the minute", () => {
    const jobs = [
      { name: "hourly", cron: parseCron("0 * * * *") },
      { name: "minutely", cron: parseCron("* * * * *") },
    ];
    expect(dueJobs(jobs, at("2026-11-21T10:00:00Z")).map((job) => job.name)).toEqual([
      "hourly",
      "minutely",
    ]);
    expect(dueJobs(jobs, at("2026-11-21T10:01:00Z")).map((job) => job.name)).toEqual(["minutely"]);
  });
});
