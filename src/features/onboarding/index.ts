export { OnboardingWizardPage } from "./components/onboarding-wizard-page";
export { OnboardingCallToAction } from "./components/onboarding-call-to-action";
