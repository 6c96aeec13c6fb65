import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { startServerProcess, type ServerProcess } from './support/server-process';

// Cases the HTTP fuzzer (e2e/fuzz.test.ts, npm run fuzz) found, each shrunk to the request that
// shows it and kept here as a test.
//
// 1. Seed 710387650 (PostgreSQL, request 113): a chunked PATCH whose Idempotency-Key header holds
//    CR LF CR LF and a second request line. The headers end early, the "body" is not valid
//    chunked encoding, Node's parser answers 400 and closes the socket — while the app is still
//    reading that body. The app took the aborted body read for its own failure: an error line
//    "request failed outside tRPC" and a request line with status 500 / outcome server_error, for
//    a request no client was answered 500 for. Any client that goes away mid-upload does the same.
//    Expected: a client that leaves before its body arrived is the client's doing — never a 5xx
//    or an error line in the server's log (nor its metrics).

const WITHIN = { timeout: 10_000, interval: 50 };

interface LogLine {
  level?: string | number;
  requestId?: string;
  event?: string;
  status?: number;
  msg?: string;
}

describe.each(PROVIDERS)('fuzz regressions on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** The server's JSON log lines of request `requestId`. */
  async function startLoggingServer(): Promise<(requestId: string) => LogLine[]> {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, { LOG_LEVEL: 'info' });
    const lines: LogLine[] = [];
    server.child.stdout?.on('data', (chunk: Buffer) => {
      for (const text of chunk.toString().split('\n')) {
        try {
          lines.push(JSON.parse(text) as LogLine);
        } catch {
          // not a log line
        }
      }
    });
    return (requestId) => lines.filter((l) => l.requestId === requestId);
  }

  it('a client that goes away in the middle of its request body is not logged as a 500 or an error', async () => {
    const linesOf = await startLoggingServer();
    const requestId = `fuzz-regression-${randomUUID()}`;
    const socket = await connected(server!.url);
    // Expect: 100-continue — the 100 says the app has the request and waits for its body.
    socket.write(`POST /api/trpc/catalog.list HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n`);
    await received(socket, 'HTTP/1.1 100 Continue');
    socket.write('{"a":');
    socket.resetAndDestroy();

    await expect.poll(() => linesOf(requestId).some((l) => l.event === 'request'), WITHIN).toBe(true);
    const lines = linesOf(requestId);
    expect(lines.find((l) => l.event === 'request')?.status).toBeLessThan(500);
    expect(lines.filter((l) => l.level === 'error' || l.level === 50).map((l) => l.msg)).toEqual([]);
  });

  it('the shrunk fuzz case: a chunked body cut short by a smuggled request line is not logged as a 500 or an error', async () => {
    const linesOf = await startLoggingServer();
    const requestId = `fuzz-regression-${randomUUID()}`;
    const socket = await connected(server!.url);
    socket.write(
      `PATCH /api/trpc/cart.setItemQuantity HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nX-Request-Id: ${requestId}\r\n` +
        'Content-Type: application/x-www-form-urlencoded\r\nIdempotency-Key: "j1KR!2<<\r\n\r\nGET /api/health/live HTTP/1.1\r\nHost: fuzz\r\n\r\n"\r\n\r\n' +
        '3a\r\n{"productId":"hario-v60","quantity":0,"expectedVersion":6}\r\n0\r\n\r\n',
    );
    const answer = await received(socket, '\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /); // Node's parser refused the request: the client saw no 500
    socket.destroy();

    await expect.poll(() => linesOf(requestId).some((l) => l.event === 'request'), WITHIN).toBe(true);
    const lines = linesOf(requestId);
    expect(lines.find((l) => l.event === 'request')?.status).toBeLessThan(500);
    expect(lines.filter((l) => l.level === 'error' || l.level === 50).map((l) => l.msg)).toEqual([]);
  });
});

function connected(baseUrl: string): Promise<net.Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with what the socket received once it contains `text`. */
function received(socket: net.Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const onData = (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (!data.includes(text)) return;
      socket.off('data', onData);
      resolve(data);
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed before ${JSON.stringify(text)}; got ${JSON.stringify(data)}`)));
  });
}
