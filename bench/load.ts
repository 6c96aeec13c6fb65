/** One measured row: autocannon against one request shape for a fixed time. */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send a new `Idempotency-Key` with every request (a first execution each time). */
  freshKey?: boolean;
  /** Bodies to take turns with instead of `body` (e.g. one product each, as different shoppers would). */
  bodies?: readonly string[];
}

export interface LoadResult {
  /** Answered requests per second (2xx only). */
  rps: number;
  /** Latency of all answered requests, ms. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function runLoad(baseUrl: string, request: LoadRequest, { durationS, connections }: { durationS: number; connections: number }): Promise<LoadResult> {
  const headers = { ...request.headers, ...(request.body || request.bodies ? { 'content-type': 'application/json' } : {}) };
  let sent = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationS,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers,
        body: request.body,
        setupRequest: (req: autocannon.Request) => {
          const body = request.bodies ? request.bodies[sent++ % request.bodies.length] : req.body;
          return { ...req, body, headers: request.freshKey ? { ...headers, 'idempotency-key': randomUUID() } : headers };
        },
      },
    ],
  });
  const ok = result.requests.total - result.non2xx;
  return { rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}
