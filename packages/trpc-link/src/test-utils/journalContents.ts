import { JOURNAL_PREFIX } from '../internals/journalItems.js';
import type { JournalStorage } from '../JournalStorage.js';

/** The keys the journal holds in `storage`, per item name (without the prefix). */
export async function journalContents(storage: JournalStorage): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const name of (await storage.keys?.()) ?? []) {
    if (!name.startsWith(JOURNAL_PREFIX)) continue;
    const entries = JSON.parse((await storage.getItem(name)) ?? '[]') as { key: string }[];
    contents[name.slice(JOURNAL_PREFIX.length)] = entries.map((entry) => entry.key);
  }
  return contents;
}

/** Every key in the journal, in item order. */
export async function journalKeys(storage: JournalStorage): Promise<string[]> {
  return Object.values(await journalContents(storage)).flat();
}
