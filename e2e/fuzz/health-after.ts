/**
 * The server after the storm: ready, and a shopper's normal checkout still goes through — once,
 * and its retry is the stored answer.
 */
import { randomUUID } from 'node:crypto';
import { postMutation } from '../support/api';
import { createPrincipals } from './principals';
import { normalCheckoutInput } from './shop-inputs';

export interface HealthAfter {
  readyStatus: number;
  checkoutStatus: number;
  retryStatus: number;
  retryReplayed: boolean;
  sameAnswer: boolean;
  /** The session that checked out: records and orders of it are expected. */
  sessionId: string;
  /** Everything above as it should be. */
  healthy: boolean;
}

export async function checkHealthAfter(baseUrl: string): Promise<HealthAfter> {
  const ready = await fetch(`${baseUrl}/api/health/ready`);
  await ready.body?.cancel();
  const shopper = createPrincipals(1);
  const cookie = `idem_session=${shopper.cookieValue(0)}`;
  const key = `health-after-${randomUUID()}`;
  const first = await postMutation(baseUrl, 'checkout.placeOrder', { key, body: normalCheckoutInput(), cookie });
  const retry = await postMutation(baseUrl, 'checkout.placeOrder', { key, body: normalCheckoutInput(), cookie });
  const result = {
    readyStatus: ready.status,
    checkoutStatus: first.status,
    retryStatus: retry.status,
    retryReplayed: retry.headers.get('idempotent-replayed') === 'true',
    sameAnswer: retry.body === first.body,
    sessionId: shopper.ids[0] ?? '',
  };
  return { ...result, healthy: result.readyStatus === 200 && result.checkoutStatus === 200 && result.retryStatus === 200 && result.retryReplayed && result.sameAnswer };
}
