import type { ReactNode } from "react";
import { Link } from "react-router-dom";

import { BrandMark } from "@/components/brand-mark";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

interface AuthLayoutProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of every signed-out page: logo, one card, and a line of links under it. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-app-gradient px-4 py-12">
      <title>{`${title} · Causeway`}</title>
      <Link
        to="/"
        className="mb-3 rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        <BrandMark />
      </Link>
      <p className="mb-8 text-sm text-muted-foreground">
        LLM experimentation and outcome attribution
      </p>
      <main className="w-full max-w-md">
        <Card>
          <CardHeader>
            <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
        {footer ? (
          <div className="mt-6 text-center text-sm text-muted-foreground">{footer}</div>
        ) : null}
      </main>
    </div>
  );
}
