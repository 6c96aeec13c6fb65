import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';

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

/**
 * The request's fingerprint, and its input as stored for the completer (the empty string records
 * a call without input). Both walk the raw input before any validation: one that nests deeper
 * than the stack allows is the client's mistake, a 400, not a 500.
 */
export function fingerprintRequest(path: string, rawInput: unknown): { print: string; input: string } {
  try {
    return { print: fingerprint(path, rawInput), input: rawInput === undefined ? '' : JSON.stringify(rawInput) };
  } catch (error) {
    if (error instanceof RangeError) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The input nests too deeply.', cause: error });
    throw error;
  }
}
