import { toDatabaseError } from "@/lib/database-errors";
import type { Json } from "@/lib/database.types";
import { supabase } from "@/lib/supabase";
import type { TemplateVersionValues } from "../lib/template-schemas";

const DUPLICATE_NAME = "There is already a template with that name: pick another one.";

async function insertVersion(
  organizationId: string,
  templateId: string,
  values: TemplateVersionValues,
) {
  const response = await supabase.from("prompt_template_versions").insert({
    organization_id: organizationId,
    template_id: templateId,
    body: values.body,
    variables: values.variables as unknown as NonNullable<Json>,
    change_message: values.changeMessage,
  });
  // 22023 carries the database's own list of declaration problems, worded for people.
  if (response.error) throw toDatabaseError("The template version wasn't saved", response);
}

/** A new template with its first version. */
export async function createTemplate(organizationId: string, values: TemplateVersionValues) {
  const response = await supabase
    .from("prompt_templates")
    .insert({ organization_id: organizationId, name: values.name, description: values.description })
    .select("id")
    .single();
  if (response.error) {
    throw toDatabaseError("The template wasn't created", response, { "23505": DUPLICATE_NAME });
  }
  await insertVersion(organizationId, response.data.id, {
    ...values,
    changeMessage: values.changeMessage || "First version",
  });
}

/** The next version of a template; earlier versions stay as they are. */
export async function createTemplateVersion(
  organizationId: string,
  templateId: string,
  values: TemplateVersionValues,
) {
  await insertVersion(organizationId, templateId, values);
}
