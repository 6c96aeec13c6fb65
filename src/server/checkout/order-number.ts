import { randomInt } from 'node:crypto';

/** Crockford's base-32 alphabet: no I, L, O or U, so a number read aloud or retyped stays the same. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 7;

/**
 * A short order number for people, e.g. `IDM-4F2K9QX`: 7 random base-32 characters (34 bits).
 * The column is unique; a collision (about one in 10^10 per pair of orders) aborts the order's
 * transaction with a unique violation, and the client's retry, under the same key, draws again.
 */
export function newOrderNumber(): string {
  let suffix = '';
  for (let i = 0; i < LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `IDM-${suffix}`;
}
