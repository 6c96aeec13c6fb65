/** A positive integer in decimal, without sign, spaces or leading zeros. */
const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/**
 * Whether the `Idempotency-Attempt` header says this request is a retry: which send of its key
 * this is, 1 for the first (in a batch, the highest of its operations). Absent or malformed, the
 * request is treated as a first send. It only chooses which query runs first; it never decides
 * who owns a key, so a client that lies about it gets the same answers, a little slower.
 */
export function isRetryAttempt(header: string | null): boolean {
  const value = header?.trim();
  return value !== undefined && POSITIVE_INTEGER.test(value) && Number(value) > 1;
}
