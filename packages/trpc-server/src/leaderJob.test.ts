import { describe, expect, it } from 'vitest';
import { leaderJob } from './leaderJob.js';
import { memoryLeases } from './memoryLeases.js';

describe('leaderJob', () => {
  it('runs the work only in the instance holding the lease, and hands the lease over on stop', async () => {
    let ms = 0;
    const now = () => new Date(ms);
    const leases = memoryLeases();
    const runs: string[] = [];
    const [a, b] = ['a', 'b'].map((holder) => leaderJob({ leases, leaseName: 'job', holder, intervalMs: 1_000, now, run: async () => void runs.push(holder) }));
    expect(await a!.runOnce()).toEqual({ leader: true });
    expect(await b!.runOnce()).toEqual({ leader: false });
    ms += 2_999; // a's lease (3 s) still holds
    expect(await b!.runOnce()).toEqual({ leader: false });
    await a!.stop();
    expect(await b!.runOnce()).toEqual({ leader: true });
    expect(runs).toEqual(['a', 'b']);
  });

  it('takes over a lease whose holder stopped renewing, once it expired', async () => {
    let ms = 0;
    const now = () => new Date(ms);
    const leases = memoryLeases();
    const dead = leaderJob({ leases, leaseName: 'job', holder: 'dead', intervalMs: 1_000, now, run: async () => {} });
    const alive = leaderJob({ leases, leaseName: 'job', holder: 'alive', intervalMs: 1_000, now, run: async () => {} });
    await dead.runOnce();
    ms += 3_001;
    expect(await alive.runOnce()).toEqual({ leader: true });
  });
  it('tells a run in progress that stop() was called, so it can stop between items', async () => {
    let release!: () => void;
    const seen: boolean[] = [];
    const job = leaderJob({
      leases: memoryLeases(),
      leaseName: 'job',
      intervalMs: 1_000,
      run: async (signal) => {
        seen.push(signal.aborted);
        await new Promise<void>((resolve) => (release = resolve));
        seen.push(signal.aborted);
      },
    });
    job.start();
    const running = job.runOnce();
    await expect.poll(() => seen.length).toBe(1);
    const stopped = job.stop();
    release();
    await Promise.all([running, stopped]);
    expect(seen).toEqual([false, true]);
  });
});
