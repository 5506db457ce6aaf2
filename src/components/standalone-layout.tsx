import type { ReactNode } from "react";
import { Link } from "react-router-dom";

import { BrandMark } from "@/components/brand-mark";

interface StandaloneLayoutProps {
  /** The document title, before " · Causeway". */
  title: string;
  /** Shown at the right of the header, e.g. the user menu. */
  headerActions?: ReactNode;
  children: ReactNode;
}

/** A page outside any organization (welcome, no access, not found): logo header, centred column. */
export function StandaloneLayout({ title, headerActions, children }: StandaloneLayoutProps) {
  return (
    <div className="flex min-h-dvh flex-col bg-app-gradient">
      <title>{`${title} · Causeway`}</title>
      <header className="flex h-16 items-center justify-between border-b border-border/60 px-4 md:px-8">
        <Link
          to="/"
          className="rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <BrandMark />
        </Link>
        {headerActions}
      </header>
      <main className="flex flex-1 justify-center px-4 py-12 md:py-16">
        <div className="w-full max-w-2xl">{children}</div>
      </main>
    </div>
  );
}
