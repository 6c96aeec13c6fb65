import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from './fingerprint.js';

describe('fingerprint', () => {
  it('ignores the order of object keys at every depth', () => {
    expect(fingerprint('p', { a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(
      fingerprint('p', { b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }),
    );
  });
  it('differs when the input differs', () => {
    expect(fingerprint('p', { qty: 1 })).not.toBe(fingerprint('p', { qty: 2 }));
  });
  it('differs when the procedure differs', () => {
    expect(fingerprint('a.b', { qty: 1 })).not.toBe(fingerprint('a.bb', { qty: 1 }));
  });
  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
  it('treats no input as null', () => {
    expect(canonicalJson(undefined)).toBe('null');
  });
});
