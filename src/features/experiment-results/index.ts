export { ExperimentResultsPage } from "./components/experiment-results-page";
