// The demo data's generative model: a year of Acme Commerce traffic as conversations of LLM runs,
// with the outcomes, feedback and agent lifecycle events they lead to. Pure and deterministic: the
// same context, options and seed give the same rows, byte for byte (one seeded PRNG, consumed in
// the same order whichever tables a caller keeps). docs/demo-data.md lists the planted effects.
import { createHash } from "node:crypto";

export interface ServingContext {
  organizationId: string;
  experiments: Array<{
    id: string;
    capability: string;
    salt: string;
    activatedAt: Date | null;
    pausedAt: Date | null;
    archivedAt: Date | null;
  }>;
  variants: Array<{
    id: string;
    experimentId: string;
    key: string;
    versionId: string;
    allocationBp: number;
    position: number;
    isControl: boolean;
  }>;
  versions: Array<{
    id: string;
    provider: string;
    model: string;
    maxTokens: number | null;
    tools: string[];
  }>;
  deployments: Array<{
    id: string;
    capability: string;
    action: string | null;
    intent: string | null;
    versionId: string;
    experimentId: string | null;
    kind: "deploy" | "rollback";
    replacedDeploymentId: string | null;
    deployedAt: Date;
    supersededAt: Date | null;
  }>;
}

export interface GenerateOptions {
  /** Number of llm_runs rows, exactly. */
  runs: number;
  seed: number;
  /** The data covers the year before this instant. */
  end: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Days before the end of the data (UTC midnight) of the planted events not tied to the seed. */
export const PLANTED_DAYS = {
  qualifyModelSwitch: 200,
  bookDemoFlash: 150,
  qualifyContext: 90,
  openaiOutage: 47,
  northwindCrm: 20,
} as const;
export const OUTAGE_HOURS = { from: 13, to: 16 } as const;
export const RECENT_TEXT_DAYS = 14;
/** Conversion multipliers of the planted effects (docs/demo-data.md). */
export const LIFT_FACTOR = 2.5;
export const INCIDENT_CONVERSION_FACTOR = 0.05;
export const NORTHWIND = "northwind-traders";

/** When and where the planted effects are, for a context and end (docs/demo-data.md). */
export interface DemoPlan {
  start: Date;
  end: Date;
  qualifyModelSwitchAt: Date;
  bookDemoFlashAt: Date;
  qualifyContextAt: Date;
  outage: { from: Date; to: Date };
  northwindCrmFrom: Date;
  blackFriday: { from: Date; to: Date } | null;
  lift: {
    experimentId: string;
    controlVariantId: string;
    treatmentVariantId: string;
    intent: string;
  };
  incident: {
    capability: string;
    versionId: string;
    restoredVersionId: string;
    deployedAt: Date;
    rolledBackAt: Date;
    experimentId: string | null;
    experimentVariantId: string | null;
  };
}

export function planDemo(context: ServingContext, end: Date): DemoPlan {
  const midnight = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const daysBefore = (days: number) => new Date(midnight - days * DAY);
  const start = new Date(end.getTime() - 365 * DAY);

  const qualify = context.experiments.find((e) => e.capability === "QualifyLead" && e.activatedAt);
  const qualifyVariants = context.variants.filter((v) => v.experimentId === qualify?.id);
  const control = qualifyVariants.find((v) => v.isControl);
  const treatment = qualifyVariants.find((v) => !v.isControl);
  if (!qualify || !control || !treatment) {
    throw new Error("Demo data needs the seed's QualifyLead experiment (supabase/seed.sql)");
  }
  // The incident is the seed's rollback: what it replaced was the bad version.
  const rollback = context.deployments.find((d) => d.kind === "rollback");
  const bad = context.deployments.find((d) => d.id === rollback?.replacedDeploymentId);
  if (!rollback || !bad) {
    throw new Error("Demo data needs the seed's rollback deployment (supabase/seed.sql)");
  }
  // The bad version was a variant of the experiment before it went to everyone.
  const badVariant = context.variants.find((v) => v.versionId === bad.versionId);

  return {
    start,
    end,
    qualifyModelSwitchAt: daysBefore(PLANTED_DAYS.qualifyModelSwitch),
    bookDemoFlashAt: daysBefore(PLANTED_DAYS.bookDemoFlash),
    qualifyContextAt: daysBefore(PLANTED_DAYS.qualifyContext),
    outage: {
      from: new Date(daysBefore(PLANTED_DAYS.openaiOutage).getTime() + OUTAGE_HOURS.from * HOUR),
      to: new Date(daysBefore(PLANTED_DAYS.openaiOutage).getTime() + OUTAGE_HOURS.to * HOUR),
    },
    northwindCrmFrom: daysBefore(PLANTED_DAYS.northwindCrm),
    blackFriday: blackFridayWeekend(start, end),
    lift: {
      experimentId: qualify.id,
      controlVariantId: control.id,
      treatmentVariantId: treatment.id,
      intent: "PriceCheck",
    },
    incident: {
      capability: bad.capability,
      versionId: bad.versionId,
      restoredVersionId: rollback.versionId,
      deployedAt: bad.deployedAt,
      rolledBackAt: rollback.deployedAt,
      experimentId: badVariant?.experimentId ?? null,
      experimentVariantId: badVariant?.id ?? null,
    },
  };
}

/** Black Friday to Cyber Monday (US) of the last such weekend inside [start, end). */
function blackFridayWeekend(start: Date, end: Date): { from: Date; to: Date } | null {
  for (let year = end.getUTCFullYear(); year >= start.getUTCFullYear(); year--) {
    const november = new Date(Date.UTC(year, 10, 1));
    const firstThursday = 1 + ((4 - november.getUTCDay() + 7) % 7);
    const from = new Date(Date.UTC(year, 10, firstThursday + 22));
    const to = new Date(from.getTime() + 4 * DAY);
    if (from >= start && to <= end) return { from, to };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Randomness: sfc32 seeded through splitmix32, so every (seed) gives one fixed stream.

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  hex(length: number): string {
    let out = "";
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, length);
  }
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The world: models, taxonomy mix, the customer's own end customers (accounts).

interface ModelProfile {
  provider: string;
  latencyMedianMs: number;
  latencySigma: number;
  /** USD per million tokens. */
  priceIn: number;
  priceOut: number;
  priceCached: number;
}

export const MODEL_PROFILES: Record<string, ModelProfile> = {
  "gpt-4o-mini": {
    provider: "openai",
    latencyMedianMs: 850,
    latencySigma: 0.45,
    priceIn: 0.15,
    priceOut: 0.6,
    priceCached: 0.075,
  },
  "gpt-4o": {
    provider: "openai",
    latencyMedianMs: 1700,
    latencySigma: 0.5,
    priceIn: 2.5,
    priceOut: 10,
    priceCached: 1.25,
  },
  "claude-3-5-sonnet-20241022": {
    provider: "anthropic",
    latencyMedianMs: 2100,
    latencySigma: 0.5,
    priceIn: 3,
    priceOut: 15,
    priceCached: 0.3,
  },
  "gemini-1.5-pro": {
    provider: "gemini",
    latencyMedianMs: 1500,
    latencySigma: 0.5,
    priceIn: 1.25,
    priceOut: 5,
    priceCached: 0.3125,
  },
  "gemini-1.5-flash": {
    provider: "gemini",
    latencyMedianMs: 650,
    latencySigma: 0.4,
    priceIn: 0.075,
    priceOut: 0.3,
    priceCached: 0.01875,
  },
};
const DEFAULT_PROFILE: ModelProfile = {
  provider: "openai",
  latencyMedianMs: 1200,
  latencySigma: 0.5,
  priceIn: 1,
  priceOut: 4,
  priceCached: 0.5,
};

const CAPABILITIES = [
  ["QualifyLead", 0.44],
  ["RecommendProduct", 0.4],
  ["BookDemo", 0.16],
] as const;
const INTENTS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  QualifyLead: [
    ["ProductQuestion", 0.38],
    ["PriceCheck", 0.4],
    ["ScheduleMeeting", 0.1],
    ["CheckOrderStatus", 0.12],
  ],
  RecommendProduct: [
    ["ProductQuestion", 0.75],
    ["PriceCheck", 0.25],
  ],
  BookDemo: [
    ["ScheduleMeeting", 0.9],
    ["ProductQuestion", 0.1],
  ],
};
const BASE_TOKENS_IN: Record<string, number> = {
  QualifyLead: 700,
  RecommendProduct: 1100,
  BookDemo: 600,
};
const CONVERSION_BASE: Record<string, number> = {
  ProductQuestion: 0.13,
  PriceCheck: 0.11,
  ScheduleMeeting: 0.32,
};
const ORDER_VALUE_MEDIAN: Record<string, number> = {
  QualifyLead: 180,
  RecommendProduct: 95,
  BookDemo: 240,
};
const TOOLS: Record<string, { tool: string; medianMs: number }> = {
  UserLookup: { tool: "crm_lookup", medianMs: 120 },
  CreateQuote: { tool: "create_quote", medianMs: 300 },
  GetAvailability: { tool: "calendar_availability", medianMs: 250 },
};

/** ~40 end-customer workspaces, from a few large ones to a long tail (Zipf-like sizes). */
export const ACCOUNTS: ReadonlyArray<{
  key: string;
  weight: number;
  users: number;
  quality: number;
}> = [
  "globomart",
  "contoso-retail",
  NORTHWIND,
  "fabrikam-home",
  "tailspin-toys",
  "wingtip-outdoor",
  "adventure-works",
  "litware-office",
  "proseware-books",
  "woodgrove-garden",
  "alpine-ski-house",
  "blue-yonder-travel",
  "coho-vineyard",
  "fourth-coffee",
  "graphic-design-institute",
  "humongous-insurance",
  "lucerne-publishing",
  "margies-travel",
  "nod-publishers",
  "relecloud-audio",
  "southridge-video",
  "trey-research",
  "wide-world-importers",
  "bellows-college",
  "best-for-you-organics",
  "city-power-light",
  "consolidated-messenger",
  "datum-corp",
  "first-up-consultants",
  "lamna-healthcare",
  "liberty-delightful",
  "munson-pickles",
  "northwind-outlet",
  "olympia-sports",
  "parnell-aerospace",
  "quick-pick-market",
  "school-of-fine-art",
  "tasmanian-traders",
  "vanarsdel-furniture",
  "zava-fashion",
].map((key, rank) => {
  const weight = 1 / Math.pow(rank + 1, 0.9);
  // A fixed per-account conversion tendency, from the name (not the PRNG: it is the same world for
  // every seed).
  const quality =
    0.75 + (parseInt(createHash("md5").update(key).digest("hex").slice(0, 4), 16) / 0xffff) * 0.5;
  return { key, weight, users: Math.max(25, Math.round(weight * 2500)), quality };
});

/**
 * How much an end user writes, the same all year: some people send long messages and context
 * (more input tokens, slower answers), before an experiment as during it. That persistence is what
 * CUPED's pre-period adjustment works on. A multiplier of the user's input tokens and model time,
 * log-normal with mean 1 over users (the middle 80% between about ×0.45 and ×1.7), so the planted
 * averages keep their size. From a hash of the user's id, like the accounts' quality: it takes no
 * draw from the PRNG, so nothing else changes but when a conversation's later turns come.
 * Conversion has no per-user tendency: with the demo year's few conversions per user it would
 * barely help CUPED, and it would shift the planted conversion effects.
 */
export function endUserEffort(endUserId: string): number {
  const hash = createHash("md5").update(`tendency:${endUserId}`).digest();
  // A standard normal from two uniforms in (0, 1) (Box–Muller).
  const radius = Math.sqrt(-2 * Math.log((hash.readUInt32BE(0) + 0.5) / 0x100000000));
  const angle = (2 * Math.PI * (hash.readUInt32BE(4) + 0.5)) / 0x100000000;
  const sigma = 0.5;
  return Math.exp(sigma * radius * Math.sin(angle) - sigma ** 2 / 2);
}

const PRODUCTS = [
  "ErgoDesk Pro",
  "SoundWave headset",
  "CloudCam 4K",
  "Aeron task chair",
  "DockStation X",
  "Lumen desk lamp",
  "TypeFlow keyboard",
  'Pixel 27" monitor',
  "QuietFan",
  "CableKit bundle",
];
const QUESTIONS: Record<string, readonly string[]> = {
  ProductQuestion: [
    "Does the {p} work with a standing desk?",
    "What's the difference between the {p} and the cheaper model?",
    "Is the {p} in stock for delivery this week?",
    "Can I use the {p} with a Mac?",
  ],
  PriceCheck: [
    "How much is the {p} for a team of {n}?",
    "Do you have volume pricing on the {p}?",
    "What would {n} of the {p} cost with shipping?",
  ],
  ScheduleMeeting: [
    "Can I book a demo of the {p} next week?",
    "I'd like to talk to someone in sales about outfitting {n} desks.",
    "Is there a slot on Thursday for a quick call?",
  ],
  CheckOrderStatus: [
    "Where is my order {o}? It was supposed to arrive yesterday.",
    "Has order {o} shipped yet?",
    "Can I change the delivery address for order {o}?",
  ],
};
const RESPONSES: Record<string, readonly string[]> = {
  ProductQuestion: [
    "Yes, the {p} works with it. Most teams pair it with our DockStation X. Want a quote?",
    "The {p} adds a longer warranty and better materials. How many people is it for?",
  ],
  PriceCheck: [
    "For {n} units the {p} comes to ${v} before tax, shipping included. Shall I draft a quote?",
    "We offer 10% off from 10 units: {n} × {p} is ${v}. Would you like it in writing?",
  ],
  ScheduleMeeting: [
    "I can offer Tuesday 10:00 or Thursday 15:00 (your time). Which suits you?",
    "Done: you're booked with our sales team. You'll get a calendar invite shortly.",
  ],
  CheckOrderStatus: [
    "Order {o} left our warehouse yesterday and should arrive within two days.",
    "I've passed order {o} to our support team; they'll email you within the hour.",
  ],
};
const COMMENTS_UP = [
  "Quick and accurate, thanks!",
  "Exactly what I needed.",
  "Helpful recommendations.",
  "Booked the demo in one go.",
  "Clear pricing, thank you.",
];
const COMMENTS_DOWN = [
  "Didn't answer my question.",
  "Too slow.",
  "It recommended products that are out of stock.",
  "I had to ask for a human in the end.",
  "The price it quoted was wrong.",
  "Went around in circles.",
];
const PROVIDER_ERRORS: Record<string, string> = {
  openai: "OpenAI returned 500: The server had an error while processing your request.",
  anthropic: "Anthropic returned 529: Overloaded.",
  gemini: "Gemini returned 503: The model is overloaded. Please try again later.",
};

// ---------------------------------------------------------------------------------------------
// Rows, as the tables store them.

export interface RunRow {
  id: string;
  idempotencyKey: string;
  occurredAt: Date;
  conversationId: string;
  account: string;
  endUserId: string;
  capability: string;
  action: string | null;
  intent: string;
  experimentId: string | null;
  variantId: string | null;
  versionId: string | null;
  provider: string;
  model: string;
  latencyMs: number;
  ttftMs: number | null;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  costUsd: number;
  status: "ok" | "error" | "timeout" | "cancelled";
  errorType: string | null;
  errorMessage: string | null;
  isManual: boolean;
  toolCalls: Array<{ name: string; duration_ms: number; ok: boolean }> | null;
  question: string | null;
  response: string | null;
  /** Only on the first run: what generated the data (see loadedDemo in demo-data.ts). */
  metadata: { demo_data: { seed: number; runs: number; end: string } } | null;
}

export interface OutcomeRow {
  idempotencyKey: string;
  metricKey: OutcomeMetric;
  value: number;
  occurredAt: Date;
  runId: string;
  conversationId: string;
  endUserId: string;
  account: string;
}

export interface FeedbackRow {
  idempotencyKey: string;
  occurredAt: Date;
  runId: string;
  thumbs: "up" | "down" | null;
  rating: number | null;
  comment: string | null;
  endUserId: string;
}

export interface LifecycleRow {
  idempotencyKey: string;
  type: "run_completed" | "run_failed";
  occurredAt: Date;
  runId: string;
  durationMs: number;
  errorType: string | null;
  errorMessage: string | null;
}

export interface Conversation {
  runs: RunRow[];
  outcomes: OutcomeRow[];
  feedback: FeedbackRow[];
  lifecycle: LifecycleRow[];
}

/** Analytics contract keys of the outcome metrics (outcomes.metric_key). */
export type OutcomeMetric =
  | "conversion"
  | "order_value"
  | "csat"
  | "sentiment"
  | "resolution_time"
  | "escalation"
  | "deflection";

// ---------------------------------------------------------------------------------------------
// Serving: which deployment, experiment variant and version a run gets, replaying the seed's
// deployment history the way resolve_prompt serves it (most specific live deployment; sticky
// md5 bucket assignment while the experiment is active).

interface Served {
  experimentId: string | null;
  variantId: string | null;
  versionId: string | null;
  model: string;
  provider: string;
  maxTokens: number | null;
  tools: string[];
}

export function assignmentBucket(salt: string, unitId: string): number {
  return (
    parseInt(createHash("md5").update(`${salt}:${unitId}`).digest("hex").slice(0, 8), 16) % 10000
  );
}

class Server {
  private readonly versions: Map<string, ServingContext["versions"][number]>;
  private readonly experiments: Map<string, ServingContext["experiments"][number]>;
  private readonly variantsByExperiment = new Map<string, ServingContext["variants"]>();
  private readonly buckets = new Map<string, number>();

