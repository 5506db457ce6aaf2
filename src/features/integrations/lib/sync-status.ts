import type { HubspotSyncRun } from "../api/fetch-hubspot-sync-runs";

type BadgeVariant = "default" | "secondary" | "destructive" | "success" | "warning" | "outline";

export const SYNC_STATUS: Record<HubspotSyncRun["status"], { label: string; badge: BadgeVariant }> =
  {
    running: { label: "Running", badge: "secondary" },
    succeeded: { label: "Succeeded", badge: "success" },
    incomplete: { label: "Continues next sync", badge: "outline" },
    rate_limited: { label: "Rate limited", badge: "warning" },
    failed: { label: "Failed", badge: "destructive" },
  };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** One sentence on what a finished sync did, for after "Sync now". */
export function summarizeSync(run: {
  status: HubspotSyncRun["status"];
  pages: number;
  records: number;
  outcomesWritten: number;
  error: string | null;
}): string {
  const read = `Read ${plural(run.records, "record")} in ${plural(run.pages, "page")}, ${plural(run.outcomesWritten, "new outcome")}.`;
  switch (run.status) {
    case "succeeded":
      return `${read} HubSpot is up to date.`;
    case "incomplete":
      return `${read} There is more: the next sync continues from here.`;
    case "rate_limited":
      return `${read} HubSpot's rate limit stopped the sync; it resumes when HubSpot allows.`;
    case "failed":
      return run.error ?? "The sync failed.";
    case "running":
      return read;
  }
}
