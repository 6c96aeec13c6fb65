/**
 * What `idempotencyLink` adds to one mutation on the client, without the network: the same
 * mutations through a terminating link that answers synchronously, with and without the link
 * above it. Reported as the difference per mutation (ms).
 */
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { idempotencyHeaders, idempotencyLink, memoryStorage } from '@idem/trpc-link';
import type { AppRouter } from '~/server/root';
import { median } from './storm';
import { BENCH_CHECKOUT } from './bench-checkout';

/** Answers at once, after sending the key the way the real terminating links do. */
const answerAtOnce: TRPCLink<AppRouter> = () => ({ op }) =>
  observable((observer) => {
    idempotencyHeaders(op);
    observer.next({ result: { type: 'data', data: { orderId: 'o', status: 'PAID' } } });
    observer.complete();
  });

const input = { items: [{ productId: 'v60-filters', quantity: 1 }], ...BENCH_CHECKOUT, payment: { token: 'tok_visa' } };

async function msPerMutation(withLink: boolean, count: number): Promise<number> {
  const links = withLink ? [idempotencyLink<AppRouter>({ storage: memoryStorage() }), answerAtOnce] : [answerAtOnce];
  const client = createTRPCClient<AppRouter>({ links });
  const started = performance.now();
  for (let i = 0; i < count; i++) await client.checkout.placeOrder.mutate(input);
  return (performance.now() - started) / count;
}

export async function linkOverheadMs({ count, repetitions }: { count: number; repetitions: number }): Promise<{ withLinkMs: number; withoutLinkMs: number; overheadMs: number }> {
  await msPerMutation(true, Math.min(count, 2_000));
  await msPerMutation(false, Math.min(count, 2_000));
  const withLink: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    withLink.push(await msPerMutation(true, count));
    without.push(await msPerMutation(false, count));
  }
  const withLinkMs = median(withLink);
  const withoutLinkMs = median(without);
  return { withLinkMs, withoutLinkMs, overheadMs: withLinkMs - withoutLinkMs };
}
