/**
 * A small round-robin HTTP proxy on loopback, between the shoppers and the instances, that loses
 * what real networks lose: a response the instance produced and the client never got (the worst
 * case for exactly-once: the work is done, the client must retry), and connections reset before or
 * while the request is forwarded. It reads every response in full before deciding, so it can also
 * report each answer, delivered or dropped, to `onExchange`.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Random } from './random';
import type { ProxyFaults } from './scenarios';

/** One request that reached an instance and was answered (delivered or not). */
export interface Exchange {
  method: string;
  path: string;
  /** The request's `cookie` header: which shopper sent it. */
  cookie: string | undefined;
  status: number;
  body: string;
  delivered: boolean;
}

export interface ProxyStats {
  /** Responses read from an instance and then not delivered. */
  drops: number;
  /** Connections reset before or while forwarding. */
  resets: number;
  /** Requests no instance took (refused or cut: it was down or died mid-request). */
  upstreamFailures: number;
  forwarded: number;
}

export interface ChaosProxy {
  url: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

export interface ChaosProxyOptions {
  /** The instances' ports, in round-robin order. */
  ports: readonly number[];
  faults: ProxyFaults;
  random: Random;
  /** Told of every answered request. @default none */
  onExchange?: (exchange: Exchange) => void;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'te', 'trailer', 'upgrade', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders, length: number): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  kept['content-length'] = length;
  return kept;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const stats: ProxyStats = { drops: 0, resets: 0, upstreamFailures: 0, forwarded: 0 };
  const next = roundRobin(options.ports);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void relay(req, res, next(), stats, options));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function roundRobin(ports: readonly number[]): () => number {
  let turn = 0;
  return () => ports[turn++ % ports.length]!;
}

/** One request: reset it, cut it midway, or forward it, read the whole answer, then deliver or drop it. */
async function relay(req: IncomingMessage, res: ServerResponse, port: number, stats: ProxyStats, { faults, random, onExchange }: ChaosProxyOptions): Promise<void> {
  const client = req.socket;
  const body = await readAll(req).catch(() => null);
  if (body === null) return void client.destroy();
  const faulty = req.method === 'POST';
  if (faulty && random.chance(faults.resetBeforeRate)) {
    stats.resets++;
    return void client.destroy();
  }
  const cutMidway = faulty && random.chance(faults.resetMidRate);
  const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: endToEnd(req.headers, body.length), agent: false });
  upstream.on('error', () => {
    if (!cutMidway) stats.upstreamFailures++; // refused, or cut by the instance's death (not by our own cut)
    client.destroy();
  });
  if (cutMidway) {
    stats.resets++;
    upstream.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      upstream.destroy();
      client.destroy();
    });
    return;
  }
  upstream.end(body);
  upstream.on('response', (answer) => {
    void readAll(answer).then(
      (payload) => {
        stats.forwarded++;
        const delivered = !(faulty && random.chance(faults.dropRate));
        onExchange?.({ method: req.method ?? '', path: req.url ?? '', cookie: req.headers.cookie, status: answer.statusCode ?? 0, body: payload.toString('utf8'), delivered });
        if (!delivered) {
          stats.drops++;
          return void client.destroy();
        }
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers, payload.length));
        res.end(payload);
      },
      () => {
        stats.upstreamFailures++; // the instance died while answering
        client.destroy();
      },
    );
  });
}
