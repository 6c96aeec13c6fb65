import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { shouldRetry } from './shouldRetry.js';

/** A TRPCClientError as httpLink builds it from an error response. */
function serverError(status: number, data: { code?: string; retryable?: boolean; httpStatus?: number } = {}, responseStatus = status) {
  return TRPCClientError.from(
    { error: { message: 'x', code: -32000, data: { httpStatus: status, ...data } } },
    { meta: { response: new Response(null, { status: responseStatus }) } },
  );
}

describe('shouldRetry', () => {
  describe('without a response', () => {
    it.each([
      ['undici', 'fetch failed'],
      ['Chromium', 'Failed to fetch'],
      ['Firefox', 'NetworkError when attempting to fetch resource.'],
      ['undici, body cut off', 'terminated'],
    ])('retries a network failure (%s)', (_, message) => {
      expect(shouldRetry(TRPCClientError.from(new TypeError(message)))).toEqual({ retry: true, reason: 'network-error' });
    });

    it('retries Safari’s stackless "Load failed" but not a TypeError with a stack', () => {
      const safari = new TypeError('Load failed');
      safari.stack = undefined;
      expect(shouldRetry(TRPCClientError.from(safari)).retry).toBe(true);
      expect(shouldRetry(TRPCClientError.from(new TypeError('Load failed'))).retry).toBe(false);
    });

    it.each([
      ['a TypeError from a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
      ['a body that is not JSON (a proxy’s HTML page)', new SyntaxError('Unexpected token < in JSON')],
      ['a plain Error', new Error('boom')],
    ])('does not retry %s', (_, cause) => {
      expect(shouldRetry(TRPCClientError.from(cause))).toEqual({ retry: false, reason: 'unknown-error' });
    });

    it('does not retry an abort', () => {
      expect(shouldRetry(TRPCClientError.from(new DOMException('Aborted', 'AbortError')))).toEqual({ retry: false, reason: 'aborted' });
    });
  });

  describe('by status', () => {
    it.each([400, 401, 403, 404, 412, 422])('never retries %i, even when marked retryable', (status) => {
      expect(shouldRetry(serverError(status))).toEqual({ retry: false, reason: 'client-error' });
      expect(shouldRetry(serverError(status, { retryable: true }))).toEqual({ retry: false, reason: 'client-error' });
    });

    it('retries 409 IDEMPOTENCY_REQUEST_IN_PROGRESS', () => {
      expect(shouldRetry(serverError(409, { code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', retryable: true }))).toEqual({ retry: true, reason: 'in-progress' });
    });

    it('does not retry another 409 unless the server marks it retryable', () => {
      expect(shouldRetry(serverError(409, { code: 'VERSION_CONFLICT' }))).toEqual({ retry: false, reason: 'not-retryable' });
      expect(shouldRetry(serverError(409, { code: 'CONFLICT', retryable: true }))).toEqual({ retry: true, reason: 'server-retryable' });
    });

    it('retries 429', () => {
      expect(shouldRetry(serverError(429))).toEqual({ retry: true, reason: 'rate-limited' });
    });

    it.each([502, 503, 504])('retries %i', (status) => {
      expect(shouldRetry(serverError(status))).toEqual({ retry: true, reason: 'unavailable' });
    });

    it('follows the server when it marks a transient status final', () => {
      expect(shouldRetry(serverError(503, { retryable: false }))).toEqual({ retry: false, reason: 'server-final' });
    });

    it.each([408, 499])('retries %i only when the server marks it retryable', (status) => {
      expect(shouldRetry(serverError(status))).toEqual({ retry: false, reason: 'not-retryable' });
      expect(shouldRetry(serverError(status, { retryable: true }))).toEqual({ retry: true, reason: 'server-retryable' });
    });

    it.each([500, 501, 505, 599])('retries %i, with or without a retry hint: the work may have committed', (status) => {
      expect(shouldRetry(serverError(status, { code: 'INTERNAL_SERVER_ERROR' }))).toEqual({ retry: true, reason: 'server-error' });
      expect(shouldRetry(serverError(status, { retryable: true }))).toEqual({ retry: true, reason: 'server-error' });
    });

    it('does not retry a 500 the server marks final', () => {
      expect(shouldRetry(serverError(500, { retryable: false }))).toEqual({ retry: false, reason: 'server-final' });
    });

    it.each([402, 405, 413, 415, 428])('does not retry %i', (status) => {
      expect(shouldRetry(serverError(status))).toEqual({ retry: false, reason: 'not-retryable' });
    });
  });

  describe('in a batch', () => {
    it('reads each operation’s own status from data.httpStatus, not the shared 207', () => {
      expect(shouldRetry(serverError(409, { code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' }, 207))).toEqual({ retry: true, reason: 'in-progress' });
      expect(shouldRetry(serverError(422, { code: 'OUT_OF_STOCK' }, 207))).toEqual({ retry: false, reason: 'client-error' });
    });
  });

  it('reads the status of a response that is not tRPC-shaped', () => {
    const gateway = TRPCClientError.from({ message: 'Bad Gateway' }, { meta: { response: new Response(null, { status: 502 }) } });
    expect(shouldRetry(gateway)).toEqual({ retry: true, reason: 'unavailable' });
    const crashed = TRPCClientError.from({ message: 'Internal Server Error' }, { meta: { response: new Response(null, { status: 500 }) } });
    expect(shouldRetry(crashed)).toEqual({ retry: true, reason: 'server-error' });
  });
});
