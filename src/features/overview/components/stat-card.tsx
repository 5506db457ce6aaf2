import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { ArrowRight, RotateCw, type LucideIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
} from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/request-error";

interface StatCardProps {
  title: string;
  icon: LucideIcon;
  value: ReactNode;
  detail: ReactNode;
  isPending?: boolean;
  error?: unknown;
  onRetry?: () => void;
  link?: { to: string; label: string };
}

export function StatCard({
  title,
  icon: Icon,
  value,
  detail,
  isPending,
  error,
  onRetry,
  link,
}: StatCardProps) {
  return (
    <Card className="gap-3 py-5">
      <CardHeader className="px-5">
        <CardDescription className="font-medium">
          <h2>{title}</h2>
        </CardDescription>
        <CardAction>
          <span className="flex size-9 items-center justify-center rounded-lg bg-primary/15 text-primary">
            <Icon className="size-4.5" aria-hidden="true" />
          </span>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-1 px-5">
        {isPending ? (
          <Skeleton className="h-9 w-20" aria-label={`Loading ${title.toLowerCase()}`} />
        ) : error ? (
          <div className="grid justify-items-start gap-2" role="alert">
            <p className="text-sm text-destructive">{errorMessage(error)}</p>
            {onRetry ? (
              <Button variant="outline" size="sm" onClick={onRetry}>
                <RotateCw />
                Try again
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="text-3xl font-semibold tracking-tight tabular-nums">{value}</p>
        )}
        <p className="text-sm text-muted-foreground">{detail}</p>
      </CardContent>
      {link ? (
        <CardFooter className="mt-auto px-5">
          <Link
            to={link.to}
            className="inline-flex items-center gap-1 rounded-sm text-sm font-medium text-primary outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            {link.label}
            <ArrowRight className="size-3.5" aria-hidden="true" />
          </Link>
        </CardFooter>
      ) : null}
    </Card>
  );
}
