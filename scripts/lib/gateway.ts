import http from "node:http";
import { Readable } from "node:stream";
import type { SupabaseApi } from "./supabase-api";

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD",
  "access-control-allow-headers":
    "apikey, authorization, content-type, content-profile, accept-profile, prefer, range, x-client-info, x-supabase-api-version, idempotency-key, x-causeway-signature, x-causeway-timestamp",
  "access-control-expose-headers": "content-range, content-location, x-supabase-api-version",
  "access-control-max-age": "86400",
};

export interface Gateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Plays the part of hosted Supabase's API gateway: one origin that serves /rest/v1 and /auth/v1
 * (from @supabase/lite, in process) and /functions/v1 (proxied to the Deno edge runtime), with CORS
 * answered the same way for all of them.
 */
export async function startGateway(options: {
  api: SupabaseApi;
  port: number;
  functionsUrl: string;
}): Promise<Gateway> {
  const server = http.createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error("[gateway]", error);
      if (!res.headersSent)
        res.writeHead(502, { "content-type": "application/json", ...CORS_HEADERS });
      res.end(JSON.stringify({ message: "Gateway error: the upstream service failed" }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  options: { api: SupabaseApi; functionsUrl: string },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = req.url ?? "/";
  if (url.startsWith("/functions/v1/")) {
    await proxy(`${options.functionsUrl}${url}`, req, res);
    return;
  }
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${url}`, {
    method: req.method,
    headers: toHeaders(req.headers),
    body: body ? new Uint8Array(body) : undefined,
  });
  const response = await options.api.fetch(request, {
    peerAddress: req.socket.remoteAddress ?? null,
  });
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, key) => {
    if (key !== "content-length" && key !== "content-encoding") headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Streams both ways so server-sent events from functions reach the client as they are written. */
async function proxy(
  target: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const body =
    req.method === "GET" || req.method === "HEAD"
      ? undefined
      : (Readable.toWeb(req) as ReadableStream);
  const upstream = await fetch(target, {
    method: req.method,
    headers: toHeaders(req.headers),
    body,
    redirect: "manual",
    ...(body ? { duplex: "half" } : {}),
  } as RequestInit);
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, key) => {
    if (key !== "content-length" && key !== "content-encoding" && key !== "transfer-encoding")
      headers[key] = value;
  });
  res.writeHead(upstream.status, headers);
  if (!upstream.body) {
    res.end();
    return;
  }
  for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

function toHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (value === undefined || key === "host" || key === "connection") continue;
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
