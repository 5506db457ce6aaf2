import { Link, useRouteError } from "react-router-dom";
import { AlertOctagon, RotateCw } from "lucide-react";

import { useCurrentOrganization } from "@/features/organizations";
import { Button } from "@/components/ui/button";
import { describeRouteError, isStaleBundleError } from "./error-details";

/** An error in one organization page: the shell stays usable around it. */
export function PageErrorState() {
  const error = useRouteError();
  const { organization } = useCurrentOrganization();
  const staleBundle = isStaleBundleError(error);

  return (
    <section
      role="alert"
      className="mx-auto mt-8 flex max-w-lg flex-col items-center gap-3 rounded-xl border border-destructive/40 bg-destructive/5 px-6 py-12 text-center"
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-destructive/15 text-destructive">
        <AlertOctagon className="size-6" aria-hidden="true" />
      </div>
      <h1 className="text-lg font-semibold">
        {staleBundle ? "Causeway has been updated" : "This page couldn't be shown"}
      </h1>
      <p className="text-sm text-muted-foreground">
        {staleBundle
          ? "A newer version was released since this tab was opened. Reload to get it."
          : `Reloading usually fixes it. ${describeRouteError(error)}`}
      </p>
      <div className="mt-2 flex flex-wrap justify-center gap-2">
        <Button onClick={() => window.location.reload()}>
          <RotateCw />
          Reload
        </Button>
        <Button asChild variant="outline">
          <Link to={`/o/${organization.slug}/overview`}>Go to Overview</Link>
        </Button>
      </div>
    </section>
  );
}
