import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/request-error";

interface ArchiveToggleProps {
  label: string;
  archived: boolean;
  pending: boolean;
  onToggle(archivedAt: string | null): Promise<unknown>;
}

/**
 * Archive hides an entry from pickers (serving is unaffected) and is undone in one click, so it
 * needs no confirmation; the toast says how to undo it.
 */
export function ArchiveToggle({ label, archived, pending, onToggle }: ArchiveToggleProps) {
  async function toggle() {
    try {
      await onToggle(archived ? null : new Date().toISOString());
      toast.success(
        archived ? `Unarchived ${label}` : `Archived ${label}: unarchive it from the same row.`,
      );
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => void toggle()}
      aria-label={`${archived ? "Unarchive" : "Archive"} ${label}`}
    >
      {pending && <Spinner label="Saving" className="text-current" />}
      {archived ? "Unarchive" : "Archive"}
    </Button>
  );
}
