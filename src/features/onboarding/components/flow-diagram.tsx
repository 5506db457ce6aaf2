import { Fragment } from "react";
import { ArrowDown, ArrowRight } from "lucide-react";

import { cn } from "@/lib/utils";

export interface FlowNode {
  kind: "Intent" | "Capability" | "Actions" | "Prompt" | "Outcome";
  items: string[];
  detail?: string;
}

const TONES: Record<FlowNode["kind"], string> = {
  Intent: "border-sky-500/50 bg-sky-500/10",
  Capability: "border-violet-500/50 bg-violet-500/10",
  Actions: "border-amber-500/50 bg-amber-500/10",
  Prompt: "border-primary/50 bg-primary/10",
  Outcome: "border-emerald-500/50 bg-emerald-500/10",
};

/**
 * The experiment's flow, left to right on wide screens and top to bottom on narrow ones. Plain
 * HTML, so it reads as an ordered list to assistive technology.
 */
export function FlowDiagram({ nodes }: { nodes: FlowNode[] }) {
  return (
    <ol
      aria-label="Experiment flow"
      className="flex flex-col items-stretch gap-2 lg:flex-row lg:items-center"
    >
      {nodes.map((node, index) => (
        <Fragment key={node.kind}>
          {index > 0 ? (
            <li aria-hidden="true" className="flex justify-center text-muted-foreground">
              <ArrowRight className="hidden size-5 lg:block" />
              <ArrowDown className="size-5 lg:hidden" />
            </li>
          ) : null}
          <li className={cn("min-w-0 flex-1 rounded-lg border p-3", TONES[node.kind])}>
            <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {node.kind}
            </p>
            <ul className="mt-1 grid gap-0.5">
              {node.items.map((item) => (
                <li key={item} className="line-clamp-2 font-mono text-sm break-words" title={item}>
                  {item}
                </li>
              ))}
            </ul>
            {node.detail ? (
              <p className="mt-1 text-xs break-words text-muted-foreground" title={node.detail}>
                {node.detail}
              </p>
            ) : null}
          </li>
        </Fragment>
      ))}
    </ol>
  );
}
