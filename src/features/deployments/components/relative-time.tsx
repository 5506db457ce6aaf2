import { format, formatDistanceToNow } from "date-fns";

import { parseTimestamp } from "@/lib/timestamps";

/** "3 days ago", with the exact date and time on hover and for assistive technology. */
export function RelativeTime({ value }: { value: string }) {
  const date = parseTimestamp(value);
  const exact = format(date, "d MMM yyyy, HH:mm");
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {formatDistanceToNow(date, { addSuffix: true })}
    </time>
  );
}
