import { describe, expect, it } from 'vitest';
import { mergeEntries } from './journalItems.js';

const entry = (key: string) => ({ key, createdAt: 0, expiresAt: 1000 });
const item = (...keys: string[]) => JSON.stringify(keys.map(entry));
const keysOf = (raw: string | null) => (raw === null ? null : (JSON.parse(raw) as { key: string }[]).map((e) => e.key));

describe('mergeEntries (an item on recovery: stored now, kept in memory, stored before)', () => {
  it('keeps every entry of either side, once', () => {
    expect(keysOf(mergeEntries(item('a', 'b'), item('b', 'c'), item('b'), 0))).toEqual(['a', 'b', 'c']);
  });

  it('drops the entries removed in memory, but not ones another tab added meanwhile', () => {
    expect(keysOf(mergeEntries(item('settled', 'other-tab'), item(), item('settled'), 0))).toEqual(['other-tab']);
    expect(keysOf(mergeEntries(item('settled', 'other-tab'), null, item('settled'), 0))).toEqual(['other-tab']);
  });

  it('is null when nothing is left (remove the item), and drops nothing when the base was unknown', () => {
    expect(mergeEntries(item('settled'), null, item('settled'), 0)).toBeNull();
    expect(keysOf(mergeEntries(item('pending'), null, null, 0))).toEqual(['pending']);
  });

  it('applied twice gives the same item (a recovery that failed half-way is repeated)', () => {
    const once = mergeEntries(item('a', 'settled'), item('new'), item('settled'), 0);
    expect(mergeEntries(once, item('new'), item('settled'), 0)).toBe(once);
  });
});
