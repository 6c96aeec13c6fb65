import { createHash } from 'node:crypto';

/**
 * A hash of the procedure path and a canonical serialization of the input: object keys sorted,
 * so `{a,b}` and `{b,a}` are the same request. Two requests with one key and different
 * fingerprints are a client bug, answered with 422 IDEMPOTENCY_KEY_REUSED.
 */
export function fingerprint(path: string, input: unknown): string {
  return createHash('sha256').update(path).update('\n').update(canonicalJson(input)).digest('base64url');
}

/** JSON with object keys in sorted order at every depth; `undefined` members are dropped as JSON drops them. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
