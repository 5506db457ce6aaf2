import { cn } from "@/lib/utils";

interface SparklineProps {
  values: (number | null)[];
  className?: string;
}

const WIDTH = 120;
const HEIGHT = 32;

/** The path of `values` scaled into the sparkline's box; gaps (null) break the line. */
export function sparklinePath(values: readonly (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return "";
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  let path = "";
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = values.length > 1 ? index * step : WIDTH / 2;
    // A flat series sits in the middle rather than on the floor.
    const y = max === min ? HEIGHT / 2 : HEIGHT - 2 - ((value - min) / span) * (HEIGHT - 4);
    path += `${drawing ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    drawing = true;
  });
  return path;
}

/** A small trend line: a plain SVG, cheap enough for eight cards on first paint. */
export function Sparkline({ values, className }: SparklineProps) {
  const path = sparklinePath(values);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      className={cn("h-8 w-full overflow-visible", className)}
      aria-hidden="true"
    >
      {path ? (
        <path
          d={path}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
          strokeLinejoin="round"
        />
      ) : null}
    </svg>
  );
}
