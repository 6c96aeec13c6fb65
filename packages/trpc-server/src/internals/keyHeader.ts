import { idempotencyError } from '../IdempotencyError.js';

/** Longest key accepted, as Stripe does. */
export const MAX_KEY_LENGTH = 255;

/** Visible ASCII: 0x21 (`!`) to 0x7E (`~`). No spaces, no control characters, no Unicode. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The `Idempotency-Key` header of a request, split per operation.
 *
 * Wire format: the IETF draft makes the field a structured-field String (`"k1"`). A tRPC batch
 * carries one set of headers for all its operations, so a batch sends a structured-field List of
 * Strings, one member per operation in batch order (`"k1", "", "k3"`); an empty string means
 * "this operation has no key". A single bare value (`Idempotency-Key: k1`) is accepted too, for curl.
 *
 * Returns `null` when the header is absent. Members are returned unvalidated; see `validateKey`.
 */
export function splitKeyHeader(header: string | null): string[] | null {
  if (header === null) return null;
  const value = header.trim();
  if (!value.startsWith('"')) return [value];
  const members: string[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '"') return [value]; // not a list of strings: let validation reject it whole
    let member = '';
    i++;
    for (; i < value.length && value[i] !== '"'; i++) {
      if (value[i] === '\\') i++;
      member += value[i] ?? '';
    }
    if (i >= value.length) return [value]; // unterminated string
    members.push(member);
    i++;
    while (value[i] === ' ' || value[i] === '\t') i++;
    if (i < value.length && value[i] !== ',') return [value];
    i++;
    while (value[i] === ' ' || value[i] === '\t') i++;
  }
  return members;
}

/**
 * The key for the operation at `batchIndex`, validated. Throws the contract's 400 errors:
 * `IDEMPOTENCY_KEY_MISSING` when there is none, `IDEMPOTENCY_KEY_INVALID` when it is empty,
 * longer than 255 characters or not visible ASCII.
 */
export function keyForOperation(header: string | null, batchIndex: number): string {
  const members = splitKeyHeader(header);
  const key = members?.[batchIndex];
  // In a batch an empty member means "no key for this operation"; a lone empty key is invalid.
  if (key === undefined || (key === '' && members !== null && members.length > 1)) {
    throw idempotencyError('IDEMPOTENCY_KEY_MISSING', 'This mutation requires an Idempotency-Key header.');
  }
  return validateKey(key);
}

export function validateKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !VISIBLE_ASCII.test(key)) {
    throw idempotencyError(
      'IDEMPOTENCY_KEY_INVALID',
      `Idempotency-Key must be 1–${MAX_KEY_LENGTH} visible ASCII characters.`,
    );
  }
  return key;
}