  constructor(private readonly context: ServingContext) {
    this.versions = new Map(context.versions.map((v) => [v.id, v]));
    this.experiments = new Map(context.experiments.map((e) => [e.id, e]));
    for (const v of [...context.variants].sort(
      (a, b) => a.position - b.position || a.key.localeCompare(b.key),
    )) {
      const list = this.variantsByExperiment.get(v.experimentId) ?? [];
      list.push(v);
      this.variantsByExperiment.set(v.experimentId, list);
    }
  }

  /** The live deployment's version and variant, or null before anything was deployed. */
  serve(
    capability: string,
    action: string | null,
    intent: string,
    at: Date,
    unitId: string,
  ): Served | null {
    const t = at.getTime();
    let live: ServingContext["deployments"][number] | undefined;
    let liveRank = -1;
    for (const d of this.context.deployments) {
      if (d.capability !== capability || d.deployedAt.getTime() > t) continue;
      if (d.supersededAt && d.supersededAt.getTime() <= t) continue;
      if (d.action !== null && d.action !== action) continue;
      if (d.intent !== null && d.intent !== intent) continue;
      const rank = (d.action !== null ? 2 : 0) + (d.intent !== null ? 1 : 0);
      if (rank > liveRank) [live, liveRank] = [d, rank];
    }
    if (!live) return null;
    let variant: ServingContext["variants"][number] | undefined;
    const experiment = live.experimentId ? this.experiments.get(live.experimentId) : undefined;
    if (
      experiment?.activatedAt &&
      experiment.activatedAt.getTime() <= t &&
      !(experiment.pausedAt && experiment.pausedAt.getTime() <= t) &&
      !(experiment.archivedAt && experiment.archivedAt.getTime() <= t)
    ) {
      const cacheKey = `${experiment.id}|${unitId}`;
      let bucket = this.buckets.get(cacheKey);
      if (bucket === undefined) {
        bucket = assignmentBucket(experiment.salt, unitId);
        this.buckets.set(cacheKey, bucket);
      }
      let upper = 0;
      for (const v of this.variantsByExperiment.get(experiment.id) ?? []) {
        upper += v.allocationBp;
        if (bucket < upper) {
          variant = v;
          break;
        }
      }
    }
    const version = this.versions.get(variant?.versionId ?? live.versionId);
    if (!version) return null;
    return {
      experimentId: variant ? experiment!.id : null,
      variantId: variant?.id ?? null,
      versionId: version.id,
      model: version.model,
      provider: version.provider,
      maxTokens: version.maxTokens,
      tools: version.tools,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic over time: growth (8x over the year), weekly and daily rhythm, Black Friday.

function hourWeights(plan: DemoPlan): Float64Array {
  const hours = Math.ceil((plan.end.getTime() - plan.start.getTime()) / HOUR);
  const weights = new Float64Array(hours);
  // UTC hours: Europe's working day, then the Americas'.
  const daily = [
    0.25, 0.2, 0.15, 0.12, 0.12, 0.15, 0.3, 0.5, 0.7, 0.85, 0.9, 0.95, 1, 1, 1, 1, 1, 0.95, 0.9,
    0.8, 0.7, 0.55, 0.45, 0.35,
  ];
  for (let h = 0; h < hours; h++) {
    const t = plan.start.getTime() + h * HOUR;
    const date = new Date(t);
    const weekday = date.getUTCDay();
    const growth = Math.exp(Math.log(8) * (h / hours));
    let w = growth * daily[date.getUTCHours()]! * (weekday === 0 ? 0.55 : weekday === 6 ? 0.6 : 1);
    if (
      plan.blackFriday &&
      t >= plan.blackFriday.from.getTime() &&
      t < plan.blackFriday.to.getTime()
    )
      w *= 2.2;
    // The last hour is partial.
    if (h === hours - 1) w *= (plan.end.getTime() - t) / HOUR;
    weights[h] = w;
  }
  return weights;
}

// ---------------------------------------------------------------------------------------------
// The generator.

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w)\}/g, (_, k: string) => values[k] ?? "");

/**
 * Every conversation of the demo year, in time order of their hour. Exactly `options.runs` runs.
 */
export function* generateConversations(
  context: ServingContext,
  options: GenerateOptions,
): Generator<Conversation> {
  const plan = planDemo(context, options.end);
  const random = new Random(options.seed);
  const server = new Server(context);
  const weights = hourWeights(plan);
  let total = 0;
  for (const w of weights) total += w;

  const endMs = plan.end.getTime();
  const textFrom = endMs - RECENT_TEXT_DAYS * DAY;
  const accountPicks = ACCOUNTS.map((a) => [a, a.weight] as const);
  let runIndex = 0;
  let outcomeIndex = 0;
  let feedbackIndex = 0;
  let lifecycleIndex = 0;
  let cumulative = 0;
  let allocated = 0;

  for (let h = 0; h < weights.length; h++) {
    cumulative += weights[h]!;
    const target = Math.round((cumulative / total) * options.runs);
    let budget = target - allocated;
    allocated = target;
    const hourStart = plan.start.getTime() + h * HOUR;

    while (budget > 0) {
      const startMs = Math.min(endMs - 1000, hourStart + random.int(HOUR));
      const account = random.weighted(accountPicks);
      const endUserId = `${account.key}-u${String(Math.floor(account.users * Math.pow(random.next(), 1.6))).padStart(4, "0")}`;
      const effort = endUserEffort(endUserId);
      const capability = random.weighted(CAPABILITIES);
      const intent = random.weighted(INTENTS[capability]!);
      const isManual = random.chance(0.72);
      const wantedTurns = isManual
        ? Math.min(8, 1 + Math.floor(-Math.log(1 - random.next()) * 1.4))
        : 1;
      const turns = Math.min(wantedTurns, budget);
      budget -= turns;
      const conversationId = `cnv_${random.hex(20)}`;

      const inIncident =
        capability === plan.incident.capability &&
        startMs >= plan.incident.deployedAt.getTime() &&
        startMs < plan.incident.rolledBackAt.getTime();
      const inBlackFriday =
        plan.blackFriday !== null &&
        startMs >= plan.blackFriday.from.getTime() &&
        startMs < plan.blackFriday.to.getTime();
      // Before the team deployed through Causeway, the customer's own code chose the model.
      const legacyModel =
        capability === "BookDemo"
          ? startMs >= plan.bookDemoFlashAt.getTime() && random.chance(0.8)
            ? "gemini-1.5-flash"
            : "gemini-1.5-pro"
          : capability === "QualifyLead" && startMs < plan.qualifyModelSwitchAt.getTime()
            ? "claude-3-5-sonnet-20241022"
            : "gpt-4o-mini";

      const runs: RunRow[] = [];
      const lifecycle: LifecycleRow[] = [];
      const feedback: FeedbackRow[] = [];
      let at = startMs;
      let hadError = false;
      let lastServed: Served | null = null;
      const product = random.pick(PRODUCTS);
      const quantity = String(2 + random.int(40));
      const order = `#A${100000 + random.int(900000)}`;

      for (let turn = 0; turn < turns; turn++) {
        const isLast = turn === turns - 1;
        const action =
          capability === "QualifyLead" && turn === 0 && random.chance(0.6)
            ? "UserLookup"
            : capability === "QualifyLead" && intent === "PriceCheck" && turn === 1 && !isLast
              ? "CreateQuote"
              : capability === "BookDemo" && intent === "ScheduleMeeting" && turn === 0
                ? "GetAvailability"
                : null;
        const runAt = new Date(Math.min(at, endMs - 1));
        const served = server.serve(capability, action, intent, runAt, endUserId) ?? {
          experimentId: null,
          variantId: null,
          versionId: null,
          model: legacyModel,
          provider: MODEL_PROFILES[legacyModel]!.provider,
          maxTokens: null,
          tools: [],
        };
        if (action !== "CreateQuote") lastServed = served;
        const profile = MODEL_PROFILES[served.model] ?? DEFAULT_PROFILE;
        const provider = served.provider || profile.provider;
        const badVersionLive =
          inIncident &&
          served.versionId === plan.incident.versionId &&
          served.experimentId === null;
        const inOutage =
          provider === "openai" && runAt >= plan.outage.from && runAt < plan.outage.to;

        // Tools the agent calls this turn.
        const toolCalls: Array<{ name: string; duration_ms: number; ok: boolean }> = [];
        if (action && TOOLS[action]) {
          const northwindDown =
            action === "UserLookup" && account.key === NORTHWIND && runAt >= plan.northwindCrmFrom;
          toolCalls.push({
            name: TOOLS[action].tool,
            duration_ms: Math.round(
              random.logNormal(TOOLS[action].medianMs * (northwindDown ? 20 : 1), 0.4),
            ),
            ok: !random.chance(northwindDown ? 0.6 : 0.005),
          });
        }
        for (const tool of served.tools) {
          toolCalls.push({
            name: tool,
            duration_ms: Math.round(random.logNormal(badVersionLive ? 6000 : 400, 0.4)),
            ok: !random.chance(badVersionLive ? 0.45 : 0.01),
          });
        }
        const toolFailed = toolCalls.some((c) => !c.ok);
        const toolMs = toolCalls.reduce((sum, c) => sum + c.duration_ms, 0);

        // Status.
        let status: RunRow["status"] = "ok";
        let errorType: string | null = null;
        let errorMessage: string | null = null;
        const roll = random.next();
        if (inOutage ? roll < 0.22 : roll < 0.006) {
          status = "error";
          errorType = "provider_error";
          errorMessage = PROVIDER_ERRORS[provider] ?? "The provider returned 500.";
        } else if (inOutage ? roll < 0.3 : roll < 0.012) {
          status = "error";
          errorType = "rate_limit";
          errorMessage = `429 Too Many Requests: rate limit reached for ${served.model}`;
        } else if (inOutage ? roll < 0.4 : roll < 0.016) {
          status = "timeout";
          errorType = "timeout";
          errorMessage = "No response from the provider within 30000 ms";
        } else if (isManual && roll < 0.019) {
          status = "cancelled";
          errorType = "client_cancelled";
          errorMessage = "The visitor closed the chat before the answer finished";
        } else if (toolFailed && random.chance(0.75)) {
          const failed = toolCalls.find((c) => !c.ok)!;
          status = "error";
          errorType = "tool_error";
          errorMessage = `${failed.name} failed: 502 Bad Gateway`;
        }
        if (status !== "ok") hadError = true;

        // Latency, tokens, cost.
        let llmMs = random.logNormal(profile.latencyMedianMs, profile.latencySigma) * effort;
        if (inOutage) llmMs *= 4;
        if (status === "timeout") llmMs = 30000 + random.int(500);
        const latencyMs = Math.round(llmMs + toolMs);
        const ttftMs =
          status === "ok" || status === "cancelled"
            ? Math.round(llmMs * random.between(0.18, 0.35))
            : null;
        const contextBoost = capability === "QualifyLead" && runAt >= plan.qualifyContextAt ? 3 : 1;
        const tokensIn = Math.round(
          random.logNormal(BASE_TOKENS_IN[capability]!, 0.3) * effort * contextBoost + turn * 160,
        );
        const tokensCached =
          turn > 0 && provider !== "gemini" ? Math.round(tokensIn * random.between(0.3, 0.6)) : 0;
        const outMedian = served.maxTokens ? served.maxTokens * 0.4 : 240;
        const fullOut = Math.min(
          served.maxTokens ?? 1200,
          Math.round(random.logNormal(outMedian, 0.35)),
        );
        const tokensOut =
          status === "ok"
            ? fullOut
            : status === "cancelled"
              ? Math.round(fullOut * random.next())
              : 0;
        const billedIn = status === "error" && errorType !== "tool_error" ? 0 : tokensIn;
        const costUsd = round(
          ((billedIn - Math.min(billedIn, tokensCached)) * profile.priceIn +
            Math.min(billedIn, tokensCached) * profile.priceCached +
            tokensOut * profile.priceOut) /
            1e6,
          8,
        );

        const withText = runAt.getTime() >= textFrom;
        const values = { p: product, n: quantity, o: order, v: String(Number(quantity) * 249) };
        const id = random.uuid();
        runs.push({
          id,
          idempotencyKey: `demo-run-${runIndex}`,
          occurredAt: runAt,
          conversationId,
          account: account.key,
          endUserId,
          capability,
          action,
          intent,
          experimentId: served.experimentId,
          variantId: served.variantId,
          versionId: served.versionId,
          provider,
          model: served.model,
          latencyMs,
          ttftMs,
          tokensIn,
          tokensOut,
          tokensCached,
          costUsd,
          status,
          errorType,
          errorMessage,
          isManual,
          toolCalls: toolCalls.length ? toolCalls : null,
          question: withText ? fill(random.pick(QUESTIONS[intent]!), values) : null,
          response:
            withText && status === "ok" ? fill(random.pick(RESPONSES[intent]!), values) : null,
          metadata:
            runIndex === 0
              ? {
                  demo_data: {
                    seed: options.seed,
                    runs: options.runs,
                    end: plan.end.toISOString(),
                  },
                }
              : null,
        });
        runIndex++;

        // Agent runs (those that call tools) report how they ended.
        if (toolCalls.length) {
          lifecycle.push({
            idempotencyKey: `demo-lifecycle-${lifecycleIndex++}`,
            type: status === "ok" ? "run_completed" : "run_failed",
            occurredAt: new Date(Math.min(endMs - 1, runAt.getTime() + latencyMs)),
            runId: id,
            durationMs: latencyMs,
            errorType: status === "ok" ? null : errorType,
            errorMessage: status === "ok" ? null : errorMessage,
          });
        }

        // Visitors rate some answers.
        if (isManual && status !== "cancelled" && random.chance(0.1)) {
          const flash = served.model === "gemini-1.5-flash";
          const liftTreatment = served.variantId === plan.lift.treatmentVariantId;
          const pUp = clamp(
            0.82 -
              (status !== "ok" ? 0.5 : 0) -
              (badVersionLive ? 0.3 : 0) -
              (flash ? 0.1 : 0) +
              (liftTreatment ? 0.05 : 0),
            0.05,
            0.97,
          );
          const up = random.chance(pUp);
          const rated = random.chance(0.35);
          const commented = random.chance(up ? 0.1 : 0.35);
          feedback.push({
            idempotencyKey: `demo-feedback-${feedbackIndex++}`,
            occurredAt: new Date(
              Math.min(endMs - 1, runAt.getTime() + latencyMs + 2000 + random.int(60000)),
            ),
            runId: id,
            thumbs: up ? "up" : "down",
            rating: rated ? clamp(Math.round((up ? 4.4 : 2) + random.normal() * 0.7), 1, 5) : null,
            comment: commented ? random.pick(up ? COMMENTS_UP : COMMENTS_DOWN) : null,
            endUserId,
          });
        }
        at = runAt.getTime() + latencyMs + Math.round(random.logNormal(35000, 0.6));
      }

      // Business outcomes, linked to the conversation's last answer.
      const last = runs.findLast((r) => r.action !== "CreateQuote") ?? runs[runs.length - 1]!;
      const endAt = runs[runs.length - 1]!.occurredAt.getTime();
      const outcomes: OutcomeRow[] = [];
      const emit = (metricKey: OutcomeMetric, value: number, delayMs: number) => {
        const occurredAt = endAt + delayMs;
        // What has not happened yet by the end of the data is not there.
        if (occurredAt >= endMs) return;
        outcomes.push({
          idempotencyKey: `demo-outcome-${outcomeIndex++}`,
          metricKey,
          value,
          occurredAt: new Date(occurredAt),
          runId: last.id,
          conversationId,
          endUserId,
          account: account.key,
        });
      };
      const flash = lastServed?.model === "gemini-1.5-flash";
      const badVersionLive =
        inIncident &&
        lastServed?.versionId === plan.incident.versionId &&
        lastServed.experimentId === null;
      const liftTreatment = lastServed?.variantId === plan.lift.treatmentVariantId;

      const escalationP = clamp(
        (intent === "CheckOrderStatus" ? 0.14 : intent === "ScheduleMeeting" ? 0.05 : 0.07) *
          (flash ? 2.8 : 1) +
          (badVersionLive ? 0.2 : 0) +
          (hadError ? 0.3 : 0),
        0,
        0.95,
      );
      const escalated = random.chance(escalationP);
      let converted = false;
      if (CONVERSION_BASE[intent] !== undefined) {
        let p = CONVERSION_BASE[intent]! * account.quality * (inBlackFriday ? 1.35 : 1);
        if (liftTreatment && intent === plan.lift.intent) p *= LIFT_FACTOR;
        if (badVersionLive) p *= INCIDENT_CONVERSION_FACTOR;
        if (escalated) p *= 0.6;
        if (hadError) p *= 0.5;
        if (!isManual) p *= 0.6;
        converted = random.chance(clamp(p, 0, 0.95));
        emit("conversion", converted ? 1 : 0, Math.round(random.logNormal(20 * 60000, 1)));
      }
      const orderValue =
        random.logNormal(ORDER_VALUE_MEDIAN[capability]!, 0.55) *
        (0.7 + 0.6 * account.weight) *
        (lastServed?.versionId === plan.incident.versionId ? 1.04 : 1) *
        (inBlackFriday ? 0.9 : 1);
      if (converted && intent !== "ScheduleMeeting")
        emit("order_value", round(orderValue, 2), Math.round(random.logNormal(25 * 60000, 1)));
      const csatNoise = random.normal();
      const responded = random.chance(0.35);
      const sentimentNoise = random.normal();
      const resolutionMinutes =
        random.logNormal(3 + turns * 1.5, 0.5) + (escalated ? random.logNormal(45, 0.8) : 0);
      if (isManual) {
        emit("escalation", escalated ? 1 : 0, 60000);
        if (responded) {
          const csat = clamp(
            Math.round(
              4.2 -
                1.1 * (escalated ? 1 : 0) -
                0.9 * (hadError ? 1 : 0) -
                0.35 * (flash ? 1 : 0) +
                0.2 * (converted ? 1 : 0) +
                0.8 * csatNoise,
            ),
            1,
            5,
          );
          emit("csat", csat, 5 * 60000);
        }
        const sentiment = clamp(
          0.3 +
            0.3 * (converted ? 1 : 0) -
            0.5 * (escalated ? 1 : 0) -
            0.4 * (hadError ? 1 : 0) -
            0.15 * (flash ? 1 : 0) +
            0.3 * sentimentNoise,
          -1,
          1,
        );
        // Scored from the transcript, which a one-message conversation hardly has.
        if (turns > 1) emit("sentiment", round(sentiment, 2), 1000);
        emit("resolution_time", round(resolutionMinutes, 1), Math.round(resolutionMinutes * 60000));
        if (intent === "CheckOrderStatus") emit("deflection", escalated ? 0 : 1, 60000);
      }
      yield { runs, outcomes, feedback, lifecycle };
    }
  }
}
