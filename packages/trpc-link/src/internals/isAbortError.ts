/** An `AbortError` (a `DOMException` in browsers and Node), or the `signal.reason` it was given. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
