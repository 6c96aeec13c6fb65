import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { idempotencyErrorData } from './idempotencyErrorData.js';
import { IdempotencyError } from './IdempotencyError.js';

describe('idempotencyErrorData', () => {
  it('uses the code and retry hint of a coded cause', () => {
    const error = new TRPCError({ code: 'CONFLICT', cause: new IdempotencyError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'busy') });
    expect(idempotencyErrorData(error)).toEqual({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', retryable: true });
  });
  it('never leaks the code of an uncoded cause, such as a database driver error', () => {
    const driverError = Object.assign(new Error('table missing'), { code: 'P2021' });
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: driverError });
    expect(idempotencyErrorData(error).code).toBe('INTERNAL_SERVER_ERROR');
  });
  it('marks every 5xx retryable: its outcome is unknown, and only the same key can finish it', () => {
    expect(idempotencyErrorData(new TRPCError({ code: 'INTERNAL_SERVER_ERROR' })).retryable).toBe(true);
    const coded = Object.assign(new Error('boom'), { code: 'SOMETHING_BROKE', retryable: false });
    expect(idempotencyErrorData(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: coded }))).toEqual({ code: 'SOMETHING_BROKE', retryable: true });
  });
  it('names a body that is not JSON PARSE_ERROR', () => {
    const error = new TRPCError({ code: 'BAD_REQUEST', cause: new SyntaxError('Unexpected end of JSON input') });
    expect(idempotencyErrorData(error)).toEqual({ code: 'PARSE_ERROR', retryable: false });
  });
  it('marks transient statuses retryable', () => {
    expect(idempotencyErrorData(new TRPCError({ code: 'TOO_MANY_REQUESTS' })).retryable).toBe(true);
    expect(idempotencyErrorData(new TRPCError({ code: 'SERVICE_UNAVAILABLE' })).retryable).toBe(true);
    expect(idempotencyErrorData(new TRPCError({ code: 'UNPROCESSABLE_CONTENT' })).retryable).toBe(false);
  });
});
