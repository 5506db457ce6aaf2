/**
 * Server-sent events both ways: parsing what providers send (the WHATWG event-stream format:
 * `event:`/`data:` fields, comments, LF/CRLF/CR line endings, multi-line data), and encoding the
 * one format the gateway streams to its callers (docs/llm-gateway.md):
 *
 *   event: delta
 *   data: {"text":"Hel"}
 *
 *   event: done
 *   data: {"usage":{"input":12,"output":5,"cached":0},"finish_reason":"stop","latency_ms":420,"ttft_ms":180}
 */
import type { GatewayEvent, SseEvent } from "./types.ts";

/** Response headers for an SSE body. `x-accel-buffering: no` stops proxies buffering it. */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
});

/** Incremental parser: feed text chunks, get complete events back. */
export class SseParser {
  #buffer = "";
  #event = "";
  #data: string[] = [];

  /** Parses `chunk` (any split, even mid-line or between `\r` and `\n`); returns finished events. */
  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const ch = this.#buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      // A trailing "\r" may be the first half of "\r\n": wait for the next chunk.
      if (ch === "\r" && i === this.#buffer.length - 1) break;
      this.#line(this.#buffer.slice(start, i), events);
      if (ch === "\r" && this.#buffer[i + 1] === "\n") i++;
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  /** Ends the input. A final event without its blank line is still dispatched. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#buffer !== "") this.#line(this.#buffer.replace(/\r$/, ""), events);
    this.#buffer = "";
    this.#line("", events);
    return events;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === "") {
      if (this.#data.length > 0) {
        events.push({ event: this.#event || "message", data: this.#data.join("\n") });
      }
      this.#event = "";
      this.#data = [];
      return;
    }
    if (line.startsWith(":")) return; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.#event = value;
    else if (field === "data") this.#data.push(value);
    // `id` and `retry` are irrelevant to a one-shot proxy; unknown fields are ignored per spec.
  }
}

/** A TransformStream from decoded text to SSE events. */
export function sseEventStream(): TransformStream<string, SseEvent> {
  const parser = new SseParser();
  return new TransformStream<string, SseEvent>({
    transform(chunk, controller) {
      for (const event of parser.push(chunk)) controller.enqueue(event);
    },
    flush(controller) {
      for (const event of parser.end()) controller.enqueue(event);
    },
  });
}

/** One gateway event in the wire format. JSON never contains a raw newline, so one data line. */
export function encodeSseEvent(event: GatewayEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export interface EncodeOptions {
  /**
   * Called with the `done` event before it is sent; the fields it returns are merged into its
   * data. The gateway uses it to add `cost_usd`, `run_id` and the experiment ids.
   */
  decorateDone?: (
    data: Extract<GatewayEvent, { event: "done" }>["data"],
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/**
 * Encodes a stream of gateway events as an SSE byte stream, ready to be a Response body.
 * Cancelling the result (the client went away) cancels `events`, which aborts the provider call.
 */
export function encodeSseStream(
  events: ReadableStream<GatewayEvent>,
  options: EncodeOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return events.pipeThrough(
    new TransformStream<GatewayEvent, Uint8Array>({
      async transform(event, controller) {
        if (event.event === "done" && options.decorateDone) {
          const extra = await options.decorateDone(event.data);
          event = { event: "done", data: { ...event.data, ...extra } };
        }
        controller.enqueue(encoder.encode(encodeSseEvent(event)));
      },
    }),
  );
}
