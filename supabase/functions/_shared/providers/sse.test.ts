import assert from "node:assert/strict";
import { encodeSseEvent, encodeSseStream, sseEventStream, SseParser } from "./sse.ts";
import type { GatewayEvent, SseEvent } from "./types.ts";

function parseAll(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

Deno.test("sse: events, comments, default event name, multi-line data, optional space", () => {
  const events = parseAll([
    ": keep-alive\n\nevent: ping\ndata: {}\n\ndata: line one\ndata:line two\n\nid: 7\nretry: 10\n\n",
  ]);
  assert.deepEqual(events, [
    { event: "ping", data: "{}" },
    { event: "message", data: "line one\nline two" },
  ]);
});

Deno.test("sse: LF, CRLF and CR line endings, split anywhere (even between \\r and \\n)", () => {
  const text = "event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n";
  const expected = [
    { event: "a", data: "1" },
    { event: "b", data: "2" },
    { event: "message", data: "3" },
  ];
  assert.deepEqual(parseAll([text]), expected);
  for (let i = 1; i < text.length; i++) {
    assert.deepEqual(parseAll([text.slice(0, i), text.slice(i)]), expected, `split at ${i}`);
  }
  assert.deepEqual(parseAll([...text]), expected, "one character at a time");
});

Deno.test("sse: an event type without data is not dispatched; a final event without blank line is", () => {
  assert.deepEqual(parseAll(["event: lonely\n\ndata: last"]), [{ event: "message", data: "last" }]);
});

Deno.test("sse: sseEventStream parses a byte stream", async () => {
  const bytes = new Blob(["data: a\n", "\ndata: b\n\n"]).stream();
  const events = await Array.fromAsync(
    bytes.pipeThrough(new TextDecoderStream()).pipeThrough(sseEventStream()),
  );
  assert.deepEqual(events, [{ event: "message", data: "a" }, { event: "message", data: "b" }]);
  const unterminated = new Blob(["data: a\n\ndata: last"]).stream();
  assert.deepEqual(
    await Array.fromAsync(
      unterminated.pipeThrough(new TextDecoderStream()).pipeThrough(sseEventStream()),
    ),
    [{ event: "message", data: "a" }, { event: "message", data: "last" }],
  );
});

Deno.test("sse: gateway events are encoded as `event:` + one `data:` JSON line", () => {
  assert.equal(
    encodeSseEvent({ event: "delta", data: { text: "two\nlines" } }),
    'event: delta\ndata: {"text":"two\\nlines"}\n\n',
  );
});

Deno.test("sse: encodeSseStream encodes every event and decorates done", async () => {
  const events: GatewayEvent[] = [
    { event: "delta", data: { text: "Hi" } },
    {
      event: "done",
      data: {
        usage: { input: 1, output: 1, cached: 0 },
        finish_reason: "stop",
        latency_ms: 5,
        ttft_ms: 2,
      },
    },
  ];
  const body = encodeSseStream(ReadableStream.from(events), {
    decorateDone: (done) => Promise.resolve({ cost_usd: done.usage.input * 0.5, run_id: "r1" }),
  });
  assert.equal(
    await new Response(body).text(),
    'event: delta\ndata: {"text":"Hi"}\n\n' +
      'event: done\ndata: {"usage":{"input":1,"output":1,"cached":0},"finish_reason":"stop",' +
      '"latency_ms":5,"ttft_ms":2,"cost_usd":0.5,"run_id":"r1"}\n\n',
  );
});
