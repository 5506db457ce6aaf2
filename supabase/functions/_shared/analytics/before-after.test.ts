import assert from "node:assert/strict";
import { compareAroundEvent, type DailyPoint } from "./before-after.ts";

const DAY = 86_400_000;
// 2026-11-02 is a Monday.
const START = Date.UTC(2026, 10, 2);

function series(days: number, value: (day: Date) => number, n = () => 100): DailyPoint[] {
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(START + i * DAY);
    return { day, n: n(), value: value(day) };
  });
}

const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

Deno.test("before/after: a pure weekday pattern with uneven windows shows no adjusted change", () => {
  // Weekends convert at 0.1, weekdays at 0.3; weekend days get much more traffic after the event.
  const points = series(28, (d) => (weekend(d) ? 0.1 : 0.3)).map((p) => ({
    ...p,
    n: p.day.getTime() > START + 14 * DAY && weekend(p.day) ? 400 : 100,
  }));
  const result = compareAroundEvent(points, new Date(START + 14 * DAY + 3_600_000), 13);
  assert.ok(result.rawChange! < -0.02, `raw change ${result.rawChange} is the calendar`);
  assert.ok(Math.abs(result.adjustedChange!) < 1e-12);
  assert.equal(result.weekdays.length, 7);
});

Deno.test("before/after: a real step is found whatever the weekday mix", () => {
  const eventAt = new Date(START + 14 * DAY + 10 * 3_600_000);
  const points = series(
    29,
    (d) => (weekend(d) ? 0.1 : 0.3) - (d.getTime() > eventAt.getTime() ? 0.05 : 0),
  );
  const result = compareAroundEvent(points, eventAt);
  assert.ok(Math.abs(result.adjustedChange! + 0.05) < 1e-12);
  assert.equal(result.beforeDays, 14);
  assert.equal(result.afterDays, 14);
  assert.ok(result.adjustedRelativeChange! < 0);
});

Deno.test("before/after: no data on one side gives no change", () => {
  const points = series(10, () => 0.2);
  const result = compareAroundEvent(points, new Date(START + 20 * DAY));
  assert.equal(result.after, null);
  assert.equal(result.adjustedChange, null);
  assert.equal(result.rawChange, null);
});
