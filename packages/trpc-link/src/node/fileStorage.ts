/// <reference types="node" />
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JournalStorage } from '../JournalStorage.js';

/**
 * A journal storage in one JSON file, for a Node process (a CLI, a worker, a server-side client)
 * whose pending keys must survive a restart: a mutation whose outcome was unknown when the
 * process died is re-issued with its key after it comes back.
 *
 * The file is read once, on the first call, and rewritten whole after each change (to a temporary
 * file, then renamed over it, so a crash never leaves half a file). One process per file: two
 * processes would overwrite each other's keys — give each its own file, or write a `JournalStorage`
 * on a shared store (Redis, a database table). A file that cannot be read or parsed makes the
 * call fail, and the link falls back to memory, loudly, rather than start from an empty journal.
 *
 * @example idempotencyLink({ storage: fileStorage('.data/idem-journal.json'), scope: () => currentUser() })
 */
export function fileStorage(file: string): JournalStorage {
  let items: Promise<Map<string, string>> | undefined;
  let written: Promise<void> = Promise.resolve();

  const load = () => {
    items ??= readFile(file, 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return new Map<string, string>();
        throw error;
      },
    );
    // A failed read is tried again on the next call, not remembered.
    items.catch(() => (items = undefined));
    return items;
  };

  /** Writes the current items; writes run one at a time, in order, each with the state at its turn. */
  const persist = (current: Map<string, string>) => {
    const write = async () => {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(Object.fromEntries(current)));
      await rename(temporary, file);
    };
    written = written.catch(() => {}).then(write);
    return written;
  };

  return {
    getItem: async (name) => (await load()).get(name) ?? null,
    async setItem(name, value) {
      const current = await load();
      current.set(name, value);
      await persist(current);
    },
    async removeItem(name) {
      const current = await load();
      if (current.delete(name)) await persist(current);
    },
    keys: async () => [...(await load()).keys()],
  };
}
