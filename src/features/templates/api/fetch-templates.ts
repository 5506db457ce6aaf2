import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import { VARIABLE_TYPES, type VariableDeclaration } from "../lib/template-variables";

export interface TemplateVersion {
  id: string;
  number: number;
  body: string;
  variables: VariableDeclaration[];
  changeMessage: string;
  createdByName: string | null;
  createdAt: string;
}

export interface PromptTemplate {
  id: string;
  name: string;
  description: string;
  archivedAt: string | null;
  /** Newest first; never empty once a template has been saved through the app. */
  versions: TemplateVersion[];
}

/** Declarations as stored (the database checked them), read defensively into typed values. */
function readDeclarations(value: unknown): VariableDeclaration[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): VariableDeclaration[] => {
    if (typeof item !== "object" || item === null || !("name" in item)) return [];
    const record = item as Record<string, unknown>;
    const type = VARIABLE_TYPES.find((t) => t === record.type) ?? "text";
    return [
      {
        name: String(record.name),
        type,
        ...(typeof record.description === "string" ? { description: record.description } : {}),
        ...("default" in record
          ? { default: record.default as VariableDeclaration["default"] }
          : {}),
      },
    ];
  });
}

/** The organization's templates with every version, by name. */
export async function fetchTemplates(organizationId: string): Promise<PromptTemplate[]> {
  const [templates, versions] = await Promise.all([
    supabase
      .from("prompt_templates")
      .select("id, name, description, archived_at")
      .eq("organization_id", organizationId)
      .order("name"),
    supabase
      .from("prompt_template_versions")
      .select("id, template_id, number, body, variables, change_message, created_by, created_at")
      .eq("organization_id", organizationId)
      .order("number", { ascending: false }),
  ]);
  if (templates.error) throw toRequestError("Couldn't load the prompt templates", templates);
  if (versions.error) throw toRequestError("Couldn't load the template versions", versions);
  const people = await fetchProfilesByIds(versions.data.map((v) => v.created_by));
  return templates.data.map((template) => ({
    id: template.id,
    name: template.name,
    description: template.description,
    archivedAt: template.archived_at,
    versions: versions.data
      .filter((version) => version.template_id === template.id)
      .map((version) => {
        const author = version.created_by ? people.get(version.created_by) : undefined;
        return {
          id: version.id,
          number: version.number,
          body: version.body,
          variables: readDeclarations(version.variables),
          changeMessage: version.change_message,
          createdByName: author ? personName(author) : null,
          createdAt: version.created_at,
        };
      }),
  }));
}
