import { adminSql } from "./db";

/**
 * Rolls the fixture's events (written just before, in both organizations) up, so the rollup
 * tables have rows for the probes to aim at; returns the new watermark.
 */
export async function refreshRollupsFixture(): Promise<string> {
  const [row] = await adminSql<{ result: { watermark: string } }[]>`
    select private.refresh_rollups() as result`;
  return row!.result.watermark;
}
