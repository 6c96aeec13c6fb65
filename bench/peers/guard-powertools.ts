/**
 * @aws-lambda-powertools/idempotency on its Redis persistence (`CachePersistenceLayer` over a
 * connected `@redis/client`). Powertools is built for Lambda handlers; outside Lambda, the harness
 * wraps the plain async checkout with `makeIdempotent`, the key being the `key` field of its one
 * argument (`eventKeyJmesPath`), and registers a stand-in for the Lambda context whose remaining time
 * is a fixed 30 s, as a handler with a 30 s timeout would at its start: Powertools reads it to give
 * an in-progress record its lease (without it, it warns on every call and treats any in-progress
 * record as orphaned). A duplicate while the first runs is answered 409.
 */
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { CachePersistenceLayer } from '@aws-lambda-powertools/idempotency/cache';
import { createClient } from '@redis/client';
import type { OrderInput } from './checkout-work';
import type { PeerGuard } from './peer-app';
import { orderInput, requestKey } from './peer-app';

const LAMBDA_TIMEOUT_MS = 30_000;

export async function powertoolsGuard({ redisUrl, keyPrefix }: { redisUrl: string; keyPrefix: string }): Promise<PeerGuard> {
  const client = await createClient({ url: redisUrl }).connect();
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'key' });
  config.registerLambdaContext({ getRemainingTimeInMillis: () => LAMBDA_TIMEOUT_MS });
  const persistenceStore = new CachePersistenceLayer({ client });
  return {
    mount(app, placeOrder) {
      const placeOnce = makeIdempotent((request: { key: string; input: OrderInput }) => placeOrder(request.key, request.input), { persistenceStore, config, keyPrefix });
      app.post('/order', async (req, res) => {
        try {
          res.json(await placeOnce({ key: requestKey(req), input: orderInput(req) }));
        } catch (error) {
          if (error instanceof IdempotencyAlreadyInProgressError) res.status(409).json({ error: error.name });
          else if (error instanceof IdempotencyValidationError) res.status(422).json({ error: error.name });
          else throw error;
        }
      });
    },
    close: async () => {
      await client.close();
    },
  };
}
