/** Shown whenever the browser could not reach the API at all. */
export const NETWORK_ERROR_MESSAGE =
  "Can't reach Causeway's server. Check your connection and try again.";

/**
 * A failed request, with a message a person can act on. `retryable` tells the query client
 * whether trying again could help: a dropped connection may, a permission error never will.
 */
export class RequestError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "RequestError";
    this.retryable = options.retryable;
  }
}

interface FailedResponse {
  error: { message: string; code?: string };
  status: number;
}

/**
 * Turns a failed supabase-js response into a RequestError. `failure` says what could not be
 * done ("Couldn't load your organizations"); the rest of the message says what to do next.
 */
export function toRequestError(failure: string, { error, status }: FailedResponse): RequestError {
  // postgrest-js reports a fetch that never reached the server as status 0.
  if (status === 0) {
    return new RequestError(`${failure}. ${NETWORK_ERROR_MESSAGE}`, {
      retryable: true,
      cause: error,
    });
  }
  if (status === 401 || error.code === "PGRST301" || error.code === "PGRST303") {
    return new RequestError(`${failure}. Your session has ended: sign in again.`, {
      retryable: false,
      cause: error,
    });
  }
  if (error.code === "42501" || status === 403) {
    return new RequestError(`${failure}. You don't have permission to do this.`, {
      retryable: false,
      cause: error,
    });
  }
  if (status >= 500) {
    return new RequestError(`${failure}. The server had a problem: try again in a moment.`, {
      retryable: true,
      cause: error,
    });
  }
  return new RequestError(`${failure}. ${error.message}`, { retryable: false, cause: error });
}

export function isRetryableError(error: unknown): boolean {
  return error instanceof RequestError ? error.retryable : true;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
