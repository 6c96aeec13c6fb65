import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './exponentialBackoff.js';
import { parseRetryAfter } from './internals/retryAfter.js';

describe('exponentialBackoff', () => {
  const low = () => 0;
  const high = () => 0.999_999;

  it.each([
    [1, 500, 500],
    [2, 500, 1000],
    [3, 1000, 2000],
    [4, 2000, 4000],
    [5, 2500, 5000],
    [10, 2500, 5000],
  ])('keeps retry %i within [%i, %i] ms', (retry, min, max) => {
    expect(exponentialBackoff(retry, { random: low })).toBe(min);
    expect(exponentialBackoff(retry, { random: high })).toBe(max);
    for (let i = 0; i < 100; i++) {
      const delay = exponentialBackoff(retry);
      expect(delay).toBeGreaterThanOrEqual(min);
      expect(delay).toBeLessThanOrEqual(max);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('takes its own floor and ceiling', () => {
    expect(exponentialBackoff(1, { initialDelayMs: 100, maxDelayMs: 400, random: low })).toBe(100);
    expect(exponentialBackoff(8, { initialDelayMs: 100, maxDelayMs: 400, random: high })).toBe(400);
    expect(exponentialBackoff(1, { initialDelayMs: 1000, maxDelayMs: 300, random: low })).toBe(300);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an IMF-fixdate and the obsolete forms', () => {
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tuesday, 01-Jan-30 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue Jan  1 00:00:05 2030', now)).toBe(5000);
  });

  it('treats a date in the past as now', () => {
    expect(parseRetryAfter('Mon, 31 Dec 2029 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
