import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokensMatch } from './tokens-match';

// The real timingSafeEqual, watched: which buffers it compares is the property under test.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TOKEN = 'ops-token-for-tests-0123456789-abcdef';

describe('tokensMatch', () => {
  afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

  it('is true for the same token only', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch(`${TOKEN.slice(0, -1)}X`, TOKEN)).toBe(false);
    expect(tokensMatch('', TOKEN)).toBe(false);
    expect(tokensMatch(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });

  it('compares in constant time: always timingSafeEqual over two 32-byte digests, whatever the lengths', () => {
    for (const presented of ['', 'x', TOKEN.slice(0, 10), TOKEN, `${TOKEN}${'y'.repeat(500)}`]) {
      tokensMatch(presented, TOKEN);
    }
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(5);
    for (const [a, b] of calls) {
      expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    }
  });
});
