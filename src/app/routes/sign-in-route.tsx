import { SignInPage } from "@/features/auth";
import { useAcceptInvitationsAfterSignIn } from "@/features/organizations";

// The auth feature knows nothing of organizations; joining invited organizations after signing
// in is wired here, where the two meet.
export function SignInRoute() {
  const acceptInvitations = useAcceptInvitationsAfterSignIn();
  return <SignInPage onSignedIn={(user) => acceptInvitations(user, { isNewAccount: false })} />;
}
