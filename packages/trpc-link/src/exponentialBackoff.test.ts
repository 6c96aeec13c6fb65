import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './exponentialBackoff.js';
import { parseRetryAfter } from './internals/retryAfter.js';

/** A seeded PRNG (mulberry32): the same 1000 draws on every run, spread like `Math.random`. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

describe('exponentialBackoff', () => {
  const low = () => 0;
  const high = () => 0.999_999;

  it.each([
    [1, 250, 500],
    [2, 250, 1000],
    [3, 250, 2000],
    [4, 250, 4000],
    [5, 250, 5000],
    [10, 250, 5000],
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

  it('spreads even the first retry: 1000 clients that failed together do not come back in lockstep', () => {
    const random = seeded(42);
    const delays = Array.from({ length: 1000 }, () => exponentialBackoff(1, { random })).sort((a, b) => a - b);
    expect(percentile(delays, 0)).toBeGreaterThanOrEqual(250);
    expect(percentile(delays, 0)).toBeLessThan(255);
    expect(percentile(delays, 100)).toBeLessThanOrEqual(500);
    expect(percentile(delays, 100)).toBeGreaterThan(495);
    // uniform over [250, 500]: quartiles near 312, 375, 437
    expect(percentile(delays, 25)).toBeGreaterThan(295);
    expect(percentile(delays, 25)).toBeLessThan(330);
    expect(percentile(delays, 50)).toBeGreaterThan(355);
    expect(percentile(delays, 50)).toBeLessThan(395);
    expect(percentile(delays, 75)).toBeGreaterThan(420);
    expect(percentile(delays, 75)).toBeLessThan(455);
    // no 50 ms window holds more than a quarter of the clients (uniform: a fifth)
    for (let from = 250; from < 500; from += 50) {
      expect(delays.filter((d) => d >= from && d < from + 50).length).toBeLessThan(250);
    }
    expect(new Set(delays).size).toBeGreaterThan(200);
  });

  it('spreads the later retries over [250 ms, the capped exponential]', () => {
    const random = seeded(7);
    const fifth = Array.from({ length: 1000 }, () => exponentialBackoff(5, { random })).sort((a, b) => a - b);
    expect(percentile(fifth, 0)).toBeGreaterThanOrEqual(250);
    expect(percentile(fifth, 100)).toBeLessThanOrEqual(5000);
    expect(percentile(fifth, 10)).toBeLessThan(1000);
    expect(percentile(fifth, 90)).toBeGreaterThan(4000);
  });

  it('takes its own floor and ceiling', () => {
    expect(exponentialBackoff(1, { initialDelayMs: 100, minDelayMs: 50, maxDelayMs: 400, random: low })).toBe(50);
    expect(exponentialBackoff(8, { initialDelayMs: 100, minDelayMs: 50, maxDelayMs: 400, random: high })).toBe(400);
    expect(exponentialBackoff(1, { initialDelayMs: 1000, maxDelayMs: 300, random: high })).toBe(300);
    // a floor above the ceiling is clamped to it
    expect(exponentialBackoff(1, { initialDelayMs: 100, minDelayMs: 1000, random: low })).toBe(100);
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
