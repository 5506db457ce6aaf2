/**
 * Before/after comparison of a daily metric around an event (a deployment or a rollback),
 * adjusted for day of week: weekday traffic and weekend traffic often behave differently, so
 * comparing a window that happens to hold more weekend days would show a change that is only
 * the calendar. Each day of the week is compared with itself (weighted means of that weekday in
 * each window) and the seven differences are averaged with equal weight.
 */

export interface DailyPoint {
  /** Start of the day (UTC). */
  day: Date;
  n: number;
  value: number | null;
}

export interface WeekdayComparison {
  /** 0 = Sunday … 6 = Saturday (UTC). */
  weekday: number;
  before: number | null;
  after: number | null;
  beforeN: number;
  afterN: number;
}

export interface BeforeAfter {
  before: number | null;
  after: number | null;
  /** after − before on the raw (unadjusted) window means. */
  rawChange: number | null;
  /** Mean of per-weekday differences, over weekdays seen in both windows. */
  adjustedChange: number | null;
  adjustedRelativeChange: number | null;
  weekdays: WeekdayComparison[];
  beforeDays: number;
  afterDays: number;
}

const DAY_MS = 86_400_000;

export function compareAroundEvent(
  points: readonly DailyPoint[],
  eventAt: Date,
  windowDays = 14,
): BeforeAfter {
  const eventDay = Math.floor(eventAt.getTime() / DAY_MS) * DAY_MS;
  // The event's own day is mixed, so it belongs to neither window.
  const before = points.filter((p) => {
    const t = p.day.getTime();
    return t < eventDay && t >= eventDay - windowDays * DAY_MS;
  });
  const after = points.filter((p) => {
    const t = p.day.getTime();
    return t > eventDay && t <= eventDay + windowDays * DAY_MS;
  });
  const beforeMean = weightedMean(before);
  const afterMean = weightedMean(after);
  const weekdays: WeekdayComparison[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const b = before.filter((p) => p.day.getUTCDay() === weekday);
    const a = after.filter((p) => p.day.getUTCDay() === weekday);
    weekdays.push({
      weekday,
      before: weightedMean(b),
      after: weightedMean(a),
      beforeN: total(b),
      afterN: total(a),
    });
  }
  const paired = weekdays.filter((w) => w.before !== null && w.after !== null);
  const adjustedChange = paired.length === 0
    ? null
    : paired.reduce((acc, w) => acc + (w.after! - w.before!), 0) / paired.length;
  const adjustedBaseline = paired.length === 0
    ? null
    : paired.reduce((acc, w) => acc + w.before!, 0) / paired.length;
  return {
    before: beforeMean,
    after: afterMean,
    rawChange: beforeMean === null || afterMean === null ? null : afterMean - beforeMean,
    adjustedChange,
    adjustedRelativeChange: adjustedChange === null || !adjustedBaseline
      ? null
      : adjustedChange / Math.abs(adjustedBaseline),
    weekdays,
    beforeDays: before.length,
    afterDays: after.length,
  };
}

function weightedMean(points: readonly DailyPoint[]): number | null {
  let n = 0;
  let sum = 0;
  for (const p of points) {
    if (p.value === null || p.n <= 0) continue;
    n += p.n;
    sum += p.n * p.value;
  }
  return n === 0 ? null : sum / n;
}

function total(points: readonly DailyPoint[]): number {
  return points.reduce((acc, p) => acc + (p.value === null ? 0 : p.n), 0);
}
