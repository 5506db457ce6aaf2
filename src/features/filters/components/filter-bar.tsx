import { TimeRangeFilter } from "./time-range-filter";

/** The filters that apply to every page of an organization, shown in the top bar. */
export function FilterBar() {
  return (
    <div role="group" aria-label="Filters" className="flex min-w-0 flex-wrap items-center gap-2">
      <TimeRangeFilter />
    </div>
  );
}
