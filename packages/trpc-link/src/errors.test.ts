import { describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError } from './GatewayError.js';
import { IdempotencyKeyNotSentError, isIdempotencyKeyNotSentError } from './IdempotencyKeyNotSentError.js';
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

  it('each have a stable code, a name and a guard', () => {
    const cause = new Error('below');
    const errors = [
      [new GatewayError(502, new Headers(), { cause }), 'GatewayError', 'GATEWAY_ERROR', isGatewayError],
      [new IdempotencyKeyNotSentError('k1', 'buy', { cause }), 'IdempotencyKeyNotSentError', 'IDEMPOTENCY_KEY_NOT_SENT', isIdempotencyKeyNotSentError],
      [new JournalStorageError('full', { cause }), 'JournalStorageError', 'JOURNAL_STORAGE_FAILED', isJournalStorageError],
      [new RetryAbortedError('k1', 1, { cause }), 'RetryAbortedError', 'RETRY_ABORTED', isRetryAbortedError],
    ] as const;
    for (const [error, name, code, guard] of errors) {
      expect(error).toMatchObject({ name, code, cause });
      expect(guard(error), name).toBe(true);
      expect(isIdempotencyLinkError(error), name).toBe(true);
      for (const [other, otherName] of errors) if (otherName !== name) expect(guard(other), `${otherName} is not ${name}`).toBe(false);
    }
  });

  it('are recognised by guards that do not rely on the prototype', () => {
    const aborted = new RetryAbortedError('k1', 1);
    // e.g. made by a second bundled copy of this package: another class, the same name
    const foreign = Object.assign(new Error('Cancelled while waiting to retry'), { name: 'RetryAbortedError', key: 'k1', attempts: 1 });
    expect(isRetryAbortedError(aborted)).toBe(true);
    expect(isRetryAbortedError(foreign)).toBe(true);
    expect(isIdempotencyLinkError(foreign)).toBe(true);
    expect(isRetryAbortedError({ name: 'RetryAbortedError' }), 'not an Error').toBe(false);
    expect(isRetryAbortedError(new JournalStorageError('x'))).toBe(false);
    expect(isJournalStorageError(new JournalStorageError('x'))).toBe(true);
    expect(isIdempotencyLinkError(aborted)).toBe(true);
    expect(isIdempotencyLinkError(new JournalStorageError('x'))).toBe(true);
    expect(isIdempotencyLinkError(new Error('x'))).toBe(false);
    expect(isIdempotencyLinkError(null)).toBe(false);
  });
});
