import { isRouteErrorResponse, useRouteError } from "react-router-dom";
import { AlertOctagon, RotateCw } from "lucide-react";

import { StandaloneLayout } from "@/components/standalone-layout";
import { Button } from "@/components/ui/button";
import { describeRouteError, isStaleBundleError } from "./error-details";
import { NotFoundPage } from "./not-found-page";

/** The last line of defence: anything a page throws that nothing closer handled. */
export function RootErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const staleBundle = isStaleBundleError(error);

  return (
    <StandaloneLayout title="Something went wrong">
      <section role="alert" className="flex flex-col items-center gap-4 pt-8 text-center">
        <div className="flex size-14 items-center justify-center rounded-full bg-destructive/15 text-destructive">
          <AlertOctagon className="size-7" aria-hidden="true" />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">
          {staleBundle ? "Causeway has been updated" : "Something went wrong"}
        </h1>
        <p className="max-w-md text-muted-foreground">
          {staleBundle
            ? "A newer version was released since this tab was opened. Reload to get it; nothing you saved is lost."
            : "This page hit an unexpected error. Reloading usually fixes it; if it keeps happening, go back to your dashboard."}
        </p>
        <div className="mt-2 flex flex-wrap justify-center gap-2">
          <Button onClick={() => window.location.reload()}>
            <RotateCw />
            Reload
          </Button>
          <Button asChild variant="outline">
            <a href="/">Go to your dashboard</a>
          </Button>
        </div>
        {staleBundle ? null : (
          <details className="mt-4 w-full max-w-md text-left text-sm text-muted-foreground">
            <summary className="cursor-pointer">Technical details</summary>
            <pre className="mt-2 overflow-x-auto rounded-md border bg-background/60 p-3 text-xs whitespace-pre-wrap">
              {describeRouteError(error)}
            </pre>
          </details>
        )}
      </section>
    </StandaloneLayout>
  );
}
