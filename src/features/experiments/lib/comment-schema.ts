import { z } from "zod";

/** A comment's text, as experiment_comments.body allows it. */
export const commentBodySchema = z
  .string()
  .trim()
  .min(1, "Write a comment first.")
  .max(4000, "Keep a comment to 4000 characters or fewer.");
