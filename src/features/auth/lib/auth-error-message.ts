import { isAuthApiError, isAuthError, isAuthRetryableFetchError } from "@supabase/supabase-js";

import { NETWORK_ERROR_MESSAGE } from "@/lib/request-error";

// Supabase Auth error codes (https://supabase.com/docs/guides/auth/debugging/error-codes) mapped
// to what the person should do next. Older servers send no code, hence the message fallbacks.
const MESSAGES_BY_CODE: Record<string, string> = {
  invalid_credentials: "Email or password is incorrect.",
  user_already_exists:
    "An account with this email already exists. Sign in instead, or reset your password if you forgot it.",
  email_exists:
    "An account with this email already exists. Sign in instead, or reset your password if you forgot it.",
  email_not_confirmed: "Confirm your email address first: open the link we sent you, then sign in.",
  weak_password:
    "That password is too easy to guess. Use a longer one, mixing words, numbers and symbols.",
  same_password: "Your new password must be different from your current one.",
  signup_disabled:
    "New accounts can't be created here right now. Ask an admin of your organization to invite you.",
  over_request_rate_limit: "Too many attempts. Wait a minute, then try again.",
  over_email_send_rate_limit:
    "Too many emails sent to this address. Wait a few minutes, then try again.",
  session_not_found: "Your reset link has expired. Request a new one.",
  session_expired: "Your reset link has expired. Request a new one.",
  user_banned: "This account has been suspended. Contact your organization's admin.",
};

const MESSAGES_BY_TEXT: Array<[RegExp, string]> = [
  [/invalid login credentials/i, MESSAGES_BY_CODE.invalid_credentials!],
  [/already (been )?registered|already exists/i, MESSAGES_BY_CODE.user_already_exists!],
  [/email not confirmed/i, MESSAGES_BY_CODE.email_not_confirmed!],
];

/** What to tell a person when a Supabase Auth call fails. */
export function authErrorMessage(error: unknown): string {
  if (isAuthRetryableFetchError(error) || error instanceof TypeError) {
    // Status 0 means the request never reached the server; 5xx means it could not answer.
    return isAuthRetryableFetchError(error) && error.status >= 500
      ? "Causeway's server had a problem. Try again in a moment."
      : NETWORK_ERROR_MESSAGE;
  }
  if (isAuthError(error)) {
    const byCode = error.code ? MESSAGES_BY_CODE[error.code] : undefined;
    if (byCode) return byCode;
    const byText = MESSAGES_BY_TEXT.find(([pattern]) => pattern.test(error.message))?.[1];
    if (byText) return byText;
    if (isAuthApiError(error) && error.status === 429)
      return MESSAGES_BY_CODE.over_request_rate_limit!;
    return `${error.message.replace(/\.?$/, ".")} Try again, or contact your admin if it keeps happening.`;
  }
  return "Something went wrong. Try again in a moment.";
}
