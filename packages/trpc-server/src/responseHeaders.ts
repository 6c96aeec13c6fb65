/**
 * Sets `Idempotency-Expires` (an HTTP-date, RFC 9110 §5.6.7) to when the key stops being
 * remembered. A batch shares one set of response headers, so it advertises the earliest expiry
 * among its keys: no key of the batch is forgotten before that time.
 */
export function advertiseExpiry(headers: { get(name: string): string | null; set(name: string, value: string): void }, expiresAt: Date): void {
  const current = headers.get('Idempotency-Expires');
  if (current !== null && Date.parse(current) <= expiresAt.getTime()) return;
  headers.set('Idempotency-Expires', expiresAt.toUTCString());
}
