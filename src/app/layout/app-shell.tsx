import { Outlet } from "react-router-dom";

import { NavigationProgress } from "./navigation-progress";
import { DesktopSidebar } from "./sidebar";
import { TopBar } from "./top-bar";

/** The frame of every organization page: sidebar, top bar with filters, and the page. */
export function AppShell() {
  return (
    <div className="min-h-dvh bg-app-gradient">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <NavigationProgress />
      <DesktopSidebar />
      <div className="flex min-h-dvh flex-col lg:pl-64">
        <TopBar />
        <main
          id="main-content"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none md:px-6 lg:px-8 lg:py-8"
        >
          <Outlet />
        </main>
      </div>
    </div>
  );
}
