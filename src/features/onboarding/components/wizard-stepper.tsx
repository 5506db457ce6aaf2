import { Check } from "lucide-react";

import { cn } from "@/lib/utils";
import type { StepId } from "../lib/wizard-draft";
import { STEP_GROUPS, STEP_TITLES } from "../lib/wizard-steps";

interface WizardStepperProps {
  steps: StepId[];
  current: StepId;
  furthest: StepId;
  onSelect(step: StepId): void;
}

/**
 * The six steps, with the parts of "Configure" beneath it. Steps up to the furthest one reached
 * are buttons (Tab and Enter, like any button); later ones are not reachable before the earlier
 * ones are valid.
 */
export function WizardStepper({ steps, current, furthest, onSelect }: WizardStepperProps) {
  const reached = steps.indexOf(furthest);
  const at = steps.indexOf(current);

  function item(step: StepId, label: string, marker: string | null) {
    const index = steps.indexOf(step);
    const isCurrent = step === current;
    const done = !isCurrent && index < Math.max(at, reached);
    const reachable = index <= reached;
    const content = (
      <>
        {marker !== null ? (
          <span
            aria-hidden="true"
            className={cn(
              "flex size-6 shrink-0 items-center justify-center rounded-full border text-xs",
              isCurrent && "border-primary bg-primary text-primary-foreground",
              done && !isCurrent && "border-primary text-primary",
            )}
          >
            {done && !isCurrent ? <Check className="size-3.5" /> : marker}
          </span>
        ) : (
          <span aria-hidden="true" className="flex w-6 shrink-0 justify-center">
            {done ? <Check className="size-3.5 text-primary" /> : null}
          </span>
        )}
        <span className={cn("truncate", marker === null && "text-sm")}>{label}</span>
      </>
    );
    const className = cn(
      "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
      isCurrent ? "bg-accent font-medium text-foreground" : "text-muted-foreground",
      reachable && !isCurrent && "hover:bg-accent/50 hover:text-foreground",
    );
    return reachable ? (
      <button
        type="button"
        className={className}
        aria-current={isCurrent ? "step" : undefined}
        onClick={() => onSelect(step)}
      >
        {content}
        {done && !isCurrent ? <span className="sr-only"> (done)</span> : null}
      </button>
    ) : (
      <span className={cn(className, "opacity-60")} aria-disabled="true">
        {content}
      </span>
    );
  }

  return (
    <nav aria-label="Wizard steps">
      <ol className="grid gap-1">
        {STEP_GROUPS.map((group) => {
          const groupSteps = group.steps.filter((step) => steps.includes(step));
          if (groupSteps.length === 1) {
            return (
              <li key={group.number}>{item(groupSteps[0]!, group.title, String(group.number))}</li>
            );
          }
          return (
            <li key={group.number} className="grid gap-1">
              <span className="flex items-center gap-2 px-2 py-1.5 text-sm text-muted-foreground">
                <span
                  aria-hidden="true"
                  className={cn(
                    "flex size-6 items-center justify-center rounded-full border text-xs",
                    groupSteps.includes(current) && "border-primary text-primary",
                  )}
                >
                  {group.number}
                </span>
                {group.title}
              </span>
              <ol className="grid gap-1">
                {groupSteps.map((step) => (
                  <li key={step}>{item(step, STEP_TITLES[step], null)}</li>
                ))}
              </ol>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
