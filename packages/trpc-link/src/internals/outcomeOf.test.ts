import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { operationOutcome, outcomeOf } from './outcomeOf.js';

/** A TRPCClientError as httpLink builds it from an error response. */
function serverError(status: number, data: { code?: string; retryable?: boolean } = {}, headers: Record<string, string> = {}, responseJSON?: unknown) {
  return TRPCClientError.from(
    { error: { message: 'x', code: -32000, data: { httpStatus: status, ...data } } },
    { meta: { response: new Response(null, { status, headers }), responseJSON } },
  );
}

describe('outcomeOf', () => {
  it.each([500, 501, 502, 503, 504, 599])('calls %i unknown, with any retry hint or none', (status) => {
    expect(outcomeOf(serverError(status))).toBe('unknown');
    expect(outcomeOf(serverError(status, { retryable: true }))).toBe('unknown');
    expect(outcomeOf(serverError(status, { retryable: false }))).toBe('unknown');
  });

  it('calls a failure without a response unknown', () => {
    expect(outcomeOf(TRPCClientError.from(new TypeError('fetch failed')))).toBe('unknown');
    expect(outcomeOf(TRPCClientError.from(new DOMException('Aborted', 'AbortError')))).toBe('unknown');
    expect(outcomeOf(TRPCClientError.from(new SyntaxError('Unexpected token <')))).toBe('unknown');
  });

  it.each([408, 429, 499])('calls the transient %i unknown', (status) => {
    expect(outcomeOf(serverError(status))).toBe('unknown');
  });

  it('calls 409 in-progress unknown, and another 409 known', () => {
    expect(outcomeOf(serverError(409, { code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', retryable: true }))).toBe('unknown');
    expect(outcomeOf(serverError(409, { code: 'VERSION_CONFLICT' }))).toBe('known');
  });

  it.each([400, 401, 403, 404, 412, 422])('calls %i known, even when marked retryable', (status) => {
    expect(outcomeOf(serverError(status))).toBe('known');
    expect(outcomeOf(serverError(status, { retryable: true }))).toBe('known');
  });

  it('calls a stored 4xx known, and a 4xx the server did not store (retryable: true) unknown', () => {
    expect(outcomeOf(serverError(402, { code: 'PAYMENT_DECLINED', retryable: false }))).toBe('known');
    expect(outcomeOf(serverError(402, { code: 'PAYMENT_DECLINED' }))).toBe('known');
    expect(outcomeOf(serverError(409, { code: 'CONFLICT', retryable: true }))).toBe('unknown');
  });
});

describe('operationOutcome', () => {
  it('is the attempt’s own outcome while no earlier attempt was unknown', () => {
    expect(operationOutcome(serverError(401), false)).toBe('known');
    expect(operationOutcome(serverError(503), false)).toBe('unknown');
  });

  it.each([400, 401, 403, 404, 412, 422])('keeps an earlier unknown outcome through a %i the server did not store for the key', (status) => {
    expect(operationOutcome(serverError(status, { retryable: false }), true)).toBe('unknown');
  });

  it('settles an earlier unknown outcome with an answer the server keeps for the key (replayed, or advertised)', () => {
    expect(operationOutcome(serverError(422, { retryable: false }, { 'idempotent-replayed': 'true' }), true)).toBe('known');
    expect(operationOutcome(serverError(402, { retryable: false }, { 'idempotency-expires': 'Wed, 01 Jan 2031 00:00:00 GMT' }), true)).toBe('known');
  });

  it('takes no evidence from headers a batch of several operations shares', () => {
    const batch = [{ error: {} }, { result: {} }];
    expect(operationOutcome(serverError(422, {}, { 'idempotent-replayed': 'true' }, batch), true)).toBe('unknown');
    expect(operationOutcome(serverError(422, {}, { 'idempotency-expires': 'Wed, 01 Jan 2031 00:00:00 GMT' }, batch), true)).toBe('unknown');
  });
});
