import { JournalStorageError } from '../JournalStorageError.js';
import type { JournalStorage } from '../JournalStorage.js';
import type { CycleGate } from './cycleGate.js';
import type { ResilientStorageOptions, StorageMode } from './resilientStorage.js';
import type { KeptItem, StorageShadow } from './storageShadow.js';

/** One call on the storage, with the timeout; marks the storage as having answered. */
export type PrimaryCall = <T>(use: (storage: JournalStorage) => T | Promise<T>) => Promise<T>;

/** The storage behind `resilientStorage`, with its health: the mode, its failures, and the recovery after them. */
export interface PrimaryStorage {
  /** Where the journal's items live right now. */
  readonly mode: StorageMode;
  /** The storage answered once since the link started. */
  readonly answered: boolean;
  /** A call on the storage whatever the mode; rejects when it throws or times out, and changes no mode. */
  call: PrimaryCall;
  /** Runs `use` on the storage while it works; `undefined` once the journal is (or just went) in memory. */
  attempt<T>(method: string, use: (storage: JournalStorage) => T | Promise<T>): Promise<{ value: T } | undefined>;
}

/** What a recovery copies back into the storage, and the gate that keeps the journal's cycles out meanwhile. */
export interface RecoveryParts {
  shadow: StorageShadow;
  /** A recovery copies memory into storage while no cycle runs. */
  cycles: CycleGate;
}

/**
 * Watches `primary` for `resilientStorage`: a call that throws, rejects or times out moves the
 * journal to memory and is reported; in memory, the first call `recoverAfterMs` after the failure
 * probes the storage in the background and, if it answers, copies back what memory kept.
 */
export function primaryStorage(primary: JournalStorage, options: ResilientStorageOptions, parts: RecoveryParts): PrimaryStorage {
  let mode: StorageMode = 'persistent';
  let failedAt = 0;
  let recovering = false;
  let answered = false; // the storage answered once since the link started

  const fail = (method: string, cause: unknown) => {
    failedAt = options.now();
    if (mode === 'memory') return;
    mode = 'memory';
    const error = new JournalStorageError(
      `@idem/trpc-link: journal storage failed in ${method}; pending keys are kept in memory, and the storage is tried again in ${options.recoverAfterMs} ms.`,
      { cause },
    );
    options.onError(error);
    options.onModeChange('memory', error);
  };

  const primaryCall: PrimaryCall = async <T>(use: (storage: JournalStorage) => T | Promise<T>) => {
    const value = await withTimeout(use(primary), options.timeoutMs);
    answered = true;
    return value;
  };

  /** In memory mode: starts a recovery in the background once the cool-down has passed. */
  const maybeRecover = () => {
    if (recovering || options.now() - failedAt < options.recoverAfterMs) return;
    recovering = true;
    void recover().finally(() => (recovering = false));
  };

  const recover = () =>
    recoverStorage(primaryCall, options.merge, parts, {
      back: () => {
        mode = 'persistent';
        options.onModeChange('persistent');
      },
      stillDown: () => (failedAt = options.now()),
    });

  return {
    get mode() {
      return mode;
    },
    get answered() {
      return answered;
    },
    call: primaryCall,
    async attempt(method, use) {
      if (mode === 'memory') {
        maybeRecover();
        return undefined;
      }
      try {
        return { value: await primaryCall(use) };
      } catch (cause) {
        fail(method, cause);
        return undefined;
      }
    },
  };
}

/**
 * Probes the storage and, if it answers, merges back what memory kept while no cycle runs; `back`
 * runs then, still inside the gate. `stillDown` when the probe, the copy or `back` fails.
 */
async function recoverStorage(
  primaryCall: PrimaryCall,
  merge: ResilientStorageOptions['merge'],
  { shadow, cycles }: RecoveryParts,
  { back, stillDown }: { back: () => void; stillDown: () => void },
): Promise<void> {
  try {
    await primaryCall((s) => s.getItem(PROBE)); // a storage still down costs nobody a wait
  } catch {
    stillDown();
    return;
  }
  await cycles.alone(async () => {
    try {
      shadow.recovered(await copyBack(shadow.kept(), primaryCall, merge));
      back();
    } catch {
      stillDown(); // still failing: stay in memory, try again after another cool-down
    }
  });
}

/** Merges every change kept in memory during an outage into the storage; the items as merged. */
async function copyBack(kept: KeptItem[], primaryCall: PrimaryCall, merge: ResilientStorageOptions['merge']): Promise<Map<string, string | null>> {
  const merged = new Map<string, string | null>();
  for (const item of kept) {
    const stored = await primaryCall((s) => s.getItem(item.name));
    const value = merge(stored, item.kept, item.base);
    if (value !== null) await primaryCall((s) => s.setItem(item.name, value));
    else if (stored !== null) await primaryCall((s) => s.removeItem(item.name));
    merged.set(item.name, value);
  }
  return merged;
}

/** The item a recovery probe reads; never written. */
const PROBE = 'idem-journal-probe';

/** Rejects if a promise does not settle within `ms`; synchronous values pass straight through. */
function withTimeout<T>(value: T | Promise<T>, ms: number): T | Promise<T> {
  if (typeof (value as { then?: unknown } | null)?.then !== 'function') return value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Storage did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([value, timeout]).finally(() => clearTimeout(timer));
}
