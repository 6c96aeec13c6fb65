import { describe, expect, it } from 'vitest';
import { isRetryAttempt } from './attemptHeader.js';

describe('isRetryAttempt', () => {
  it('is a retry from the second send on', () => {
    expect(isRetryAttempt('2')).toBe(true);
    expect(isRetryAttempt(' 17 ')).toBe(true);
  });

  it('is a first send when the header says 1, is absent, or is not a positive integer', () => {
    for (const header of ['1', null, '', '0', '-3', '2.5', '02', 'two', '1e3', '99999999999']) expect(isRetryAttempt(header)).toBe(false);
  });
});
