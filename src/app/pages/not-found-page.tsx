import { Link } from "react-router-dom";
import { Compass } from "lucide-react";

import { StandaloneLayout } from "@/components/standalone-layout";
import { Button } from "@/components/ui/button";

export function NotFoundPage() {
  return (
    <StandaloneLayout title="Page not found">
      <section className="flex flex-col items-center gap-4 pt-8 text-center">
        <div className="flex size-14 items-center justify-center rounded-full bg-accent text-primary">
          <Compass className="size-7" aria-hidden="true" />
        </div>
        <p className="text-sm font-medium text-primary">404</p>
        <h1 className="text-2xl font-semibold tracking-tight">We couldn't find that page</h1>
        <p className="max-w-md text-muted-foreground">
          The link may be mistyped, or the page may have moved. Check the address, or start again
          from your dashboard.
        </p>
        <Button asChild className="mt-2">
          <Link to="/">Go to your dashboard</Link>
        </Button>
      </section>
    </StandaloneLayout>
  );
}
