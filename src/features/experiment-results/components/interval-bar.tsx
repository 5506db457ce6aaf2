export type IntervalTone = "good" | "bad" | "neutral";

const TONE_CLASS: Record<IntervalTone, string> = {
  good: "text-success",
  bad: "text-destructive",
  neutral: "text-muted-foreground",
};

interface IntervalBarProps {
  lower: number;
  upper: number;
  estimate: number;
  /** Half-width of the axis, shared by every row of a metric so their bars compare. */
  extent: number;
  tone: IntervalTone;
  label: string;
}

/** One row of a forest plot: the interval as a bar, the estimate as a dot, a line at "no change". */
export function IntervalBar({ lower, upper, estimate, extent, tone, label }: IntervalBarProps) {
  const width = 120;
  const x = (value: number) =>
    Math.max(2, Math.min(width - 2, ((value + extent) / (2 * extent)) * width));
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} 20`}
      className={`h-5 w-30 ${TONE_CLASS[tone]}`}
    >
      <line
        x1={width / 2}
        x2={width / 2}
        y1={0}
        y2={20}
        className="stroke-border"
        strokeWidth={1}
      />
      <line
        x1={x(lower)}
        x2={x(upper)}
        y1={10}
        y2={10}
        stroke="currentColor"
        strokeWidth={4}
        strokeLinecap="round"
        opacity={0.45}
      />
      <circle cx={x(estimate)} cy={10} r={4} fill="currentColor" />
    </svg>
  );
}
