/**
 * The shoppers: each has its own guest session (cookie) and its own link journal, and places ONE
 * order through the real link (`idempotencyLink` + `idempotentHttpLink`), retrying through whatever
 * the scenario does, with a generous attempt count and deadline.
 */
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { getIdempotencyMeta, idempotencyLink, idempotentHttpLink, memoryStorage } from '@idem/trpc-link';
import { order } from '../../e2e/support/api';
import { fetchWithSession, openSession } from '../../e2e/support/session';
import type { AppRouter } from '~/server/root';

/** What one shopper buys. */
export interface ShopperPlan {
  productId: string;
  quantity: number;
  /** When the shopper comes, after the chaos starts (ms): shoppers arrive over a while, as real ones do. */
  arriveAfterMs: number;
}

export interface ShopperOutcome {
  index: number;
  cookie: string;
  plan: ShopperPlan;
  /** The order its answer named; absent when the link gave up. */
  orderId?: string;
  /** Why the link gave up, when it did. */
  error?: string;
  /** Retries the link made (its `onRetry`), and why. */
  retries: number;
  retryReasons: Record<string, number>;
  /** Answers marked `Idempotent-Replayed`. */
  replays: number;
  /** From the shopper's first send to its confirmed order (or to the link giving up). */
  elapsedMs: number;
}

export interface ShoppersOptions {
  /** The proxy's base URL. */
  url: string;
  cookies: readonly string[];
  plans: readonly ShopperPlan[];
  deadlineMs: number;
  /** Told each time a shopper settles. */
  onSettled?: () => void;
}

/** `count` guest sessions, a few at a time (an instance sheds load beyond its slots), each retried a few times. */
export async function openSessions(url: string, count: number, concurrency = 8): Promise<string[]> {
  const cookies: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      for (let attempt = 1; ; attempt++) {
        try {
          cookies[index] = await openSession(url);
          break;
        } catch (error) {
          if (attempt >= 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return cookies;
}

export function runShoppers({ url, cookies, plans, deadlineMs, onSettled }: ShoppersOptions): Promise<ShopperOutcome[]> {
  return Promise.all(
    cookies.map(async (cookie, index): Promise<ShopperOutcome> => {
      const plan = plans[index]!;
      const outcome: ShopperOutcome = { index, cookie, plan, retries: 0, retryReasons: {}, replays: 0, elapsedMs: 0 };
      const client = createTRPCClient<AppRouter>({
        links: [
          idempotencyLink({
            storage: memoryStorage(),
            maxAttempts: 100_000,
            deadlineMs,
            onRetry(event) {
              outcome.retries++;
              outcome.retryReasons[event.reason] = (outcome.retryReasons[event.reason] ?? 0) + 1;
            },
            onReplay: () => void outcome.replays++,
          }),
          idempotentHttpLink({ url: `${url}/api/trpc`, fetch: fetchWithSession(cookie) }),
        ],
      });
      await new Promise((resolve) => setTimeout(resolve, plan.arriveAfterMs));
      const startedAt = performance.now();
      try {
        outcome.orderId = (await client.checkout.placeOrder.mutate(order(plan.productId, plan.quantity))).orderId;
      } catch (error) {
        outcome.error = describeFailure(error);
      } finally {
        outcome.elapsedMs = performance.now() - startedAt;
        onSettled?.();
      }
      return outcome;
    }),
  );
}

function describeFailure(error: unknown): string {
  const meta = getIdempotencyMeta(error);
  const data = error instanceof TRPCClientError ? (error.data as { code?: string; httpStatus?: number } | undefined) : undefined;
  const how = meta ? `stopped by ${meta.stoppedBy} after ${meta.attempts} attempts, outcome ${meta.outcome}` : 'not from the link';
  return `${data?.httpStatus ?? '-'} ${data?.code ?? '-'}: ${(error as Error).message.slice(0, 200)} (${how})`;
}
