/**
 * express-idempotency on its documented default store (in memory): its middleware in front of the
 * route, and the route asks the shared service whether the middleware already answered (`isHit`),
 * as its README shows. Its other published store is MongoDB, which the harness has none of.
 */
import { getSharedIdempotencyService, idempotency } from 'express-idempotency';
import type { PeerGuard } from './peer-app';
import { orderInput, requestKey } from './peer-app';

export function expressIdempotencyGuard(): PeerGuard {
  return {
    mount(app, placeOrder) {
      app.post('/order', idempotency(), async (req, res) => {
        if (getSharedIdempotencyService().isHit(req)) return;
        res.json(await placeOrder(requestKey(req), orderInput(req)));
      });
    },
    close: async () => {},
  };
}
