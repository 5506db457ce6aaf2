import { parseISO } from "date-fns";

/**
 * Database timestamps arrive as ISO 8601 from PostgREST ("2026-11-21T06:13:56+00:00") and in
 * Postgres' text form from the local API ("2026-11-21 06:13:56+00"); parseISO reads both in every
 * browser, where `new Date()` does not.
 */
export function parseTimestamp(value: string): Date {
  return parseISO(value);
}
