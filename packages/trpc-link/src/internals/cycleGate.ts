/**
 * Lets the journal's read-modify-write cycles run side by side, and one task run alone: `alone`
 * holds new cycles back, waits until the running ones finish, runs, then lets cycles go on.
 */
export interface CycleGate {
  cycle<T>(task: () => Promise<T>): Promise<T>;
  alone<T>(task: () => Promise<T>): Promise<T>;
}

export function cycleGate(): CycleGate {
  let gate: Promise<void> | undefined; // set while a task runs alone
  let running = 0;
  let drained: (() => void) | undefined;

  return {
    async cycle(task) {
      while (gate) await gate;
      running++;
      try {
        return await task();
      } finally {
        running--;
        if (running === 0 && drained) {
          const resolve = drained;
          drained = undefined;
          resolve();
        }
      }
    },
    async alone(task) {
      let open = () => {};
      gate = new Promise((resolve) => (open = resolve));
      try {
        if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
        return await task();
      } finally {
        gate = undefined;
        open();
      }
    },
  };
}
