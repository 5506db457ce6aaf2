import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { useCurrentMinute } from "../hooks/use-current-minute";
import { useTimeRange } from "../hooks/use-time-range";
import { useUrlFilters } from "../hooks/use-url-filters";
import {
  isTimeRangePreset,
  PRESET_LABELS,
  TIME_RANGE_PRESETS,
  timeRangeParams,
} from "../lib/time-range";
import { CustomRangePopover } from "./custom-range-popover";

/** Presets as a segmented control (arrow keys move between them) and a custom-range popover. */
export function TimeRangeFilter() {
  const range = useTimeRange();
  const minute = useCurrentMinute();
  const { setFilters } = useUrlFilters(timeRangeParams);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <ToggleGroup
        type="single"
        variant="outline"
        size="sm"
        aria-label="Time range"
        value={range.preset === "custom" ? "" : range.preset}
        onValueChange={(value) => {
          // Radix reports "" when the active item is clicked again; the range stays as it is.
          if (isTimeRangePreset(value))
            setFilters({ range: value, from: undefined, to: undefined });
        }}
      >
        {TIME_RANGE_PRESETS.map((preset) => (
          <ToggleGroupItem
            key={preset}
            value={preset}
            className="px-2.5 tabular-nums"
            title={PRESET_LABELS[preset]}
          >
            {preset}
            <span className="sr-only">, {PRESET_LABELS[preset].toLowerCase()}</span>
          </ToggleGroupItem>
        ))}
      </ToggleGroup>
      <CustomRangePopover
        range={range}
        now={new Date(minute)}
        onApply={({ from, to }) => setFilters({ range: "custom", from, to })}
      />
    </div>
  );
}
