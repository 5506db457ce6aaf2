import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { Lock } from "lucide-react";

import type { Capability } from "@/features/auth";
import { Button } from "@/components/ui/button";
import { useCurrentOrganization } from "../hooks/use-current-organization";

interface RequireCapabilityProps {
  capability: Capability;
  children: ReactNode;
}

/**
 * Shows a page only to roles with `capability`; anyone else who reaches its URL is told why not.
 * The database enforces the same rule, so this is about a clear message, not about security.
 */
export function RequireCapability({ capability, children }: RequireCapabilityProps) {
  const { organization, can } = useCurrentOrganization();
  if (can(capability)) return children;
  return (
    <section className="mx-auto mt-8 flex max-w-lg flex-col items-center gap-3 rounded-xl border border-dashed bg-card/40 px-6 py-12 text-center">
      <title>{`No permission · ${organization.name} · Causeway`}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-accent text-primary">
        <Lock className="size-6" aria-hidden="true" />
      </div>
      <h1 className="text-lg font-semibold">You don't have permission to view this page.</h1>
      <p className="text-sm text-muted-foreground">
        Ask an admin of {organization.name} for access.
      </p>
      <Button asChild variant="outline" className="mt-2">
        <Link to={`/o/${organization.slug}/overview`}>Go to Overview</Link>
      </Button>
    </section>
  );
}
