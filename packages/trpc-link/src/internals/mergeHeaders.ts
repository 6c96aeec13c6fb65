import type { HTTPHeaders } from '@trpc/client';

/** Headers the app's own tracing sets better than the link can: the app's win. */
const APP_WINS = new Set(['traceparent', 'tracestate']);

/**
 * The app's headers (any form tRPC accepts: a plain object, a `Headers`, a list of pairs) with
 * the link's added on top. A header of the app's that the link also sets — in any letter case —
 * is dropped, so the request never carries two `Idempotency-Key`s; except trace context, where the
 * app's tracing SDK knows the real parent span.
 */
export function mergeHeaders(app: HTTPHeaders | undefined, ours: Record<string, string>): Record<string, string | string[]> {
  const merged: Record<string, string | string[]> = {};
  const appEntries = entriesOf(app).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined);
  const appNames = new Set(appEntries.map(([name]) => name.toLowerCase()));
  const linkNames = new Set(Object.keys(ours).map((name) => name.toLowerCase()));
  for (const [name, value] of appEntries) {
    if (linkNames.has(name.toLowerCase()) && !APP_WINS.has(name.toLowerCase())) continue;
    merged[name] = value;
  }
  for (const [name, value] of Object.entries(ours)) {
    if (APP_WINS.has(name.toLowerCase()) && appNames.has(name.toLowerCase())) continue;
    merged[name] = value;
  }
  return merged;
}

function entriesOf(headers: HTTPHeaders | undefined): [string, string | string[] | undefined][] {
  if (!headers) return [];
  if (Array.isArray(headers)) return (headers as [string, string][]).map(([name, value]) => [name, value]);
  const iterable = headers as { forEach?: unknown; entries?: unknown };
  if (typeof iterable.forEach === 'function' && typeof iterable.entries === 'function') {
    // a `Headers`: its entries, not its own properties
    return [...(headers as Headers).entries()];
  }
  return Object.entries(headers as Record<string, string | string[] | undefined>);
}
