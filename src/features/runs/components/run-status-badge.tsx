import { Badge } from "@/components/ui/badge";
import { STATUS_BADGE_VARIANTS, STATUS_LABELS } from "../lib/format";
import type { RunStatus } from "../lib/run-filters";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge variant={STATUS_BADGE_VARIANTS[status]}>{STATUS_LABELS[status]}</Badge>;
}
