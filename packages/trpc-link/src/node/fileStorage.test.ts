import { createTRPCClient } from '@trpc/client';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idempotencyLink } from '../idempotencyLink.js';
import { idempotentHttpLink } from '../idempotentHttpLink.js';
import type { JournalStorageError } from '../JournalStorageError.js';
import { ok, scriptedFetch, type Reply, type TestRouter } from '../test-utils/scriptedFetch.js';
import { fileStorage } from './fileStorage.js';

/** A Node journal in a real file, in a temporary directory. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'idem-file-storage-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A process: a new link on the file (as after a restart). */
function processOn(file: string, replies: Reply[], onStorageError?: (error: JournalStorageError) => void) {
  const script = scriptedFetch(...replies);
  const link = idempotencyLink<TestRouter>({ storage: fileStorage(file), maxAttempts: 1, onStorageError });
  const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch: script.fetch })] });
  return { client, requests: script.requests };
}

describe('fileStorage', () => {
  it('stores, lists and removes items, creating the directory, and reads them back in a new instance', async () => {
    const file = path.join(dir, 'nested', 'journal.json');
    const storage = fileStorage(file);
    expect(await storage.getItem('a')).toBeNull();
    await storage.setItem('a', '1');
    await storage.setItem('b', '2');
    await storage.removeItem('a');
    expect(await storage.keys!()).toEqual(['b']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ b: '2' });
    expect(await fileStorage(file).getItem('b')).toBe('2');
  });

  it('keeps concurrent writes in order: the file ends with every item', async () => {
    const file = path.join(dir, 'journal.json');
    const storage = fileStorage(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.setItem(`k${i}`, String(i))));
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toHaveLength(20);
  });

  it('a restarted process re-issues an unknown outcome with the key it had before', async () => {
    const file = path.join(dir, 'journal.json');
    const before = processOn(file, ['network-error']);
    await before.client.buy.mutate({ sku: 'mug' }).catch(() => {});
    const after = processOn(file, [ok('bought')]);
    await after.client.buy.mutate({ sku: 'mug' });
    expect(after.requests[0]!.key).toBe(before.requests[0]!.key);
    expect(JSON.parse(readFileSync(file, 'utf8')), 'the 2xx settled it').toEqual({});
  });

  it('a corrupt file fails loudly: the link reports it and keeps keys in memory', async () => {
    const file = path.join(dir, 'journal.json');
    writeFileSync(file, '{ not json');
    const onStorageError = vi.fn();
    const { client } = processOn(file, [ok('bought')], onStorageError);
    await client.buy.mutate({ sku: 'mug' });
    expect(onStorageError).toHaveBeenCalledTimes(1);
    expect(readFileSync(file, 'utf8'), 'the file is left for a person to look at').toBe('{ not json');
  });
});
