// Run from the repo root: node_modules/.bin/deno serve --config supabase/functions/deno.json --allow-net --allow-env --allow-read --host 127.0.0.1 --port 54321 scripts/edge-runtime/router.ts
/**
 * Local stand-in for the hosted Supabase edge runtime (which needs Docker locally): one
 * `deno serve` process that routes `/functions/v1/<name>[/rest]` to the default export
 * (`{ fetch }`) of `supabase/functions/<name>/index.ts`, with the URL path rewritten to
 * `/<name>[/rest]` (query string kept), as hosted Supabase does. Folders starting with `_`
 * (e.g. `_shared`) are never functions. Modules are imported on first use.
 *
 * Differences from hosted: no JWT verification (verify_jwt), no per-function isolates or
 * resource limits, all functions share one process and one set of environment variables.
 *
 * Lives outside supabase/functions so the supabase CLI never deploys it.
 */
import { corsHeaders, preflightResponse } from "../../supabase/functions/_shared/cors.ts";

export interface FetchHandler {
  fetch(req: Request): Promise<Response>;
}

export interface RouterOptions {
  /** Log one line per request to stdout. Default false. */
  log?: boolean;
}

interface FunctionModule {
  default?: { fetch?: (req: Request) => Response | Promise<Response> };
}

const PREFIX = "/functions/v1/";
const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function errorJson(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { ...corsHeaders, "content-type": "application/json; charset=utf-8" },
  });
}

/** Names of the deployable functions in `functionsDir`: folders with an index.ts, not `_*`. */
export async function listFunctions(functionsDir: URL): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(functionsDir)) {
    if (!entry.isDirectory || !FUNCTION_NAME.test(entry.name)) continue;
    if (await isFile(new URL(`${entry.name}/index.ts`, functionsDir))) names.push(entry.name);
  }
  return names.sort();
}

async function isFile(url: URL): Promise<boolean> {
  try {
    return (await Deno.stat(url)).isFile;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

export function createRouter(functionsDir: URL, options: RouterOptions = {}): FetchHandler {
  const dir = functionsDir.href.endsWith("/") ? functionsDir : new URL(`${functionsDir.href}/`);
  const modules = new Map<string, Promise<FetchHandler>>();

  /** The function's handler, or undefined when no such function exists. Imports on first use. */
  async function load(name: string): Promise<FetchHandler | undefined> {
    if (!FUNCTION_NAME.test(name)) return undefined;
    const cached = modules.get(name);
    if (cached) return await cached;
    const entry = new URL(`${name}/index.ts`, dir);
    if (!(await isFile(entry))) return undefined;
    const loading = import(entry.href).then((mod: FunctionModule) => {
      const fetchFn = mod.default?.fetch;
      if (typeof fetchFn !== "function") {
        throw new Error(
          `${name}/index.ts must \`export default { fetch }\` (use defineFunction from _shared/http.ts)`,
        );
      }
      return { fetch: async (req: Request) => await fetchFn.call(mod.default, req) };
    });
    modules.set(name, loading);
    // A module that failed to load is retried on the next request (after the file is fixed).
    loading.catch(() => modules.delete(name));
    return await loading;
  }

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (!url.pathname.startsWith(PREFIX)) {
      if (req.method === "OPTIONS") return preflightResponse();
      return errorJson(404, "not_found", `No route for ${url.pathname}; use ${PREFIX}<name>.`);
    }
    const rest = url.pathname.slice(PREFIX.length);
    const slash = rest.indexOf("/");
    const name = slash === -1 ? rest : rest.slice(0, slash);
    const subPath = slash === -1 ? "" : rest.slice(slash);

    let fn: FetchHandler | undefined;
    try {
      fn = await load(name);
    } catch (err) {
      console.error(`[edge-runtime] failed to load function "${name}":`, err);
      return errorJson(500, "function_load_failed", `Function "${name}" failed to load.`);
    }
    if (!fn) {
      // Answer preflights anyway so the browser gets to see the 404 of the real request.
      if (req.method === "OPTIONS") return preflightResponse();
      return errorJson(404, "function_not_found", `Function "${name}" was not found.`);
    }

    const target = new URL(url);
    target.pathname = `/${name}${subPath}`;
    // Not `new Request(target, req)`: that reads req.signal, which makes Deno.serve warn about
    // its legacy abort-on-response behaviour. Client disconnects are not forwarded locally.
    const forwarded = new Request(target, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: req.redirect,
    });
    try {
      return await fn.fetch(forwarded);
    } catch (err) {
      console.error(`[edge-runtime] function "${name}" threw:`, err);
      return errorJson(500, "internal_error", "An unexpected error occurred.");
    }
  }

  return {
    async fetch(req: Request): Promise<Response> {
      const started = performance.now();
      const res = await route(req);
      if (options.log) {
        const ms = (performance.now() - started).toFixed(1);
        console.log(`${req.method} ${new URL(req.url).pathname} -> ${res.status} (${ms} ms)`);
      }
      return res;
    },
  };
}

const router: FetchHandler = createRouter(new URL("../../supabase/functions/", import.meta.url), {
  log: Deno.env.get("EDGE_RUNTIME_LOG") !== "0",
});

export default router satisfies Deno.ServeDefaultExport;
