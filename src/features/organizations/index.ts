export { useCurrentOrganization, type CurrentOrganization } from "./hooks/use-current-organization";
export type { MyOrganization } from "./api/fetch-my-organizations";
