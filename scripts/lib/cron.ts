/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), the subset pg_cron
 * accepts: numbers, '*', ranges 'a-b', steps '/n' and comma lists. Used to run
 * private.scheduled_jobs on databases that have no pg_cron.
 */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

export interface CronSchedule {
  matches(date: Date): boolean;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`Cron schedule "${expression}" must have 5 fields, it has ${parts.length}`);
  }
  const [minutes, hours, days, months, weekdays] = parts.map((part, index) =>
    parseField(part, FIELDS[index]!),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.has(7)) weekdays.add(0);
  const dayRestricted = parts[2] !== "*";
  const weekdayRestricted = parts[4] !== "*";

  return {
    matches(date: Date) {
      const dayMatches = days.has(date.getUTCDate());
      const weekdayMatches = weekdays.has(date.getUTCDay());
      // Standard cron: when both day fields are restricted, either one matching is enough.
      const dayOk =
        dayRestricted && weekdayRestricted
          ? dayMatches || weekdayMatches
          : dayMatches && weekdayMatches;
      return (
        minutes.has(date.getUTCMinutes()) &&
        hours.has(date.getUTCHours()) &&
        months.has(date.getUTCMonth() + 1) &&
        dayOk
      );
    },
  };
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new Error(`Invalid ${field.name} "${item}" in cron schedule`);
    const [, range, stepText] = match;
    const step = stepText ? Number(stepText) : 1;
    let start: number = field.min;
    let end: number = field.max;
    if (range !== "*") {
      const [a, b] = range!.split("-").map(Number);
      start = a!;
      end = b ?? (stepText ? field.max : a!);
    }
    if (start < field.min || end > field.max || start > end || step < 1) {
      throw new Error(`Out-of-range ${field.name} "${item}" (allowed ${field.min}-${field.max})`);
    }
    for (let value = start; value <= end; value += step) values.add(value);
  }
  return values;
}
