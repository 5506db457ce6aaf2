import { useMemo, useState } from "react";
import { useNavigate, type To } from "react-router-dom";
import { ChevronsUpDown, Plus } from "lucide-react";

import { ROLE_LABELS } from "@/features/auth";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MyOrganization } from "../api/fetch-my-organizations";
import { useCurrentOrganization } from "../hooks/use-current-organization";
import { useMyOrganizations } from "../hooks/use-my-organizations";
import { CreateOrganizationDialog } from "./create-organization-dialog";
import { OrganizationAvatar } from "./organization-avatar";
import { RoleBadge } from "./role-badge";

interface OrganizationSwitcherProps {
  /** Where switching to `organization` leads: the app keeps the current page and filters. */
  destinationFor: (organization: MyOrganization) => To;
}

export function OrganizationSwitcher({ destinationFor }: OrganizationSwitcherProps) {
  const { organization: current } = useCurrentOrganization();
  const organizations = useMyOrganizations();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  const sorted = useMemo(
    () => [...(organizations.data ?? [current])].sort((a, b) => a.name.localeCompare(b.name)),
    [organizations.data, current],
  );

  function switchTo(organizationId: string) {
    const target = sorted.find((organization) => organization.id === organizationId);
    if (target && target.id !== current.id) navigate(destinationFor(target));
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            className="h-10 max-w-96 min-w-0 justify-start gap-2 bg-card/40 px-2"
            aria-label={`${current.name} (${ROLE_LABELS[current.role]}): switch organization`}
          >
            <OrganizationAvatar name={current.name} />
            <span className="truncate font-medium">{current.name}</span>
            <RoleBadge role={current.role} className="hidden sm:inline-flex" />
            <ChevronsUpDown className="ml-auto text-muted-foreground" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-80">
          <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
            Your organizations
          </DropdownMenuLabel>
          <DropdownMenuRadioGroup value={current.id} onValueChange={switchTo}>
            {sorted.map((organization) => (
              <DropdownMenuRadioItem key={organization.id} value={organization.id}>
                <span className="min-w-0 flex-1 truncate">{organization.name}</span>
                <RoleBadge role={organization.role} />
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
