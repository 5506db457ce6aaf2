import { format, isValid, parse } from "date-fns";

export const ISO_DATE_FORMAT = "yyyy-MM-dd";

/** A calendar date written yyyy-MM-dd, as local midnight; null for anything else (2026-02-30 too). */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = parse(value, ISO_DATE_FORMAT, new Date(0));
  return isValid(date) && format(date, ISO_DATE_FORMAT) === value ? date : null;
}

export function toIsoDate(date: Date): string {
  return format(date, ISO_DATE_FORMAT);
}
