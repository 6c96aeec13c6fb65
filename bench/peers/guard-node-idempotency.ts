/**
 * @node-idempotency/core on one of its published stores (`@node-idempotency/storage-adapter-memory`
 * or `-redis`), with its default options. Its express middleware (@node-idempotency/express) is not
 * on the npm registry, so the route calls the core as its README describes: `onRequest` before the
 * work (a stored answer is replayed, an error such as "in progress" is answered with its status),
 * `onResponse` after it, awaited, then the answer.
 */
import { Idempotency, IdempotencyError, IdempotencyErrorCodes, type IdempotencyParams, type IdempotencyResponse } from '@node-idempotency/core';
import { MemoryStorageAdapter } from '@node-idempotency/storage-adapter-memory';
import { RedisStorageAdapter } from '@node-idempotency/storage-adapter-redis';
import type { PeerGuard } from './peer-app';
import { orderInput, requestKey } from './peer-app';

const STATUS: Record<IdempotencyErrorCodes, number> = {
  [IdempotencyErrorCodes.REQUEST_IN_PROGRESS]: 409,
  [IdempotencyErrorCodes.IDEMPOTENCY_FINGERPRINT_MISSMATCH]: 422,
  [IdempotencyErrorCodes.IDEMPOTENCY_KEY_LEN_EXEEDED]: 400,
  [IdempotencyErrorCodes.IDEMPOTENCY_KEY_MISSING]: 400,
};

/** The core on its memory store, or on Redis at `redisUrl` with keys under `keyPrefix`. */
export async function nodeIdempotencyGuard(store: { redisUrl: string; keyPrefix: string } | 'memory'): Promise<PeerGuard> {
  const redis = store === 'memory' ? undefined : new RedisStorageAdapter({ url: store.redisUrl });
  await redis?.connect();
  const idempotency = new Idempotency(redis ?? new MemoryStorageAdapter(), store === 'memory' ? {} : { cacheKeyPrefix: store.keyPrefix });
  return {
    mount(app, placeOrder) {
      app.post('/order', async (req, res) => {
        const request: IdempotencyParams = { headers: req.headers, body: req.body as Record<string, unknown>, path: req.path, method: req.method };
        let stored: IdempotencyResponse | undefined;
        try {
          stored = await idempotency.onRequest(request);
        } catch (error) {
          if (!(error instanceof IdempotencyError)) throw error;
          res.status(STATUS[error.code] ?? 500).json({ error: error.code });
          return;
        }
        if (stored) {
          res.status(Number(stored.additional?.statusCode ?? 200)).json(stored.body);
          return;
        }
        const body = await placeOrder(requestKey(req), orderInput(req));
        await idempotency.onResponse(request, { body, additional: { statusCode: 200 } });
        res.json(body);
      });
    },
    close: async () => {
      await redis?.disconnect();
    },
  };
}
