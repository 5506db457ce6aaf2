import { RequestError, toRequestError } from "./request-error";

interface FailedResponse {
  error: { message: string; code?: string };
  status: number;
}

// Postgres words its own privilege and row-level-security failures for developers; the guards
// and RPCs in our migrations raise 42501 and 22023 with sentences written for people.
const POSTGRES_PERMISSION_WORDING = /row-level security|permission denied/i;

/**
 * Like toRequestError, but keeps what the database says when it refuses with a sentence meant
 * for people (e.g. "An organization must keep at least one admin: promote another member
 * first"), and lets the caller word the codes it understands (23505 on invitations).
 */
export function toDatabaseError(
  failure: string,
  response: FailedResponse,
  messagesByCode: Partial<Record<string, string>> = {},
): RequestError {
  const { code, message } = response.error;
  const known = code ? messagesByCode[code] : undefined;
  if (known) return new RequestError(known, { retryable: false, cause: response.error });
  if ((code === "42501" || code === "22023") && !POSTGRES_PERMISSION_WORDING.test(message)) {
    return new RequestError(`${failure}. ${message}`, { retryable: false, cause: response.error });
  }
  return toRequestError(failure, response);
}

/**
 * For writes that matched no row. Row-level security filters instead of failing, so an update or
 * delete the caller may not make comes back empty rather than as an error.
 */
export function nothingChangedError(message: string): RequestError {
  return new RequestError(message, { retryable: false });
}
