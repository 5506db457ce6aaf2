import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/lib/request-error";
import { outcomeKeys } from "../api/outcome-keys";
import { recordOutcomes } from "../api/record-outcomes";
import type { CsvOutcomeEvent } from "../lib/csv";
import { CommitError, commitInChunks, emptyProgress, type CommitProgress } from "../lib/csv-import";

export interface CsvCommitState {
  progress: CommitProgress;
  running: boolean;
  /** Why the last chunk failed; `retry()` resumes from it. */
  error: string | null;
}

/**
 * Commits the valid rows of a CSV upload chunk by chunk. A failed chunk stops the run with what
 * was stored so far intact; `retry()` resumes at that chunk (its rows carry the same keys, so
 * anything that did get stored comes back as a duplicate, never twice).
 */
export function useCsvCommit(organizationId: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<CsvCommitState | null>(null);
  const events = useRef<readonly CsvOutcomeEvent[]>([]);

  async function run(from: CommitProgress) {
    setState({ progress: from, running: true, error: null });
    try {
      const done = await commitInChunks(
        events.current,
        (rows) => recordOutcomes({ organizationId, source: "csv", rows }),
        from,
        (progress) => setState({ progress, running: true, error: null }),
      );
      setState({ progress: done, running: false, error: null });
    } catch (error) {
      const progress = error instanceof CommitError ? error.progress : from;
      const cause = error instanceof CommitError ? error.cause : error;
      setState({ progress, running: false, error: errorMessage(cause) });
    } finally {
      await queryClient.invalidateQueries({ queryKey: outcomeKeys.recent(organizationId) });
    }
  }

  return {
    state,
    start(valid: readonly CsvOutcomeEvent[]) {
      events.current = valid;
      void run(emptyProgress(valid.length));
    },
    retry() {
      if (state) void run(state.progress);
    },
    reset() {
      events.current = [];
      setState(null);
    },
  };
}
