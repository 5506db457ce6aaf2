import { format } from "date-fns";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { hasCapability } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import type { ModelPrice } from "../api/fetch-model-prices";
import { useDeleteModelPrice } from "../hooks/use-delete-model-price";
import { useModelPrices } from "../hooks/use-model-prices";
import { formatUsdPerMillion, PROVIDER_LABELS } from "../lib/price-form";
import { ModelPriceDialog } from "./model-price-dialog";

const COLUMNS = ["Provider", "Model", "Input", "Cached input", "Output", "Source"];

function Source({ price }: { price: ModelPrice }) {
  if (!price.overrideId) return <Badge variant="outline">Default</Badge>;
  const since = price.updatedAt ? format(parseTimestamp(price.updatedAt), "d MMM yyyy") : "";
  return (
    <Badge variant="secondary" title={since ? `Set on ${since}` : undefined}>
      {price.defaults ? "Custom" : "Organization only"}
    </Badge>
  );
}

function RemovePriceButton({
  organizationId,
  price,
}: {
  organizationId: string;
  price: ModelPrice;
}) {
  const remove = useDeleteModelPrice(organizationId);
  const reset = price.defaults !== null;
  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          aria-label={reset ? `Reset ${price.model} to the default price` : `Remove ${price.model}`}
        >
          {reset ? "Reset" : "Remove"}
        </Button>
      }
      title={reset ? `Reset ${price.model} to the default price?` : `Remove ${price.model}?`}
      description={
        reset
          ? `New runs are costed at the built-in price again (input ${formatUsdPerMillion(price.defaults!.input)}, output ${formatUsdPerMillion(price.defaults!.output)} per million tokens).`
          : "New runs of this model arrive without a cost unless they send one."
      }
      confirmLabel={reset ? "Reset price" : "Remove price"}
      pendingLabel={reset ? "Resetting" : "Removing"}
      onConfirm={async () => {
        await remove.mutateAsync(price.overrideId!);
        toast.success(
          reset ? `${price.model} uses the default price again` : `Removed ${price.model}`,
        );
      }}
    />
  );
}

export function ModelPricesPage() {
  const { organization } = useCurrentOrganization();
  const canEdit = hasCapability(organization.role, "modelPrices.edit");
  const prices = useModelPrices(organization.id);

  let body;
  if (prices.isPending) {
    body = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading model prices">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-8" />
        ))}
      </div>
    );
  } else if (prices.isError) {
    body = (
      <QueryErrorAlert
        title="The model prices couldn't be loaded"
        error={prices.error}
        onRetry={() => prices.refetch()}
        isRetrying={prices.isFetching}
      />
    );
  } else {
    body = (
      <div className="rounded-xl border">
        <Table>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              {COLUMNS.map((column) => (
                <TableHead key={column}>{column}</TableHead>
              ))}
              {canEdit && (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              )}
            </TableRow>
          </TableHeader>
          <TableBody>
            {prices.data.map((price) => (
              <TableRow key={`${price.provider}:${price.model}`}>
                <TableCell>{PROVIDER_LABELS[price.provider]}</TableCell>
                <TableCell>
                  <code className="font-mono text-xs">{price.model}</code>
                </TableCell>
                <TableCell className="tabular-nums">
                  {formatUsdPerMillion(price.inputPerMtok)}
                </TableCell>
                <TableCell className="tabular-nums">
                  {price.cachedInputPerMtok === null
                    ? "as input"
                    : formatUsdPerMillion(price.cachedInputPerMtok)}
                </TableCell>
                <TableCell className="tabular-nums">
                  {formatUsdPerMillion(price.outputPerMtok)}
                </TableCell>
                <TableCell>
                  <Source price={price} />
                </TableCell>
                {canEdit && (
                  <TableCell className="text-right whitespace-nowrap">
                    <ModelPriceDialog organizationId={organization.id} price={price} />
                    {price.overrideId && (
                      <RemovePriceButton organizationId={organization.id} price={price} />
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <div>
      <title>{`Model prices · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Model prices"
        description={
          canEdit
            ? "US dollars per million tokens. A run that arrives without a cost is costed from its tokens at these prices (cached input tokens at the cached price). Change a price when your provider changes it, or when you have negotiated one."
            : "US dollars per million tokens. A run that arrives without a cost is costed from its tokens at these prices. Engineers and admins keep them up to date."
        }
        actions={canEdit ? <ModelPriceDialog organizationId={organization.id} /> : undefined}
      />
      {body}
    </div>
  );
}
