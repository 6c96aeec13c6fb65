import { describe, expect, it } from 'vitest';
import { IdempotencyLinkError, isIdempotencyLinkError } from './IdempotencyLinkError.js';
import { isJournalStorageError, JournalStorageError } from './JournalStorageError.js';
import { isRetryAbortedError, RetryAbortedError } from './RetryAbortedError.js';

describe('errors', () => {
  it('have fixed names, keep their cause, and share a base class', () => {
    const cause = new DOMException('Aborted', 'AbortError');
    const aborted = new RetryAbortedError('k1', 2, { cause });
    expect(aborted).toBeInstanceOf(IdempotencyLinkError);
    expect(aborted).toMatchObject({ name: 'RetryAbortedError', key: 'k1', attempts: 2, cause });
    expect(aborted.message).toBe('Cancelled while waiting to retry (key k1, after 2 attempts).');
    expect(new JournalStorageError('full').name).toBe('JournalStorageError');
  });

  it('are recognised by guards that do not rely on the prototype', () => {
    const aborted = new RetryAbortedError('k1', 1);
    const foreign = { ...aborted, name: 'RetryAbortedError' }; // e.g. from another realm
    expect(isRetryAbortedError(aborted)).toBe(true);
    expect(isRetryAbortedError(foreign)).toBe(true);
    expect(isRetryAbortedError(new JournalStorageError('x'))).toBe(false);
    expect(isJournalStorageError(new JournalStorageError('x'))).toBe(true);
    expect(isIdempotencyLinkError(aborted)).toBe(true);
    expect(isIdempotencyLinkError(new JournalStorageError('x'))).toBe(true);
    expect(isIdempotencyLinkError(new Error('x'))).toBe(false);
    expect(isIdempotencyLinkError(null)).toBe(false);
  });
});
