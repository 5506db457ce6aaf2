import { CrownIcon } from "lucide-react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentDetail, ExperimentVariant } from "../api/fetch-experiment";
import { useSetControlVariant } from "../hooks/use-set-control-variant";
import { formatAllocation, PROVIDER_LABELS } from "../lib/experiment-status";
import { variantFill } from "./allocation-bar";
import { EditVariantDialog } from "./edit-variant-dialog";
import { RemoveVariantDialog } from "./remove-variant-dialog";

/**
 * The variants with their share and version. With `editable`, each gets its actions: edit
 * (rename, re-point), make control, remove (not the control: there is always exactly one).
 */
export function VariantList({
  experiment,
  editable,
  onRemoved,
}: {
  experiment: ExperimentDetail;
  editable: boolean;
  onRemoved(remaining: ExperimentVariant[]): void;
}) {
  const { organization } = useCurrentOrganization();
  const setControl = useSetControlVariant(organization.id);
  const versionsById = new Map(experiment.versions.map((version) => [version.id, version]));

  function makeControl(variant: ExperimentVariant) {
    setControl.mutate(variant.id, {
      onSuccess: () => toast.success(`'${variant.name || variant.key}' is now the control`),
    });
  }

  return (
    <div className="grid gap-2">
      <FormErrorAlert error={setControl.error} />
      <ul className="grid gap-1" aria-label="Variants">
        {experiment.variants.map((variant, index) => {
          const version = versionsById.get(variant.versionId);
          const label = variant.name || variant.key;
          const pending = setControl.isPending && setControl.variables === variant.id;
          return (
            <li
              key={variant.id}
              aria-label={label}
              className="flex min-h-9 flex-wrap items-center gap-x-3 gap-y-1 rounded-md text-sm"
            >
              <span aria-hidden="true" className={`size-2.5 rounded-full ${variantFill(index)}`} />
              <span className="font-medium">{label}</span>
              <code className="font-mono text-xs text-muted-foreground">{variant.key}</code>
              {variant.isControl && <Badge variant="outline">Control</Badge>}
              <span className="tabular-nums">{formatAllocation(variant.allocationBp)}</span>
              {version && (
                <span className="text-muted-foreground">
                  v{version.number} · <span className="font-mono text-xs">{version.branch}</span> ·{" "}
                  {PROVIDER_LABELS[version.provider]} {version.model}
                </span>
              )}
              {editable && (
                <span className="ml-auto flex flex-wrap gap-1">
                  <EditVariantDialog experiment={experiment} variant={variant} />
                  {!variant.isControl && (
                    <>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Make ${label} the control`}
                        disabled={setControl.isPending}
                        onClick={() => makeControl(variant)}
                      >
                        {pending ? (
                          <Spinner label="Changing the control" className="text-current" />
                        ) : (
                          <CrownIcon aria-hidden="true" />
                        )}
                        Make control
                      </Button>
                      <RemoveVariantDialog
                        variant={variant}
                        onRemoved={() =>
                          onRemoved(experiment.variants.filter((other) => other.id !== variant.id))
                        }
                      />
                    </>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
