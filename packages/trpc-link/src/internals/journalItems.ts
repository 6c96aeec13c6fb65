import { hashString } from './hashString.js';

/**
 * How the journal lays out its storage: the names of its items and what an item holds. Pure.
 *
 * One item per scope + procedure path + hash of the canonical input, holding a JSON array of the
 * entries of operations with that input whose outcome is not known yet.
 */

/** Names of journal items start with this, so a shared storage can hold other data too. */
export const JOURNAL_PREFIX = 'idem-journal:';

/**
 * The part of an item name that a scope adds after the prefix: a hash, so a user id or an email
 * never appears in storage; unscoped items have none (and keep the names they always had).
 */
export function scopeSegment(scope: string | undefined): string {
  return scope ? `@${hashString(scope)}/` : '';
}

/** Whether a storage item belongs to the journal: to `scope`'s part of it, or to any part when `scope` is empty. */
export function isJournalItem(name: string, scope?: string): boolean {
  return name.startsWith(`${JOURNAL_PREFIX}${scopeSegment(scope)}`);
}

/** The name of the item for operations on `path` with the canonical input `serialized`. */
export function itemName(scope: string | undefined, path: string, serialized: string): string {
  return `${JOURNAL_PREFIX}${scopeSegment(scope)}${path}#${hashString(serialized)}`;
}

/**
 * One pending operation: its key, and when the key stops being worth reusing. A resumable one also
 * keeps its procedure, its input (as sent) and the caller's data, so a page can list it and send
 * it again after a reload.
 */
export interface JournalEntry {
  key: string;
  createdAt: number;
  expiresAt: number;
  path?: string;
  input?: unknown;
  data?: unknown;
}

/** The unexpired entries of a stored item; a corrupt item is as good as none. */
export function parseEntries(raw: string | null, at: number): JournalEntry[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((entry): entry is JournalEntry => isEntry(entry) && entry.expiresAt > at) : [];
  } catch {
    return [];
  }
}

/**
 * One item as the storage holds it now (`stored`), as the journal left it in memory while the
 * storage was failing (`kept`, `null` once removed), and as the storage held it before the journal
 * changed it in memory (`base`). Every entry of either side, once, except the ones the journal
 * removed in memory (in `base`, gone from `kept`): an operation settled during the outage must not
 * come back with the storage. `null` when no entry is left. Used when the storage recovers.
 */
export function mergeEntries(stored: string | null, kept: string | null, base: string | null, at: number): string | null {
  const keptEntries = parseEntries(kept, at);
  const removed = new Set(parseEntries(base, at).map((entry) => entry.key));
  for (const entry of keptEntries) removed.delete(entry.key);
  const merged = parseEntries(stored, at).filter((entry) => !removed.has(entry.key));
  for (const entry of keptEntries) if (!merged.some((other) => other.key === entry.key)) merged.push(entry);
  return merged.length > 0 ? JSON.stringify(merged) : null;
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return typeof entry?.key === 'string' && typeof entry.createdAt === 'number' && typeof entry.expiresAt === 'number';
}
