import type { IdempotencyEvent } from '../IdempotencyEvent.js';
import type { IdempotencyLinkOptions } from '../IdempotencyLinkOptions.js';
import { JournalStorageError } from '../JournalStorageError.js';
import type { PendingOperation, PendingOperationsOptions } from '../PendingOperation.js';
import { defaultStorage } from './defaultStorage.js';
import { createJournal, type Journal } from './journal.js';
import { mergeEntries } from './journalItems.js';
import type { LinkSettings } from './linkSettings.js';
import { notify } from './notify.js';
import { resilientStorage } from './resilientStorage.js';

/** A link's journal, and the methods `IdempotencyLink` adds to the link to manage it. */
export interface LinkJournal {
  /** The journal, made on first use. */
  get(): Journal;
  /** The link's public journal methods (documented on `IdempotencyLink`). */
  methods: {
    clearJournal(scope?: string): Promise<number>;
    pendingOperations(options?: PendingOperationsOptions): Promise<PendingOperation[]>;
    abandon(key: string): Promise<boolean>;
  };
}

/**
 * One journal per link, made on first use: the clients built from this link share its storage.
 * Storage failures degrade to memory and are reported as `storage` events.
 */
export function linkJournal(opts: IdempotencyLinkOptions, settings: LinkSettings): LinkJournal {
  const { now, storageRecoveryMs } = settings;
  let made: { journal: Journal; listable: boolean } | undefined;
  const make = () => {
    const storage = resilientStorage(opts.storage ?? defaultStorage(), {
      onError: settings.onStorageError,
      onModeChange: (mode, error) => {
        const at = now();
        notify([opts.monitor?.report], { type: 'storage', mode, error, at, retryAt: mode === 'memory' ? at + storageRecoveryMs : undefined } satisfies IdempotencyEvent);
      },
      timeoutMs: settings.storageTimeoutMs,
      recoverAfterMs: storageRecoveryMs,
      now,
      merge: (stored, kept, base) => mergeEntries(stored, kept, base, now()),
    });
    const journal = createJournal({ storage, ttlMs: settings.journalTtlMs, now, generateKey: settings.generateKey });
    return { journal, listable: storage.listable };
  };
  const journalOf = () => (made ??= make());
  const listable = (what: string) => {
    const { journal, listable } = journalOf();
    if (!listable) throw new JournalStorageError(`@idem/trpc-link: cannot ${what}: the storage has no keys() to list its items.`);
    return journal;
  };

  return {
    get: () => journalOf().journal,
    methods: {
      async clearJournal(scope) {
        return listable('clear the journal').clear(scope || undefined);
      },
      async pendingOperations(options = {}) {
        const scope = 'scope' in options ? options.scope || undefined : settings.scope();
        return listable('list pending operations').pending(scope, options.path);
      },
      async abandon(key) {
        return journalOf().journal.abandon(key);
      },
    },
  };
}
