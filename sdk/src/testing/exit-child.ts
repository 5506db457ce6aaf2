/**
 * A Node process that tracks one event and then ends, for exit.test.ts:
 *   node --import tsx exit-child.ts <baseUrl> <apiKey> <key> natural|sigterm|sigterm-handled [no-hook]
 * natural: nothing else to do, the process ends on its own (beforeExit).
 * sigterm: keeps running like a server until it gets SIGTERM.
 * sigterm-handled: same, with the app's own SIGTERM handler: it awaits shutdown(), exits with 7.
 */
import { Causeway } from "../index.ts";

const [baseUrl, apiKey, key, mode, hook] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const client = new Causeway({
  apiKey,
  baseUrl,
  flushIntervalMs: 3_600_000,
  flushOnExit: hook !== "no-hook",
  onError: (error) => console.error(error.kind, error.message),
});
client.trackOutcome({ metric_key: "conversion", value: 1, account: "acme", idempotency_key: key });

if (mode !== "natural") {
  setInterval(() => {}, 60_000); // a server would keep the process alive like this
  if (mode === "sigterm-handled") {
    // The app's own graceful shutdown: it waits for the SDK, then exits its own way.
    process.on("SIGTERM", () => {
      void client.shutdown().then(() => process.exit(7));
    });
  }
  process.stdout.write("ready\n");
}
