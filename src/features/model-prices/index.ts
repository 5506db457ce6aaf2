export { ModelPricesPage } from "./components/model-prices-page";
