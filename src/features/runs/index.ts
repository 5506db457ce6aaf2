export { RunsPage } from "./components/runs-page";
export { runKeys } from "./api/run-keys";
