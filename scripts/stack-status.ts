// `npm run stack:status [-- --json]`: where the running dev stack is, for people and scripts.
import { existsSync, readFileSync } from "node:fs";
import { stackStateFile } from "./lib/paths";

interface StackState {
  pid: number;
  appUrl: string;
  apiUrl: string;
  publishableKey: string;
  dbUrl: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const state = existsSync(stackStateFile)
  ? (JSON.parse(readFileSync(stackStateFile, "utf8")) as StackState)
  : undefined;
if (!state || !isAlive(state.pid)) {
  console.error("The Causeway stack is not running. Start it with `npm run dev`.");
  process.exit(1);
}

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      apiUrl: state.apiUrl,
      publishableKey: state.publishableKey,
      dbUrl: state.dbUrl,
    }),
  );
} else {
  console.log(`App              ${state.appUrl}
API              ${state.apiUrl}
Publishable key  ${state.publishableKey}
Database         ${state.dbUrl}`);
}
