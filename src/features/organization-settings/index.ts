export { OrganizationSettingsPage } from "./components/organization-settings-page";
