import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { errorCode, getQuery } from './support/api';

// Adversarial review of backpressure: a request used to hold one of API_MAX_CONCURRENT_REQUESTS slots
// from the moment it was admitted — before its body was read — so 16 stalled uploads kept an
// instance answering SERVER_BUSY for minutes. The body is now read first, outside the slots, with
// its own deadline (408). These check that a slow or broken upload never takes a slot.

/** Opens a raw connection and sends the head of a POST whose body never fully arrives. */
function stalledUpload(url: string, declaredBytes: number, sentBytes: number): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /api/trpc/cart.add HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${declaredBytes}\r\n\r\n${'{'.padEnd(sentBytes, ' ')}`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

describe('a request slot (sqlite)', () => {
  let database: TestDatabase | undefined;
  let api: ApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    await database?.drop();
    [api, database] = [undefined, undefined];
  });

  it('is not taken by an upload in progress, nor kept by a client that disconnects in the middle of its body', async () => {
    database = await createTestDatabase('sqlite');
    await seed(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ API_MAX_CONCURRENT_REQUESTS: '1' }), provider: 'sqlite' });
    const socket = await stalledUpload(api.url, 1_000, 10);
    const during = await getQuery(api.url, 'catalog.list');
    expect([during.status, api.lifecycle.inFlight]).toEqual([200, 0]);
    socket.destroy();
    expect((await getQuery(api.url, 'catalog.list')).status).toBe(200);
  });

  it('answers a stalled upload 408 once API_REQUEST_TIMEOUT_MS passed, and never lets it keep the instance busy', async () => {
    database = await createTestDatabase('sqlite');
    await seed(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ API_MAX_CONCURRENT_REQUESTS: '1', API_REQUEST_TIMEOUT_MS: '300' }), provider: 'sqlite' });
    const socket = await stalledUpload(api.url, 1_000, 10);
    const answered = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('"TIMEOUT"')) resolve(text);
      });
    });
    expect(await answered).toMatch(/^HTTP\/1\.1 408/);
    const next = await getQuery(api.url, 'catalog.list');
    socket.destroy();
    expect([next.status, errorCode(next.body) ?? null, api.lifecycle.inFlight]).toEqual([200, null, 0]);
  });

  it('comes back after a body too large (413), declared or chunked', async () => {
    database = await createTestDatabase('sqlite');
    await seed(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ API_MAX_CONCURRENT_REQUESTS: '1', API_MAX_BODY_BYTES: '64' }), provider: 'sqlite' });
    const big = JSON.stringify({ pad: 'x'.repeat(200) });
    const declared = await fetch(`${api.url}/api/trpc/cart.add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    const chunked = await fetch(`${api.url}/api/trpc/cart.add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Blob([big]).stream(), duplex: 'half' } as RequestInit);
    expect([declared.status, chunked.status]).toEqual([413, 413]);
    await api.lifecycle.idle();
    expect((await getQuery(api.url, 'catalog.list')).status).toBe(200);
  });
});
