// `npm run db:types [-- --check] [-- --db-url URL]`: regenerate src/lib/database.types.ts from the
// database with `supabase gen types`, or (with --check) fail if the committed file is stale.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { repoRoot, stackStateFile } from "./lib/paths";

const typesFile = path.join(repoRoot, "src", "lib", "database.types.ts");
const args = process.argv.slice(2);
const urlFlag = args.indexOf("--db-url");
const dbUrl =
  (urlFlag >= 0 ? args[urlFlag + 1] : undefined) ??
  process.env.DATABASE_URL ??
  (existsSync(stackStateFile)
    ? (JSON.parse(readFileSync(stackStateFile, "utf8")) as { dbUrl: string }).dbUrl
    : undefined);
if (!dbUrl) {
  console.error(
    "No database to read: start `npm run dev`, set DATABASE_URL, or pass --db-url URL.",
  );
  process.exit(2);
}

const generated = execFileSync(
  path.join(repoRoot, "node_modules", ".bin", "supabase"),
  ["gen", "types", "typescript", "--db-url", withoutTls(dbUrl), "--schema", "public"],
  {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DO_NOT_TRACK: "1" },
  },
);
const formatted = await prettier.format(generated, {
  ...(await prettier.resolveConfig(typesFile)),
  filepath: typesFile,
});

if (args.includes("--check")) {
  const current = existsSync(typesFile) ? readFileSync(typesFile, "utf8") : "";
  if (current !== formatted) {
    console.error(
      "src/lib/database.types.ts is out of date with the migrations: run `npm run db:types`.",
    );
    process.exit(1);
  }
  console.log("Database types are current.");
} else {
  writeFileSync(typesFile, formatted);
  console.log(`Wrote ${path.relative(repoRoot, typesFile)}`);
}

/** Local servers have no TLS; without this the CLI prints a TLS warning into the generated file. */
function withoutTls(url: string): string {
  return url.includes("sslmode=") ? url : `${url}${url.includes("?") ? "&" : "?"}sslmode=disable`;
}
