/**
 * HTTP statuses the retry policy and the outcome rule both classify, written once so the two
 * never disagree about what a status means.
 */
export const statusClasses = {
  /** Validation, auth, missing procedure, stale version, payload mismatch / business rule: a retry gets the same answer. */
  final: new Set([400, 401, 403, 404, 412, 422]),
  /** A gateway or an overloaded instance answered: the request may or may not have reached the application. */
  unavailable: new Set([502, 503, 504]),
  /** "Not now", not "no": request timeout, rate limit, client closed the request. */
  transientClient: new Set([408, 429, 499]),
} as const;
