import { Link } from "react-router-dom";
import { ArrowRight, CheckCircle2, Circle } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

export interface ChecklistItem {
  id: string;
  title: string;
  description: string;
  done: boolean;
  action: { to: string; label: string };
}

interface GettingStartedChecklistProps {
  items: ChecklistItem[];
  isPending: boolean;
}

export function GettingStartedChecklist({ items, isPending }: GettingStartedChecklistProps) {
  const doneCount = items.filter((item) => item.done).length;
  const allDone = doneCount === items.length;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{allDone && !isPending ? "You're all set" : "Getting started"}</h2>
        </CardTitle>
        <CardDescription>
          {isPending
            ? "Checking your organization's setup…"
            : `${doneCount} of ${items.length} done`}
        </CardDescription>
        {isPending ? null : (
          <div
            role="progressbar"
            aria-label="Setup progress"
            aria-valuemin={0}
            aria-valuemax={items.length}
            aria-valuenow={doneCount}
            className="mt-2 h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div
              className="h-full rounded-full bg-linear-to-r from-primary to-blue-500 transition-[width]"
              style={{ width: `${(doneCount / items.length) * 100}%` }}
            />
          </div>
        )}
      </CardHeader>
      <CardContent>
        {isPending ? (
          <div className="grid gap-3">
            {items.map((item) => (
              <Skeleton key={item.id} className="h-14 w-full" />
            ))}
          </div>
        ) : (
          <ul className="grid gap-2">
            {items.map((item) => (
              <li
                key={item.id}
                className={cn(
                  "flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border px-4 py-3",
                  item.done ? "bg-success/5" : "bg-background/40",
                )}
              >
                {item.done ? (
                  <CheckCircle2 className="size-5 shrink-0 text-success" aria-hidden="true" />
                ) : (
                  <Circle className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
                )}
                <div className="min-w-0 flex-1">
                  <p
                    className={cn(
                      "font-medium",
                      item.done && "text-muted-foreground line-through decoration-1",
                    )}
                  >
                    {item.title}
                    <span className="sr-only">{item.done ? " (done)" : " (not done yet)"}</span>
                  </p>
                  <p className="text-sm text-muted-foreground">{item.description}</p>
                </div>
                {item.done ? null : (
                  <Link
                    to={item.action.to}
                    className="inline-flex items-center gap-1 rounded-sm text-sm font-medium text-primary outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    {item.action.label}
                    <ArrowRight className="size-3.5" aria-hidden="true" />
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
