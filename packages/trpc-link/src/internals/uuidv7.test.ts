import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuidv7.js';

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('sorts by creation time', () => {
    const ones = (bytes: Uint8Array) => bytes.fill(0xff);
    expect(uuidv7(1_000, ones) < uuidv7(1_001, () => {})).toBe(true);
    expect(uuidv7(0x0123456789ab, () => {}).slice(0, 13)).toBe('01234567-89ab');
  });
});
