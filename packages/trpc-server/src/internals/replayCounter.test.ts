import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replayCounter } from './replayCounter.js';

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);

describe('replayCounter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('buffers replays and writes one increment per record, with the latest time, after flushMs', async () => {
    const writes: { id: string; count: number; at: Date }[] = [];
    const counter = replayCounter(async (input) => void writes.push(input), 1_000);
    counter.add({ id: 'a', at: at(2) });
    counter.add({ id: 'b', at: at(1) });
    counter.add({ id: 'a', at: at(1) });
    counter.add({ id: 'a', at: at(3) });
    await vi.advanceTimersByTimeAsync(999);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([
      { id: 'a', count: 3, at: at(3) },
      { id: 'b', count: 1, at: at(1) },
    ]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(writes).toHaveLength(2); // nothing buffered, nothing written
  });

  it('writes on demand, and a flush waits for the one already running', async () => {
    const writes: string[] = [];
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    const counter = replayCounter(async ({ id }) => {
      if (id === 'slow') await blocked;
      writes.push(id);
    }, 60_000);
    counter.add({ id: 'slow', at: at(0) });
    const first = counter.flush();
    counter.add({ id: 'next', at: at(1) });
    const second = counter.flush();
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(secondDone).toBe(false);
    unblock();
    await Promise.all([first, second]);
    expect(writes).toEqual(['slow', 'next']);
  });

  it('keeps the counts of a failed write for the next flush, and reports the failure', async () => {
    const writes: { id: string; count: number }[] = [];
    let failing = true;
    const counter = replayCounter(async ({ id, count }) => {
      if (failing) throw new Error('database unavailable');
      writes.push({ id, count });
    }, 1_000);
    counter.add({ id: 'a', at: at(0) });
    await expect(counter.flush()).rejects.toThrow('database unavailable');
    counter.add({ id: 'a', at: at(1) });
    failing = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([{ id: 'a', count: 2 }]);
  });
});
