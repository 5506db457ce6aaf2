import { z } from "zod";

/**
 * Percent per variant id, as typed, to basis points. Allocations must add up to exactly 100% to
 * submit; refusing anything else here saves a round trip that would fail later.
 */
export const allocationsSchema = z
  .record(
    z.string(),
    z
      .string()
      .trim()
      .refine((value) => {
        const number = Number(value);
        return value !== "" && Number.isFinite(number) && number >= 0 && number <= 100;
      }, "Each allocation is a percentage from 0 to 100.")
      .transform((value) => Math.round(Number(value) * 100)),
  )
  .refine(
    (allocations) => Object.values(allocations).reduce((sum, bp) => sum + bp, 0) === 10000,
    "Allocations must add up to exactly 100%.",
  );
