export { hasCapability, ROLE_LABELS, ROLES, type Capability } from "./lib/permissions";
