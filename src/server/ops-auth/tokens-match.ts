import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented secret equals the expected one, in time that reveals neither where they
 * differ nor how long the expected one is: both are hashed to 32-byte SHA-256 digests first, so
 * `timingSafeEqual` always compares two equal-length buffers.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
