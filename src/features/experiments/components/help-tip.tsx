import { CircleHelpIcon } from "lucide-react";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/** A focusable "?" that explains a concept (hypothesis, allocation, guardrail…) on hover or focus. */
export function HelpTip({ label, children }: { label: string; children: string }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <button
          type="button"
          aria-label={`About ${label}`}
          className="inline-flex size-4 items-center justify-center rounded-full align-middle text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          <CircleHelpIcon className="size-3.5" aria-hidden="true" />
        </button>
      </TooltipTrigger>
      <TooltipContent>{children}</TooltipContent>
    </Tooltip>
  );
}

export const HELP = {
  hypothesis:
    "What you expect the change to do, and to which metric: e.g. “A warmer greeting raises conversion without more escalations.”",
  allocation:
    "The share of the scope's traffic each variant receives. Assignment is sticky: the same end user always gets the same variant. Allocations must add up to 100% to submit.",
  primaryMetric: "The one outcome the experiment is judged on.",
  guardrail:
    "Metrics that must not get worse (latency, escalations…), even if the primary metric improves.",
  branch:
    "A new version from a parent, inside this draft: the history keeps both. Name a new branch to try an alternative side by side.",
  fork: "A new draft experiment copied from this one, to iterate on an experiment that is no longer a draft. The history links back here.",
  capability:
    "The functional goal the prompt serves, e.g. BookAppointment. It decides which traffic the experiment can receive.",
} as const;
