export {
  hasCapability,
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  ROLES,
  type Capability,
} from "./lib/permissions";
export { useSession, useSignedInUser } from "./hooks/use-session";
export { useMyProfile } from "./hooks/use-my-profile";
export { SessionProvider } from "./components/session-provider";
export { RequireAuth } from "./components/require-auth";
export { RedirectIfSignedIn } from "./components/redirect-if-signed-in";
export { SignInPage } from "./components/sign-in-page";
export { SignUpPage } from "./components/sign-up-page";
export { ForgotPasswordPage } from "./components/forgot-password-page";
export { ResetPasswordPage } from "./components/reset-password-page";
export { UserMenu } from "./components/user-menu";
