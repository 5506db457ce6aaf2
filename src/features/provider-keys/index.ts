export { ProviderKeysPage } from "./components/provider-keys-page";
