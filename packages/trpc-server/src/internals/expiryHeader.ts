type HeaderBag = { get(name: string): string | null; set(name: string, value: string): void; delete(name: string): void };

/** The keys each response advertises an expiry for: a batch's operations share one header bag. */
const advertised = new WeakMap<HeaderBag, Map<number, Date>>();

/**
 * Sets `Idempotency-Expires` (an HTTP-date, RFC 9110 §5.6.7) to when the key of the operation at
 * `batchIndex` stops being remembered. A batch shares one set of response headers, so it
 * advertises the earliest expiry among its keys: no key of the batch is forgotten before then.
 */
export function advertiseExpiry(headers: HeaderBag, batchIndex: number, expiresAt: Date): void {
  const expiries = advertised.get(headers) ?? new Map<number, Date>();
  advertised.set(headers, expiries);
  expiries.set(batchIndex, expiresAt);
  writeEarliest(headers, expiries);
}

/** Takes back the expiry of a key that was released: its request stored nothing, the key is free again. */
export function withdrawExpiry(headers: HeaderBag, batchIndex: number): void {
  const expiries = advertised.get(headers);
  if (!expiries?.delete(batchIndex)) return;
  writeEarliest(headers, expiries);
}

function writeEarliest(headers: HeaderBag, expiries: Map<number, Date>): void {
  const earliest = Math.min(...[...expiries.values()].map((d) => d.getTime()));
  if (Number.isFinite(earliest)) headers.set('Idempotency-Expires', new Date(earliest).toUTCString());
  else headers.delete('Idempotency-Expires');
}
