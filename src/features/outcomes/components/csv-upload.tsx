import { useEffect, useMemo, useState } from "react";
import {
  CircleCheckIcon,
  DownloadIcon,
  FileSpreadsheetIcon,
  TriangleAlertIcon,
} from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useMetricDefinitions } from "@/features/taxonomy";
import { errorMessage } from "@/lib/request-error";
import { useCsvCommit } from "../hooks/use-csv-commit";
import { mappingProblems, suggestColumnMapping, type OutcomeColumnMapping } from "../lib/csv";
import {
  prepareImport,
  readCsvFile,
  rejectedRowsFile,
  type MetricCatalog,
  type ParsedCsv,
  type PreparedImport,
} from "../lib/csv-import";
import { saveFile } from "../lib/save-file";
import { ColumnMapping } from "./column-mapping";
import { CsvDropzone } from "./csv-dropzone";
import { CsvErrorList, CsvPreview } from "./csv-preview";
import { ProgressBar } from "./progress-bar";

const count = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

function FileProblem({ message }: { message: string }) {
  return (
    <Alert variant="destructive">
      <TriangleAlertIcon />
      <AlertTitle>The file couldn't be used</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

/** Pick a file, map its columns, check every row, commit the valid ones in chunks. */
export function CsvUpload({ organizationId }: { organizationId: string }) {
  const metrics = useMetricDefinitions(organizationId);
  const [reading, setReading] = useState<{ fileName: string; fraction: number } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<OutcomeColumnMapping>({});
  // The check of the rows for one file, mapping and set of metrics (`inputs`): stale once any
  // of them changes.
  const [check, setCheck] = useState<{
    inputs: object;
    fraction: number;
    result: PreparedImport | null;
  } | null>(null);
  const commit = useCsvCommit(organizationId);

  const catalog: MetricCatalog | undefined = useMemo(
    () =>
      metrics.data &&
      new Map(metrics.data.map((m) => [m.key, { archived: m.archivedAt !== null }])),
    [metrics.data],
  );
  const mappingComplete = mappingProblems(mapping).length === 0;

  const inputs = useMemo(() => ({ parsed, mapping, catalog }), [parsed, mapping, catalog]);
  // Every row is checked again whenever the file, the mapping or the metrics change.
  useEffect(() => {
    if (!parsed || !catalog || !mappingComplete) return;
    const controller = new AbortController();
    const report = (fraction: number, result: PreparedImport | null) => {
      if (!controller.signal.aborted) setCheck({ inputs, fraction, result });
    };
    prepareImport(parsed, mapping, {
      now: new Date(),
      metrics: catalog,
      onProgress: (fraction) => report(fraction, null),
      signal: controller.signal,
    }).then(
      (result) => report(1, result),
      (error: unknown) => {
        if (!controller.signal.aborted) setReadError(errorMessage(error));
      },
    );
    return () => controller.abort();
  }, [inputs, parsed, mapping, catalog, mappingComplete]);
  const current = check?.inputs === inputs ? check : null;
  const prepared = current?.result ?? null;
  const checked = current?.fraction ?? 0;

  async function chooseFile(file: File) {
    commit.reset();
    setParsed(null);
    setReadError(null);
    if (!/\.csv$/i.test(file.name) && file.type !== "text/csv") {
      setReadError(`${file.name} is not a CSV file. Export the sheet as CSV (comma-separated).`);
      return;
    }
    setReading({ fileName: file.name, fraction: 0 });
    try {
      const result = await readCsvFile(file, (fraction) =>
        setReading({ fileName: file.name, fraction }),
      );
      setMapping(suggestColumnMapping(result.headers));
      setParsed(result);
    } catch (error) {
      setReadError(errorMessage(error));
    } finally {
      setReading(null);
    }
  }

  if (metrics.isPending) return <Skeleton className="h-56 w-full" />;
  if (metrics.isError) {
    return (
      <QueryErrorAlert
        title="The outcome metrics couldn't be loaded"
        error={metrics.error}
        onRetry={() => metrics.refetch()}
        isRetrying={metrics.isFetching}
      />
    );
  }

  if (reading) {
    return (
      <div className="grid gap-2 rounded-xl border px-6 py-10">
        <p className="text-sm">Reading {reading.fileName}…</p>
        <ProgressBar value={reading.fraction} label={`Reading ${reading.fileName}`} />
      </div>
    );
  }

  if (!parsed) {
    return (
      <div className="grid gap-4">
        {readError && <FileProblem message={readError} />}
        <CsvDropzone onFile={chooseFile} />
      </div>
    );
  }

  const state = commit.state;
  const committing = state !== null;
  const clientErrors = prepared?.errors ?? [];
  const allErrors = [...clientErrors, ...(state?.progress.errors ?? [])];
  const downloadRejected = () => saveFile(rejectedRowsFile(parsed, allErrors));

  return (
    <div className="grid gap-6">
      {readError && <FileProblem message={readError} />}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex items-center gap-2 text-sm">
          <FileSpreadsheetIcon className="size-4 text-muted-foreground" aria-hidden="true" />
          <span className="font-medium">{parsed.fileName}</span>
          <span className="text-muted-foreground">· {count(parsed.rows.length, "row")}</span>
        </p>
        <Button
          variant="outline"
          size="sm"
          disabled={state?.running}
          onClick={() => {
            commit.reset();
            setParsed(null);
          }}
        >
          Choose another file
        </Button>
      </div>

      {!committing && (
        <ColumnMapping
          headers={parsed.headers}
          mapping={mapping}
          metrics={metrics.data}
          onChange={setMapping}
        />
      )}

      {mappingComplete && !prepared && (
        <div className="grid gap-2" aria-live="polite">
          <p className="text-sm text-muted-foreground">
            Checking {count(parsed.rows.length, "row")}…
          </p>
          <ProgressBar value={checked} label="Checking rows" />
        </div>
      )}

      {prepared && !committing && (
        <section aria-label="Check results" className="grid gap-3">
          <p className="text-sm" aria-live="polite">
            <span className="font-medium">{count(prepared.events.length, "row")} ready</span>
            {prepared.rejectedLines > 0 && (
              <span className="text-destructive">
                {" "}
                · {count(prepared.rejectedLines, "row")} with errors, which will not be recorded
              </span>
            )}
          </p>
          {prepared.rejectedLines > 0 && <CsvErrorList errors={prepared.errors} />}
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={prepared.events.length === 0}
              onClick={() => commit.start(prepared.events)}
            >
              Record {count(prepared.events.length, "outcome")}
            </Button>
            {prepared.rejectedLines > 0 && (
              <Button variant="outline" onClick={downloadRejected}>
                <DownloadIcon aria-hidden="true" />
                Download rejected rows
              </Button>
            )}
          </div>
        </section>
      )}

      {!committing && <CsvPreview parsed={parsed} errors={prepared ? prepared.errors : null} />}

      {state && (
        <section aria-label="Recording" className="grid gap-3">
          <ProgressBar
            value={state.progress.total ? state.progress.done / state.progress.total : 1}
            label="Recording outcomes"
          />
          <p className="flex items-center gap-2 text-sm" aria-live="polite">
            {state.running && <Spinner label="Recording" />}
            Sent {state.progress.done.toLocaleString()} of {count(state.progress.total, "row")}
          </p>
          {state.error && (
            <Alert variant="destructive">
              <TriangleAlertIcon />
              <AlertTitle>Recording stopped after {count(state.progress.done, "row")}</AlertTitle>
              <AlertDescription>
                <p>
                  {state.error} The rows sent before are stored. Retry to send the rest: rows that
                  did get through are recognised and never stored twice.
                </p>
                <Button className="mt-2" size="sm" onClick={commit.retry}>
                  Retry
                </Button>
              </AlertDescription>
            </Alert>
          )}
          {!state.running && !state.error && (
            <Alert>
              <CircleCheckIcon />
              <AlertTitle>Done</AlertTitle>
              <AlertDescription>
                <ul>
                  <li>{count(state.progress.accepted, "outcome")} recorded</li>
                  {state.progress.duplicate > 0 && (
                    <li>{count(state.progress.duplicate, "row")} already recorded before</li>
                  )}
                  {allErrors.length > 0 && (
                    <li>{count(new Set(allErrors.map((e) => e.line)).size, "row")} rejected</li>
                  )}
                </ul>
              </AlertDescription>
            </Alert>
          )}
          {state.progress.errors.length > 0 && <CsvErrorList errors={state.progress.errors} />}
          {!state.running && allErrors.length > 0 && (
            <div>
              <Button variant="outline" onClick={downloadRejected}>
                <DownloadIcon aria-hidden="true" />
                Download rejected rows
              </Button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
