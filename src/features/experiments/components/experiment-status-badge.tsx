import { Badge } from "@/components/ui/badge";
import {
  STATUS_BADGE_VARIANTS,
  STATUS_LABELS,
  type ExperimentStatus,
} from "../lib/experiment-status";

export function ExperimentStatusBadge({ status }: { status: ExperimentStatus }) {
  return <Badge variant={STATUS_BADGE_VARIANTS[status]}>{STATUS_LABELS[status]}</Badge>;
}
