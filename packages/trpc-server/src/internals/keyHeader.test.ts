import { describe, expect, it } from 'vitest';
import { isIdempotencyError } from '../IdempotencyError.js';
import { keyForOperation, MAX_KEY_LENGTH, splitKeyHeader } from './keyHeader.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return isIdempotencyError(cause) ? cause.code : 'not an idempotency error';
  }
  return undefined;
}

describe('splitKeyHeader', () => {
  it('reads a bare key as one member', () => {
    expect(splitKeyHeader('abc-123')).toEqual(['abc-123']);
  });
  it('reads a structured-field string, unescaping quotes and backslashes', () => {
    expect(splitKeyHeader('"a\\"b\\\\c"')).toEqual(['a"b\\c']);
  });
  it('reads a list of strings in batch order, empty members included', () => {
    expect(splitKeyHeader('"k1", "", "k,3"')).toEqual(['k1', '', 'k,3']);
  });
  it('returns null for an absent header', () => {
    expect(splitKeyHeader(null)).toBeNull();
  });
  it('keeps a malformed list whole so that validation rejects it', () => {
    expect(splitKeyHeader('"k1" junk')).toEqual(['"k1" junk']);
    expect(splitKeyHeader('"unterminated')).toEqual(['"unterminated']);
  });
});

describe('keyForOperation', () => {
  it('returns the key of a single operation', () => {
    expect(keyForOperation('"order-1"', 0)).toBe('order-1');
  });
  it('returns the member at the batch index', () => {
    expect(keyForOperation('"a", "b", "c"', 2)).toBe('c');
  });
  it('is IDEMPOTENCY_KEY_MISSING without a header, past the list, or for an empty batch member', () => {
    expect(codeOf(() => keyForOperation(null, 0))).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(codeOf(() => keyForOperation('"a"', 1))).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(codeOf(() => keyForOperation('"a", ""', 1))).toBe('IDEMPOTENCY_KEY_MISSING');
  });
  it('is IDEMPOTENCY_KEY_INVALID for an empty, too long or non-visible-ASCII key', () => {
    expect(codeOf(() => keyForOperation('""', 0))).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(codeOf(() => keyForOperation('x'.repeat(MAX_KEY_LENGTH + 1), 0))).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(codeOf(() => keyForOperation('"has space"', 0))).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(codeOf(() => keyForOperation('"clé"', 0))).toBe('IDEMPOTENCY_KEY_INVALID');
  });
  it('accepts a key of exactly the maximum length', () => {
    expect(keyForOperation('x'.repeat(MAX_KEY_LENGTH), 0)).toHaveLength(MAX_KEY_LENGTH);
  });
});
