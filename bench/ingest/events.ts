// Realistic `run` events for bench/ingest: every field a real run has, a unique idempotency key
// each, deterministic for a given (prefix, index) so the client and the COPY path build the same.
import type { RunEventInput } from "../../supabase/functions/_shared/ingest-events";

const MODELS = [
  ["openai", "gpt-4o"],
  ["openai", "gpt-4o-mini"],
  ["anthropic", "claude-sonnet-4-5"],
  ["gemini", "gemini-2.5-pro"],
] as const;
const CAPABILITIES = [
  ["QualifyLead", "score", "pricing_question"],
  ["SupportChat", "answer", "order_status"],
  ["SupportChat", "answer", "refund_request"],
  ["BookAppointment", "schedule", "demo_request"],
] as const;
const TOOLS = ["crm_lookup", "order_lookup", "calendar_slots", "kb_search"];
const QUESTION =
  "Hi, I ordered a pair of running shoes last Tuesday and the tracking page has not moved since. " +
  "Can you tell me where the parcel is and whether it will arrive before the weekend?";
const RESPONSE =
  "Thanks for your patience! Your order left our warehouse on Wednesday and is with the carrier. " +
  "The latest scan shows it at the regional hub, and the estimated delivery is Friday before 6 pm. " +
  "I've added a note to your order; if it has not arrived by Saturday, reply here and I'll ship a " +
  "replacement right away.";

/** A deterministic uuid from two numbers (version-4 shaped). */
function uuidFrom(a: number, b: number): string {
  const hex = (n: number, width: number) =>
    (n >>> 0).toString(16).padStart(width, "0").slice(-width);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-8${hex(a * 7 + b, 3)}-${hex(b * 31 + 17, 4)}${hex(a ^ b, 8)}`;
}

/** The `index`-th run of the series `series` (a small integer per benchmark phase). */
export function runEvent(series: number, index: number, now: number): RunEventInput {
  const [provider, model] = MODELS[index % MODELS.length]!;
  const [capability, action, intent] = CAPABILITIES[(index >> 2) % CAPABILITIES.length]!;
  const failed = index % 50 === 0;
  const latency = 400 + ((index * 37) % 2600);
  const tokensIn = 300 + ((index * 13) % 1500);
  const tools = index % 3;
  return {
    type: "run",
    idempotency_key: `bench-${series}-${index}`,
    occurred_at: new Date(now - ((index * 7919) % (30 * 86_400_000))).toISOString(),
    run: {
      id: uuidFrom(series + 0xb0000000, index),
      external_id: `bench-run-${series}-${index}`,
      conversation_id: `conv-${series}-${Math.floor(index / 4)}`,
      account: `account-${index % 200}`,
      end_user_id: `user-${index % 5000}`,
      capability,
      action,
      intent,
      experiment_id: uuidFrom(1, 1),
      variant_id: uuidFrom(1, 2 + (index % 2)),
      version_id: uuidFrom(2, 1 + (index % 2)),
      provider,
      model,
      latency_ms: latency,
      time_to_first_token_ms: Math.round(latency / 4),
      tokens_in: tokensIn,
      tokens_out: 80 + ((index * 17) % 600),
      tokens_cached: index % 4 === 0 ? Math.floor(tokensIn / 2) : 0,
      cost_usd: Math.round(tokensIn * 0.0000025 * 1e6) / 1e6,
      status: failed ? "error" : "ok",
      ...(failed ? { error_type: "rate_limited", error_message: "429 from provider" } : {}),
      is_manual: index % 5 === 0,
      tool_calls: Array.from({ length: tools }, (_, t) => ({
        name: TOOLS[(index + t) % TOOLS.length]!,
        duration_ms: 20 + ((index + t * 11) % 300),
        ok: (index + t) % 17 !== 0,
      })),
      question: QUESTION,
      response: failed ? undefined : RESPONSE,
      metadata: { sdk: "bench", region: index % 2 ? "eu-west-1" : "us-east-1", attempt: 1 },
    },
  };
}
