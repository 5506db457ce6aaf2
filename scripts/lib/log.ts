const started = Date.now();

/** Prefixed, timestamped progress lines so a slow step is visible in CI logs. */
export function log(scope: string, message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`${seconds}s [${scope}] ${message}`);
}
