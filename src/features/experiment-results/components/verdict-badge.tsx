import type { Decision } from "@shared/stats/index.ts";
import { Badge } from "@/components/ui/badge";

const LABEL: Record<Decision, string> = {
  ship: "Ship",
  keep_running: "Keep running",
  stop: "Stop",
};

const VARIANT = { ship: "success", keep_running: "secondary", stop: "destructive" } as const;

export function VerdictBadge({ decision }: { decision: Decision }) {
  return <Badge variant={VARIANT[decision]}>{LABEL[decision]}</Badge>;
}
