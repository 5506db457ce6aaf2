import type { CorrectionMethod } from "@shared/stats/index.ts";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { HelpTip } from "@/features/experiments";
import { HELP } from "../lib/help";

interface ResultsControlsProps {
  correction: CorrectionMethod;
  sequential: boolean;
  cuped: boolean;
  /** Why CUPED cannot be turned on, or null when it can. */
  cupedUnavailable: string | null;
  onChange(patch: { correction?: CorrectionMethod; sequential?: boolean; cuped?: boolean }): void;
}

/** How the results are computed; every choice lives in the URL. */
export function ResultsControls({
  correction,
  sequential,
  cuped,
  cupedUnavailable,
  onChange,
}: ResultsControlsProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg border px-4 py-3">
      <div className="flex items-center gap-2">
        <span id="correction-label" className="text-sm font-medium">
          Multiple-testing correction
        </span>
        <ToggleGroup
          type="single"
          variant="outline"
          size="sm"
          aria-labelledby="correction-label"
          value={correction}
          onValueChange={(value) => {
            if (value === "holm" || value === "bh") onChange({ correction: value });
          }}
        >
          <ToggleGroupItem value="holm" title={HELP.holm}>
            Holm
          </ToggleGroupItem>
          <ToggleGroupItem value="bh" title={HELP.bh}>
            Benjamini–Hochberg
          </ToggleGroupItem>
        </ToggleGroup>
      </div>
      <div className="flex items-center gap-2">
        <Switch
          id="sequential"
          checked={sequential}
          onCheckedChange={(checked) => onChange({ sequential: checked })}
        />
        <Label htmlFor="sequential">Sequential testing</Label>
        <HelpTip label="sequential testing">{HELP.sequential}</HelpTip>
      </div>
      <div className="flex items-center gap-2">
        <Switch
          id="cuped"
          checked={cuped && cupedUnavailable === null}
          disabled={cupedUnavailable !== null}
          aria-describedby={cupedUnavailable ? "cuped-unavailable" : undefined}
          onCheckedChange={(checked) => onChange({ cuped: checked })}
        />
        <Label htmlFor="cuped">CUPED</Label>
        <HelpTip label="CUPED">{HELP.cuped}</HelpTip>
        {cupedUnavailable && (
          <span id="cuped-unavailable" className="text-xs text-muted-foreground">
            {cupedUnavailable}
          </span>
        )}
      </div>
    </div>
  );
}
