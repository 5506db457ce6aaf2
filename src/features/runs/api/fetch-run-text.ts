import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export type RunTextPolicy = "store" | "redact" | "drop";

export interface RunText {
  question: string | null;
  response: string | null;
  /** The organization's current setting, to explain missing or redacted text. */
  policy: RunTextPolicy;
}

/**
 * A run's question and response (run_text), which the database refuses to enablement; callers
 * don't ask for that role at all.
 */
export async function fetchRunText(organizationId: string, runId: string): Promise<RunText> {
  const [text, settings] = await Promise.all([
    supabase.rpc("run_text", { p_run_id: runId }),
    supabase
      .from("organization_settings")
      .select("run_text_policy")
      .eq("organization_id", organizationId)
      .maybeSingle(),
  ]);
  if (text.error) throw toRequestError("Couldn't load the run's text", text);
  if (settings.error)
    throw toRequestError("Couldn't load the organization's text setting", settings);
  const row = text.data[0];
  return {
    question: row?.question ?? null,
    response: row?.response ?? null,
    policy: (settings.data?.run_text_policy as RunTextPolicy | undefined) ?? "store",
  };
}
