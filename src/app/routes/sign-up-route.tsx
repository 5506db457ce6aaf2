import { SignUpPage } from "@/features/auth";
import { useAcceptInvitationsAfterSignIn } from "@/features/organizations";

export function SignUpRoute() {
  const acceptInvitations = useAcceptInvitationsAfterSignIn();
  return <SignUpPage onSignedUp={(user) => acceptInvitations(user, { isNewAccount: true })} />;
}
