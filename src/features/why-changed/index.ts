export { WhyChangedPage } from "./components/why-changed-page";
