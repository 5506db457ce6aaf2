import { useState } from "react";
import { Link } from "react-router-dom";
import { Menu } from "lucide-react";

import { useCurrentOrganization } from "@/features/organizations";
import { BrandMark } from "@/components/brand-mark";
import { Button } from "@/components/ui/button";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { SidebarNav } from "./sidebar-nav";

function HomeLink() {
  const { organization } = useCurrentOrganization();
  return (
    <Link
      to={`/o/${organization.slug}/overview`}
      className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring"
    >
      <BrandMark />
    </Link>
  );
}

/** The fixed sidebar from the lg breakpoint up. */
export function DesktopSidebar() {
  return (
    <aside className="fixed inset-y-0 left-0 z-40 hidden w-64 flex-col border-r border-sidebar-border bg-sidebar/90 backdrop-blur lg:flex">
      <div className="flex h-16 items-center px-5">
        <HomeLink />
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-4">
        <SidebarNav />
      </div>
    </aside>
  );
}

/** Below lg the same navigation opens in a sheet from the menu button. */
export function MobileSidebar() {
  const [open, setOpen] = useState(false);
  const { organization } = useCurrentOrganization();
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open navigation">
          <Menu />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72 bg-sidebar p-0">
        <SheetHeader className="h-16 justify-center px-5">
          <SheetTitle className="sr-only">Navigation</SheetTitle>
          <SheetDescription className="sr-only">Pages of {organization.name}</SheetDescription>
          <HomeLink />
        </SheetHeader>
        <div className="px-3 py-2">
          <SidebarNav onNavigate={() => setOpen(false)} />
        </div>
      </SheetContent>
    </Sheet>
  );
}
