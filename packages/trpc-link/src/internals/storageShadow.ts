/** One item the journal changed in memory during an outage, with what the storage held before. */
export interface KeptItem {
  name: string;
  /** The item as the journal left it; `null`: removed. */
  kept: string | null;
  /** The item as the storage held it when last read or written; `null` when it had none (or unknown). */
  base: string | null;
}

/**
 * What the journal knows of its items besides the storage itself, so that a storage outage loses
 * nothing: the storage's last known value of every item read or written while it answered, and
 * each change (write or removal) made in memory since it stopped answering, to apply on recovery.
 *
 * The last known values are what lets the journal, in memory, still hand out a key that was
 * written to the storage before it failed (a "try again" must not get a new key). Never cleared:
 * one short string per item the page used.
 */
export interface StorageShadow {
  /** The storage answered `value` for `name`, or took it (`null`: no such item). */
  saw(name: string, value: string | null): void;
  /** Whether the storage's value of `name` is known (read or written while it answered). */
  knows(name: string): boolean;
  /** A change made in memory while the storage is failing; `null` removes the item. */
  keep(name: string, value: string | null): void;
  /** The item as the journal sees it in memory: changed during the outage, else as last stored; `undefined` when neither is known. */
  get(name: string): string | null | undefined;
  /** The items that exist as far as the shadow knows (kept in memory or last seen in the storage, minus removals). */
  names(): string[];
  /** Whether `name` was removed in memory during the outage. */
  removed(name: string): boolean;
  /** The changes made in memory, to merge into the storage on recovery. */
  kept(): KeptItem[];
  /** The storage took the merged items: they are its known values now, and memory holds no changes. */
  recovered(merged: ReadonlyMap<string, string | null>): void;
}

export function storageShadow(): StorageShadow {
  const lastStored = new Map<string, string | null>();
  let changes = new Map<string, string | null>();

  return {
    saw: (name, value) => void lastStored.set(name, value),
    knows: (name) => lastStored.has(name),
    keep: (name, value) => void changes.set(name, value),
    get: (name) => (changes.has(name) ? changes.get(name) : lastStored.get(name)),
    names() {
      const names = new Set<string>();
      for (const [name, value] of lastStored) if (value !== null && !changes.has(name)) names.add(name);
      for (const [name, value] of changes) if (value !== null) names.add(name);
      return [...names];
    },
    removed: (name) => changes.has(name) && changes.get(name) === null,
    kept: () => [...changes].map(([name, kept]) => ({ name, kept, base: lastStored.get(name) ?? null })),
    recovered(merged) {
      for (const [name, value] of merged) lastStored.set(name, value);
      changes = new Map();
    },
  };
}
