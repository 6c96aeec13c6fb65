import { isErrorNamed } from './isErrorNamed.js';

/** An `AbortError` (a `DOMException` in browsers and Node), or the `signal.reason` it was given. */
export function isAbortError(error: unknown): boolean {
  return isErrorNamed(error, 'AbortError');
}
