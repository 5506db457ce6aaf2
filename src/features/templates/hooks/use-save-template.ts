import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createTemplate, createTemplateVersion } from "../api/save-template";
import { templateKeys } from "../api/template-keys";
import type { TemplateVersionValues } from "../lib/template-schemas";

/** Saves a new template (templateId null) or a new version of one. */
export function useSaveTemplate(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      templateId,
      values,
    }: {
      templateId: string | null;
      values: TemplateVersionValues;
    }) =>
      templateId === null
        ? createTemplate(organizationId, values)
        : createTemplateVersion(organizationId, templateId, values),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.list(organizationId) }),
  });
}
