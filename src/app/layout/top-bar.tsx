import { useCallback } from "react";
import { useLocation } from "react-router-dom";

import { UserMenu } from "@/features/auth";
import { NotificationBell } from "@/features/notifications";
import { FilterBar, FilterWarnings } from "@/features/filters";
import { OrganizationSwitcher, type MyOrganization } from "@/features/organizations";
import { CopyLinkButton } from "./copy-link-button";
import { switchOrganizationDestination } from "./organization-pages";
import { MobileSidebar } from "./sidebar";

export function TopBar() {
  const location = useLocation();
  const destinationFor = useCallback(
    (organization: MyOrganization) => switchOrganizationDestination(location, organization),
    [location],
  );

  return (
    <header className="sticky top-0 z-30 border-b border-border/70 bg-background/75 backdrop-blur-md">
      {/* Below xl the filters take a second row; from xl everything fits on one. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 md:px-6">
        <MobileSidebar />
        <OrganizationSwitcher destinationFor={destinationFor} />
        <div className="order-last w-full xl:order-none xl:w-auto xl:flex-1">
          <FilterBar />
        </div>
        <div className="ml-auto flex items-center gap-2">
          <CopyLinkButton />
          <NotificationBell />
          <UserMenu />
        </div>
      </div>
      <FilterWarnings className="border-t border-warning/30 bg-warning/10 px-4 py-1.5 md:px-6" />
    </header>
  );
}
