export { TemplatesPage } from "./components/templates-page";
export { useTemplates } from "./hooks/use-templates";
export type { PromptTemplate, TemplateVersion } from "./api/fetch-templates";
export {
  bindingProblems,
  formatTypedInput,
  parseTypedInput,
  renderTemplate,
  VARIABLE_TYPE_LABELS,
  type JsonValue,
  type VariableDeclaration,
} from "./lib/template-variables";
