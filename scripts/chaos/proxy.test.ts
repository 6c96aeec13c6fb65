import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChaosProxy, type Exchange } from './proxy';
import { seededRandom } from './random';
import type { ProxyFaults } from './scenarios';

/** An upstream that counts the requests it read in full, and those cut before their end. */
describe('the chaos proxy', () => {
  let upstream: Server;
  let port: number;
  const seen = { complete: 0, aborted: 0 };
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('aborted', () => seen.aborted++);
      req.on('end', () => {
        seen.complete++;
        res.writeHead(201, { 'set-cookie': ['a=1', 'b=2'], 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    port = (upstream.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  async function through(faults: Partial<ProxyFaults>) {
    const exchanges: Exchange[] = [];
    const proxy = await startChaosProxy({ ports: [port], faults: { dropRate: 0, resetBeforeRate: 0, resetMidRate: 0, ...faults }, random: seededRandom(1), onExchange: (e) => exchanges.push(e) });
    const before = { ...seen };
    const response = await fetch(`${proxy.url}/x`, { method: 'POST', body: 'x'.repeat(10_000), headers: { cookie: 'shopper=7' } }).then(
      async (r) => ({ status: r.status, cookies: r.headers.getSetCookie(), body: await r.text() }),
      (error: unknown) => ({ failed: (error as Error).message }),
    );
    // The upstream's side of a cut request arrives after the client's failure: wait for it.
    const settledUpstream = () => seen.complete + seen.aborted > before.complete + before.aborted;
    for (let i = 0; i < 200 && !settledUpstream() && faults.resetBeforeRate !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await proxy.close();
    return { response, exchanges, stats: proxy.stats, complete: seen.complete - before.complete, aborted: seen.aborted - before.aborted };
  }

  it('forwards the request and delivers the answer whole, headers included, and reports it', async () => {
    const { response, exchanges, complete } = await through({});
    expect(response).toEqual({ status: 201, cookies: ['a=1', 'b=2'], body: JSON.stringify({ echo: 'x'.repeat(10_000) }) });
    expect(complete).toBe(1);
    expect(exchanges).toMatchObject([{ method: 'POST', path: '/x', cookie: 'shopper=7', status: 201, delivered: true }]);
  });

  it('drops an answer after the upstream processed it: the client sees a network failure', async () => {
    const { response, exchanges, stats, complete } = await through({ dropRate: 1 });
    expect(response).toEqual({ failed: 'fetch failed' });
    expect(complete).toBe(1);
    expect(exchanges).toMatchObject([{ status: 201, delivered: false }]);
    expect(stats.drops).toBe(1);
  });

  it('resets before forwarding (the upstream sees nothing) and while forwarding (the upstream sees a cut request)', async () => {
    const before = await through({ resetBeforeRate: 1 });
    expect([before.response, before.complete, before.aborted, before.stats.resets]).toEqual([{ failed: 'fetch failed' }, 0, 0, 1]);
    const midway = await through({ resetMidRate: 1 });
    expect([midway.response, midway.complete, midway.aborted, midway.stats.resets]).toEqual([{ failed: 'fetch failed' }, 0, 1, 1]);
    expect([...before.exchanges, ...midway.exchanges]).toEqual([]);
  });
});
