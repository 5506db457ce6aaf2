// `npm run demo:data [-- --scale <runs>] [--seed <n>] [--end <ISO time>] [--force] [--plan]`:
// (re)loads Acme Commerce's demo year (docs/demo-data.md) into the running dev stack's database,
// DATABASE_URL, or else the local embedded database (started, migrated and seeded for the load).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { z } from "zod";
import {
  DEMO_SEED,
  ensureDemoData,
  loadedDemo,
  loadServingContext,
  QUICK_RUNS,
} from "./lib/demo-data";
import { planDemo } from "./lib/demo-data-model";
import { loadOrCreateKeys } from "./lib/keys";
import { dataDir, stackStateFile } from "./lib/paths";
import { prepareDatabase } from "./lib/stack";

process.env.DO_NOT_TRACK = "1";

const argsSchema = z.strictObject({
  scale: z.coerce.number().int().min(1).max(50_000_000).default(QUICK_RUNS),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(DEMO_SEED),
  end: z.coerce.date().optional(),
  force: z.boolean().default(false),
  plan: z.boolean().default(false),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument ${arg}`);
    const name = arg.slice(2);
    if (!(name in argsSchema.shape)) {
      throw new Error(`Unknown option ${arg}: use --scale, --seed, --end, --force or --plan`);
    }
    if (name === "force" || name === "plan") raw[name] = true;
    else if (argv[i + 1] === undefined) throw new Error(`--${name} needs a value`);
    else raw[name] = argv[++i]!;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `--${i.path.join(".") || "?"}: ${i.message}`).join("\n"),
    );
  }
  return parsed.data;
}

function runningStackDbUrl(): string | undefined {
  if (!existsSync(stackStateFile)) return undefined;
  const state = JSON.parse(readFileSync(stackStateFile, "utf8")) as { pid: number; dbUrl: string };
  try {
    process.kill(state.pid, 0);
    return state.dbUrl;
  } catch {
    return undefined;
  }
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL ?? runningStackDbUrl();
const prepared = databaseUrl
  ? undefined
  : await prepareDatabase({
      postgresDir: path.join(dataDir, "postgres"),
      postgresPort: 54322,
      keys: loadOrCreateKeys(path.join(dataDir, "keys.json")),
      seed: true,
    });
const sql = prepared?.sql ?? postgres(databaseUrl!, { onnotice: () => {}, max: 2 });

try {
  if (args.plan) {
    // The loaded data's plan unless another end is asked for.
    const end = args.end ?? (await loadedDemo(sql))?.end ?? new Date();
    const plan = planDemo(await loadServingContext(sql), end);
    console.log(JSON.stringify(plan, null, 2));
  } else {
    const result = await ensureDemoData(sql, {
      runs: args.scale,
      seed: args.seed,
      end: args.end,
      force: args.force,
    });
    if (result.rollupSeconds === null && !result.skipped) {
      console.log("(private.refresh_rollups() does not exist yet: no rollups refreshed)");
    }
  }
} finally {
  await sql.end({ timeout: 5 });
  await prepared?.pg.stop();
}
