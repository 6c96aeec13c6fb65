import { describe, expect, it } from 'vitest';
import { journalActionOf } from './settlement.js';

describe('journalActionOf', () => {
  const meta = { key: 'k1', attempts: 2 };

  it('forgets the key only when the outcome is known', () => {
    expect(journalActionOf({ outcome: 'success', envelope: undefined, meta: { ...meta, replayed: false } })).toBe('forget');
    expect(journalActionOf({ outcome: 'error', error: new Error('422'), meta: { ...meta, stoppedBy: 'client-error', outcome: 'known' } })).toBe('forget');
  });

  it('keeps it (releases) when the outcome is unknown, however the operation stopped', () => {
    for (const stoppedBy of ['max-attempts', 'deadline', 'declined', 'key-not-sent', 'server-final'] as const) {
      expect(journalActionOf({ outcome: 'error', error: new Error('503'), meta: { ...meta, stoppedBy, outcome: 'unknown' } }), stoppedBy).toBe('release');
    }
    expect(journalActionOf({ outcome: 'cancelled', error: new Error('aborted'), meta: { ...meta, stoppedBy: 'aborted', outcome: 'unknown' } })).toBe('release');
  });
});
