export { useUrlFilters, type UrlFilters } from "./hooks/use-url-filters";
export { useTimeRange } from "./hooks/use-time-range";
export type {
  ResolvedTimeRange,
  TimeRange,
  TimeRangeKind,
  TimeRangePreset,
} from "./lib/time-range";
export type {
  UrlFilterIssue,
  UrlFilterPatch,
  UrlFilterSchemas,
  UrlFilterValues,
} from "./lib/url-filters";
export { FilterBar } from "./components/filter-bar";
export { FilterWarnings } from "./components/filter-warnings";
