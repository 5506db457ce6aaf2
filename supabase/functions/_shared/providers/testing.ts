/** Helpers for the provider tests (not a test file itself). */
import { SseParser } from "./sse.ts";
import type { ChatRequest, ProviderAdapter, StreamStep, StreamSummary } from "./types.ts";

/** Parses SSE text as a provider would send it. */
export function sseEvents(text: string) {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

/** Feeds SSE text to an adapter's stream parser. */
export function parseStream(
  adapter: ProviderAdapter,
  text: string,
): { steps: StreamStep[]; deltas: string[]; summary: StreamSummary } {
  const parser = adapter.createStreamParser();
  const steps = sseEvents(text).map((event) => parser.push(event));
  return { steps, deltas: steps.flatMap((s) => s.deltas), summary: parser.summary() };
}

/** `data: <json>` lines, LF-separated (OpenAI, Gemini) or with `event:` lines (Anthropic). */
export function sseText(
  events: ({ event?: string; data: unknown } | string)[],
  eol = "\n",
): string {
  return events
    .map((e) => {
      if (typeof e === "string") return `data: ${e}${eol}${eol}`;
      const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data);
      return `${e.event ? `event: ${e.event}${eol}` : ""}data: ${data}${eol}${eol}`;
    })
    .join("");
}

export const WEATHER_TOOL = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  },
};

/** A request with every field set. */
export function fullRequest(provider: ChatRequest["provider"], model: string): ChatRequest {
  return {
    provider,
    model,
    system: "You are a concise sales assistant.",
    messages: [
      { role: "user", content: "Hi, is the blue kettle in stock?" },
      { role: "assistant", content: "Yes, 12 left." },
      { role: "user", content: "Ship it to Paris?" },
    ],
    params: {
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 256,
      stop: ["\n\nUser:"],
      tools: [WEATHER_TOOL],
    },
    stream: false,
  };
}

/** The minimal request: no system, no params. */
export function minimalRequest(provider: ChatRequest["provider"], model: string): ChatRequest {
  return {
    provider,
    model,
    messages: [{ role: "user", content: "Hello" }],
    params: {},
    stream: false,
  };
}
