import type { ReactNode } from "react";

export interface TooltipEntry {
  key: string;
  label: string;
  color: string;
  value: string;
  /** "n = 1,204": how much data the value rests on. */
  detail?: string;
  dashed?: boolean;
}

/** The body of every chart tooltip: a heading and one line per series, in the series' colour. */
export function ChartTooltipContent({
  heading,
  entries,
}: {
  heading: ReactNode;
  entries: TooltipEntry[];
}) {
  return (
    <div className="grid min-w-44 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{heading}</p>
      <ul className="grid gap-1">
        {entries.map((entry) => (
          <li key={entry.key} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="h-0.5 w-3 shrink-0"
              style={{
                background: entry.dashed
                  ? `repeating-linear-gradient(90deg, ${entry.color} 0 3px, transparent 3px 5px)`
                  : entry.color,
              }}
            />
            <span className="text-muted-foreground">{entry.label}</span>
            <span className="ml-auto font-medium tabular-nums">{entry.value}</span>
            {entry.detail ? (
              <span className="text-muted-foreground tabular-nums">{entry.detail}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const SERIES_COLORS = [
  "var(--chart-1)",
  "var(--chart-4)",
  "var(--chart-3)",
  "var(--chart-5)",
  "var(--chart-2)",
] as const;
