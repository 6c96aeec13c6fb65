import { JournalStorageError } from '../JournalStorageError.js';
import type { JournalItemStore } from './journalItemStore.js';

/** What `abandon` works on: the journal's items, the keys its operations hold, and the item of each key it handed out. */
export interface AbandonScope {
  items: JournalItemStore;
  /** The keys operations of the journal are sending right now: never removed. */
  held: ReadonlySet<string>;
  /** The item of each key the journal handed out, so `abandon` finds it without listing storage. */
  itemOf: Map<string, string>;
}

/** `Journal.abandon`: forgets a pending key for good unless an operation holds it (see there). */
export async function abandonKey({ items, held, itemOf }: AbandonScope, key: string): Promise<boolean> {
  // `held` is checked again inside the item's lock: a re-issue may take the key in between.
  const drop = (name: string) =>
    items.exclusive(name, async (): Promise<'held' | 'absent' | 'stored' | 'in-memory'> => {
      if (held.has(key)) return 'held';
      const entries = await items.read(name);
      const kept = entries.filter((entry) => entry.key !== key);
      if (kept.length === entries.length) return 'absent';
      itemOf.delete(key);
      return (await items.write(name, kept)) ? 'stored' : 'in-memory';
    });
  const known = itemOf.get(key);
  const found = known === undefined ? 'absent' : await drop(known);
  if (found !== 'absent') return removedOrThrow(found, key);
  const { names, complete } = await items.listing();
  for (const name of names) {
    const dropped = await drop(name);
    if (dropped !== 'absent') return removedOrThrow(dropped, key);
  }
  if (!complete) throw new JournalStorageError(`@idem/trpc-link: cannot abandon key ${key}: the journal storage could not be listed.`);
  return false;
}

/** `abandon`'s answer for a key found in the journal: removed, held by an operation, or a removal the storage did not take. */
function removedOrThrow(found: 'held' | 'stored' | 'in-memory', key: string): boolean {
  if (found === 'in-memory') {
    throw new JournalStorageError(`@idem/trpc-link: key ${key} was abandoned in memory only: the journal storage is failing; it is removed there once the storage recovers.`);
  }
  return found === 'stored';
}
