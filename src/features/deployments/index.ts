export { DeploymentsPage } from "./components/deployments-page";
