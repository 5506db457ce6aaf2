import { useRef, useState, type FormEvent } from "react";
import { ArrowRight, Undo2 } from "lucide-react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import { cn } from "@/lib/utils";
import type { ImpactChange, ImpactRow } from "../api/fetch-deployment-impact";
import type { DeploymentScope } from "../api/fetch-deployment-scopes";
import { useDeploymentImpact } from "../hooks/use-deployment-impact";
import { useRollbackDeployment } from "../hooks/use-rollback-deployment";
import { scopeLabel } from "../lib/scope";
import { rollbackSchema, type RollbackFormValues } from "../lib/rollback-schema";
import { RelativeTime } from "./relative-time";

const CHANGE_BADGES: Record<ImpactChange, { label: string; className?: string; help: string }> = {
  rolls_back: {
    label: "Rolls back",
    className: "border-warning/60 text-warning",
    help: "This scope goes back to its previous deployment.",
  },
  nothing_to_roll_back: {
    label: "Nothing to roll back to",
    className: "border-destructive/60 text-destructive",
    help: "This is the scope's first deployment: there is no earlier one to restore.",
  },
  keeps_own_deployment: {
    label: "Keeps its own deployment",
    help: "A narrower scope inside the one you roll back: requests matching it keep being served by its own deployment.",
  },
  unchanged: {
    label: "Unchanged",
    help: "Another scope of the same capability; the rollback does not touch it.",
  },
};

function liveDescription(versionLabel: string | null, experimentName: string | null) {
  if (!versionLabel) return <span className="text-muted-foreground">Nothing deployed</span>;
  return (
    <span>
      {versionLabel}
      {experimentName ? (
        <span className="block text-xs text-muted-foreground">
          Traffic split by “{experimentName}”
        </span>
      ) : null}
    </span>
  );
}

function ImpactTable({ rows }: { rows: ImpactRow[] }) {
  return (
    <div className="max-h-72 overflow-auto rounded-lg border">
      <table className="w-full text-left text-sm" aria-label="Impact of the rollback">
        <thead className="sticky top-0 bg-card text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Scope
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Live now
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              After the rollback
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const badge = CHANGE_BADGES[row.change];
            return (
              <tr
                key={`${row.actionId ?? "*"}:${row.intentId ?? "*"}`}
                className={cn("border-t align-top", row.isTarget && "bg-warning/5")}
              >
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="font-mono text-xs">{scopeLabel(row)}</span>
                  <Tooltip>
                    <TooltipTrigger asChild>
                      <Badge
                        variant="outline"
                        tabIndex={0}
                        className={cn("mt-1 block w-fit", badge.className)}
                      >
                        {badge.label}
                      </Badge>
                    </TooltipTrigger>
                    <TooltipContent>{badge.help}</TooltipContent>
                  </Tooltip>
                </th>
                <td className="px-3 py-2">
                  {liveDescription(row.versionLabel, row.experimentName)}
                  {row.deployedAt ? (
                    <span className="block text-xs text-muted-foreground">
                      by {row.deployedByName ?? "a former member"},{" "}
                      <RelativeTime value={row.deployedAt} />
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  {row.change === "rolls_back" ? (
                    <span className="flex items-start gap-1.5 font-medium">
                      <ArrowRight
                        className="mt-0.5 size-4 shrink-0 text-warning"
                        aria-hidden="true"
                      />
                      <span>
                        {liveDescription(row.afterVersionLabel, row.afterExperimentName)}
                        {row.experimentName && !row.afterExperimentName ? (
                          <span className="block text-xs font-normal text-warning">
                            “{row.experimentName}” stops splitting the traffic: everyone gets this
                            version
                          </span>
                        ) : null}
                      </span>
                    </span>
                  ) : (
                    <span className="text-muted-foreground">No change</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface RollbackDialogProps {
  organizationId: string;
  scope: DeploymentScope;
}

/**
 * One-click rollback of a scope: shows what is live where under the capability and what will
 * change (deployment_impact), asks why, then calls rollback_deployment.
 */
export function RollbackDialog({ organizationId, scope }: RollbackDialogProps) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<RollbackFormValues>({ reason: "" });
  const [errors, setErrors] = useState<FieldErrors<RollbackFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const impact = useDeploymentImpact(organizationId, scope, open);
  const rollback = useRollbackDeployment(organizationId);
  const label = scopeLabel(scope);
  const target = impact.data?.find((row) => row.isTarget);
  const blocked = target?.change === "nothing_to_roll_back";

  function handleOpenChange(next: boolean) {
    if (rollback.isPending) return;
    setOpen(next);
    if (!next) {
      rollback.reset();
      setValues({ reason: "" });
      setErrors({});
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(rollbackSchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    rollback.mutate(
      { scope, reason: result.data.reason },
      {
        onSuccess: () => {
          toast.success(`Rolled back ${label}`);
          handleOpenChange(false);
        },
      },
    );
  }

  let impactBody;
  if (impact.isPending) {
    impactBody = (
      <div className="grid gap-2" aria-busy="true" aria-label="Working out the impact">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    );
  } else if (impact.isError) {
    impactBody = (
      <QueryErrorAlert
        title="The impact couldn't be worked out"
        error={impact.error}
        onRetry={() => void impact.refetch()}
        isRetrying={impact.isFetching}
      />
    );
  } else {
    impactBody = <ImpactTable rows={impact.data} />;
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Roll back ${label}`}>
          <Undo2 aria-hidden="true" />
          Roll back
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent className="sm:max-w-3xl">
        <AlertDialogHeader>
          <AlertDialogTitle>Roll back {label}?</AlertDialogTitle>
          <AlertDialogDescription>
            The deployment that was live before the current one comes back for this scope, for every
            request from the next one on. Narrower scopes with their own deployments keep them. The
            rollback, who made it and why are kept in the history.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {impactBody}
        <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
          <FormErrorAlert error={rollback.error} />
          <FormField
            id="rollback-reason"
            label="Reason"
            error={errors.reason}
            description="Name the incident or what went wrong, e.g. “INC-1042: escalations doubled”."
          >
            <Textarea
              name="reason"
              rows={2}
              value={values.reason}
              onChange={(event) => {
                const reason = event.target.value;
                setValues({ reason });
                setErrors({});
              }}
            />
          </FormField>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={rollback.isPending}>Cancel</AlertDialogCancel>
            {/* A plain submit button: the dialog must stay open to show a refusal. */}
            <Button
              type="submit"
              variant="destructive"
              disabled={rollback.isPending || impact.isPending || blocked}
            >
              {rollback.isPending && <Spinner label="Rolling back" className="text-current" />}
              Roll back
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
