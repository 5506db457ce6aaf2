export { ExperimentsPage } from "./components/experiments-page";
export { ExperimentDetailPage } from "./components/experiment-detail-page";
export { HelpTip } from "./components/help-tip";
