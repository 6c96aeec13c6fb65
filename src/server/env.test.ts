import { describe, expect, it } from 'vitest';
import { readServerEnv, transactionTimeoutMs } from './env';

describe('readServerEnv', () => {
  it('has defaults that hold together: TTL > lock timeout > transaction timeout', () => {
    const env = readServerEnv({});
    expect(env).toMatchObject({ IDEMPOTENCY_TTL_MS: 86_400_000, IDEMPOTENCY_LOCK_TIMEOUT_MS: 30_000, IDEMPOTENCY_COMPLETER_INTERVAL_MS: 10_000 });
    expect(transactionTimeoutMs(env)).toBe(15_000);
  });
  it('bounds transactions below a short lock timeout', () => {
    expect(transactionTimeoutMs(readServerEnv({ IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000' }))).toBe(500);
  });
  it('refuses a TTL not above the lock timeout, naming the variable', () => {
    expect(() => readServerEnv({ IDEMPOTENCY_TTL_MS: '30000' })).toThrow(/IDEMPOTENCY_TTL_MS must be greater than IDEMPOTENCY_LOCK_TIMEOUT_MS/);
  });
  it('lists every invalid value at once', () => {
    expect(() => readServerEnv({ IDEMPOTENCY_COMPLETER_INTERVAL_MS: '0', API_MAX_BODY_BYTES: 'lots' })).toThrow(/IDEMPOTENCY_COMPLETER_INTERVAL_MS[\s\S]*API_MAX_BODY_BYTES|API_MAX_BODY_BYTES[\s\S]*IDEMPOTENCY_COMPLETER_INTERVAL_MS/);
  });
});
