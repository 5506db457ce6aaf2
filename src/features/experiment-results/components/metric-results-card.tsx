import type { MetricAnalysis, MetricKind, VariantComparison } from "@shared/stats/index.ts";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { HelpTip } from "@/features/experiments";
import {
  formatAbsolute,
  formatCount,
  formatP,
  formatPercentChange,
  formatProbability,
  formatRelative,
  formatValue,
} from "../lib/format";
import { HELP } from "../lib/help";
import { IntervalBar, type IntervalTone } from "./interval-bar";
import { VerdictBadge } from "./verdict-badge";

const ROLE_LABEL = { primary: "Primary metric", guardrail: "Guardrail", llm: "LLM behaviour" };

/** The interval shown: relative when control's value is not 0, else absolute. */
function shownInterval(v: VariantComparison) {
  return v.comparison?.relative ?? v.comparison?.absolute ?? null;
}

/** Formats changes on the scale of the shown interval. */
function changeFormatter(v: VariantComparison, kind: MetricKind, unit: string) {
  return (x: number) =>
    v.comparison?.relative ? formatRelative(x) : formatAbsolute(x, kind, unit);
}

function toneOf(v: VariantComparison, increaseIsGood: boolean): IntervalTone {
  const interval = shownInterval(v);
  if (!interval) return "neutral";
  if (interval.lower > 0) return increaseIsGood ? "good" : "bad";
  if (interval.upper < 0) return increaseIsGood ? "bad" : "good";
  return "neutral";
}

/** How CUPED was applied to this row, or why not. */
function CupedNote({ v }: { v: VariantComparison }) {
  if (!v.cuped) return null;
  return (
    <span className="block text-muted-foreground">
      {v.cuped.applied
        ? `CUPED: per-unit means, θ = ${v.cuped.theta.toFixed(2)}, variance ${formatPercentChange(-v.cuped.varianceReduction)}`
        : `CUPED not applied: ${v.cuped.reason}.`}
    </span>
  );
}

function ChangeCell({
  v,
  analysis,
  unit,
}: {
  v: VariantComparison;
  analysis: MetricAnalysis;
  unit: string;
}) {
  const { comparison } = v;
  if (!comparison) return <span className="text-muted-foreground">—</span>;
  const { kind } = analysis.metric;
  const format = changeFormatter(v, kind, unit);
  const interval = shownInterval(v)!;
  return (
    <div className="grid gap-0.5">
      <span className="font-medium tabular-nums">{format(interval.estimate)}</span>
      <span className="text-xs text-muted-foreground tabular-nums">
        {format(interval.lower)} to {format(interval.upper)}
      </span>
      {comparison.relative && (
        <span className="text-xs text-muted-foreground tabular-nums">
          {formatAbsolute(comparison.absolute.estimate, kind, unit)}
        </span>
      )}
    </div>
  );
}

export function MetricResultsCard({
  analysis,
  unit,
  controlName,
  intervalLabel,
}: {
  analysis: MetricAnalysis;
  unit: string;
  controlName: string;
  /** "95% interval" or "95% always-valid interval". */
  intervalLabel: string;
}) {
  const { metric, variants } = analysis;
  const increaseIsGood = metric.direction === "increase";
  const perUnit = variants.some((v) => v.cuped?.applied);
  const extent =
    1.1 *
    Math.max(
      1e-9,
      ...variants.flatMap((v) => {
        const interval = shownInterval(v);
        return interval ? [Math.abs(interval.lower), Math.abs(interval.upper)] : [];
      }),
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <h2 className="text-base font-semibold">{metric.label}</h2>
          <Badge variant={metric.role === "primary" ? "default" : "outline"}>
            {ROLE_LABEL[metric.role]}
          </Badge>
        </CardTitle>
        <CardDescription>
          {increaseIsGood ? "Higher is better" : "Lower is better"} ·{" "}
          {perUnit
            ? `each unit's ${metric.kind === "rate" ? "rate" : "average"}, averaged over units and adjusted with CUPED`
            : `${metric.kind === "rate" ? "a rate" : "an average"} per observation`}
        </CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {/* Long headers and cells wrap so the verdict stays on screen at laptop widths. */}
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Variant</TableHead>
              <TableHead className="whitespace-normal">Value vs {controlName}</TableHead>
              <TableHead>
                Change <HelpTip label="change">{HELP.change}</HelpTip>
              </TableHead>
              <TableHead>{intervalLabel}</TableHead>
              <TableHead>
                p-value <HelpTip label="p-value">{HELP.pValue}</HelpTip>
              </TableHead>
              <TableHead className="whitespace-normal">
                Adjusted p <HelpTip label="adjusted p-value">{HELP.adjusted}</HelpTip>
              </TableHead>
              <TableHead className="whitespace-normal">
                Chance to beat control{" "}
                <HelpTip label="chance to beat control">{HELP.chance}</HelpTip>
              </TableHead>
              <TableHead className="whitespace-normal">Sample size</TableHead>
              <TableHead className="min-w-48">Verdict</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {variants.map((v) => {
              const interval = shownInterval(v);
              const format = changeFormatter(v, metric.kind, unit);
              return (
                <TableRow key={v.variant.id}>
                  <TableCell className="font-medium whitespace-normal">{v.variant.name}</TableCell>
                  <TableCell className="tabular-nums">
                    {v.treatment.n > 0 ? formatValue(v.treatment.mean, metric.kind, unit) : "—"}
                    <span className="text-muted-foreground">
                      {" "}
                      vs {v.control.n > 0 ? formatValue(v.control.mean, metric.kind, unit) : "—"}
                    </span>
                  </TableCell>
                  <TableCell>
                    <ChangeCell v={v} analysis={analysis} unit={unit} />
                  </TableCell>
                  <TableCell>
                    {interval ? (
                      <IntervalBar
                        lower={interval.lower}
                        upper={interval.upper}
                        estimate={interval.estimate}
                        extent={extent}
                        tone={toneOf(v, increaseIsGood)}
                        label={`${v.variant.name}: ${intervalLabel} from ${format(interval.lower)} to ${format(interval.upper)}`}
                      />
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell className="tabular-nums">
                    {v.comparison ? formatP(v.comparison.pValue) : "—"}
                  </TableCell>
                  <TableCell className="tabular-nums">
                    {v.adjustedPValue === null ? "—" : formatP(v.adjustedPValue)}
                  </TableCell>
                  <TableCell className="tabular-nums">
                    {v.chanceToBeat === null ? "—" : formatProbability(v.chanceToBeat)}
                  </TableCell>
                  <TableCell className="text-xs whitespace-normal tabular-nums">
                    {formatCount(v.treatment.n)} vs {formatCount(v.control.n)}
                    {v.cuped?.applied ? " units" : ""}
                    <CupedNote v={v} />
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    <div className="grid gap-1">
                      <VerdictBadge decision={v.verdict.decision} />
                      <p className="text-xs text-muted-foreground">{v.verdict.reason}</p>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
