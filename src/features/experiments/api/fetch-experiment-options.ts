import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { Database } from "@/lib/database.types";

export interface TaxonomyEntry {
  id: string;
  key: string;
  name: string;
  description: string;
  archived: boolean;
}

export interface MetricDefinition extends TaxonomyEntry {
  unit: string;
  aggregation: Database["public"]["Enums"]["metric_aggregation"];
  direction: Database["public"]["Enums"]["metric_direction"];
}

export interface TemplateVersionOption {
  id: string;
  label: string;
  body: string;
  /** Declared variables; those without a default must be bound by a version. */
  variables: { name: string; type: string; description?: string; hasDefault: boolean }[];
}

/** Everything an experiment refers to by id, for pickers (unarchived) and labels (all). */
export interface ExperimentOptions {
  capabilities: TaxonomyEntry[];
  intents: TaxonomyEntry[];
  actions: TaxonomyEntry[];
  metrics: MetricDefinition[];
  templateVersions: TemplateVersionOption[];
  requiredApprovals: number;
}

const TAXONOMY_COLUMNS = "id, key, name, description, archived_at";

function taxonomy(row: {
  id: string;
  key: string;
  name: string;
  description: string;
  archived_at: string | null;
}): TaxonomyEntry {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    archived: row.archived_at !== null,
  };
}

function parseVariables(value: unknown): TemplateVersionOption["variables"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!item || typeof item !== "object" || !("name" in item)) return [];
    const declaration = item as Record<string, unknown>;
    return [
      {
        name: String(declaration.name),
        type: typeof declaration.type === "string" ? declaration.type : "text",
        description:
          typeof declaration.description === "string" ? declaration.description : undefined,
        hasDefault: "default" in declaration,
      },
    ];
  });
}

export async function fetchExperimentOptions(organizationId: string): Promise<ExperimentOptions> {
  const [capabilities, intents, actions, metrics, templates, templateVersions, settings] =
    await Promise.all([
      supabase
        .from("capabilities")
        .select(TAXONOMY_COLUMNS)
        .eq("organization_id", organizationId)
        .order("name"),
      supabase
        .from("intents")
        .select(TAXONOMY_COLUMNS)
        .eq("organization_id", organizationId)
        .order("name"),
      supabase
        .from("actions")
        .select(TAXONOMY_COLUMNS)
        .eq("organization_id", organizationId)
        .order("name"),
      supabase
        .from("metric_definitions")
        .select(`${TAXONOMY_COLUMNS}, unit, aggregation, direction`)
        .eq("organization_id", organizationId)
        .order("name"),
      supabase
        .from("prompt_templates")
        .select("id, name, archived_at")
        .eq("organization_id", organizationId)
        .order("name"),
      supabase
        .from("prompt_template_versions")
        .select("id, template_id, number, body, variables")
        .eq("organization_id", organizationId)
        .order("number", { ascending: false }),
      supabase
        .from("organization_settings")
        .select("required_approvals")
        .eq("organization_id", organizationId),
    ]);
  for (const response of [
    capabilities,
    intents,
    actions,
    metrics,
    templates,
    templateVersions,
    settings,
  ]) {
    if (response.error) throw toRequestError("Couldn't load the taxonomy and metrics", response);
  }

  const templateNames = new Map(
    (templates.data ?? [])
      .filter((template) => template.archived_at === null)
      .map((template) => [template.id, template.name]),
  );
  return {
    capabilities: (capabilities.data ?? []).map(taxonomy),
    intents: (intents.data ?? []).map(taxonomy),
    actions: (actions.data ?? []).map(taxonomy),
    metrics: (metrics.data ?? []).map((row) => ({
      ...taxonomy(row),
      unit: row.unit,
      aggregation: row.aggregation,
      direction: row.direction,
    })),
    templateVersions: (templateVersions.data ?? []).flatMap((row) => {
      const name = templateNames.get(row.template_id);
      if (!name) return [];
      return [
        {
          id: row.id,
          label: `${name} · v${row.number}`,
          body: row.body,
          variables: parseVariables(row.variables),
        },
      ];
    }),
    requiredApprovals: settings.data?.[0]?.required_approvals ?? 1,
  };
}
