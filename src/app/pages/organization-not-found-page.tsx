import { Link } from "react-router-dom";
import { Compass } from "lucide-react";

import { useCurrentOrganization } from "@/features/organizations";
import { Button } from "@/components/ui/button";

/** An unknown page inside an organization: the shell stays, so the sidebar is still at hand. */
export function OrganizationNotFoundPage() {
  const { organization } = useCurrentOrganization();
  return (
    <section className="mx-auto mt-8 flex max-w-lg flex-col items-center gap-3 rounded-xl border border-dashed bg-card/40 px-6 py-12 text-center">
      <title>{`Page not found · ${organization.name} · Causeway`}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-accent text-primary">
        <Compass className="size-6" aria-hidden="true" />
      </div>
      <h1 className="text-lg font-semibold">This page doesn't exist</h1>
      <p className="text-sm text-muted-foreground">
        There's nothing at this address in {organization.name}. Use the sidebar, or go back to the
        overview.
      </p>
      <Button asChild variant="outline" className="mt-2">
        <Link to={`/o/${organization.slug}/overview`}>Go to Overview</Link>
      </Button>
    </section>
  );
}
