/**
 * A synthetic check of the critical path, through the real @idem/trpc-link, as a shopper would walk
 * it: browse the catalog, put a product in the cart, pay with a test token, then send the same
 * payment again with the same key and expect the stored answer (one order, `Idempotent-Replayed`).
 *
 *   npm run synthetic -- --url https://shop.example.com [--every 60] [--count N] [--token tok_visa]
 *                        [--product id] [--prom-file /var/lib/node_exporter/idem_synthetic.prom]
 *
 * Prints one JSON line per run. Once (no --every): exits 0 on success, 1 on failure. With --every:
 * runs every N seconds (--count times, or until stopped) and exits with the last run's result.
 * --prom-file writes Prometheus gauges for the node_exporter textfile collector after each run.
 *
 * Each run places a real order (and takes one unit of stock): point it at a shop whose gateway
 * accepts the test token, and pick a product that may be bought (--product).
 */
import { randomUUID } from 'node:crypto';
import { writeFile, rename } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createTRPCClient, httpLink } from '@trpc/client';
import { idempotencyLink, idempotentHttpLink, memoryStorage } from '@idem/trpc-link';
import type { AppRouter } from '../src/server/root';
import type { CheckoutDetailsInput } from '../src/shared/checkout-details';

/** Who the synthetic shopper is and where its orders go: recognisably not a customer. */
export const SYNTHETIC_CHECKOUT = {
  contact: { email: 'synthetic-check@example.com' },
  shipping: { name: 'Synthetic Check', line1: '1 Monitoring Way', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
} as const satisfies CheckoutDetailsInput;

export interface SyntheticResult {
  ok: boolean;
  at: string;
  /** Milliseconds per step; a failed step and those after it are missing. */
  steps: Partial<Record<'browse' | 'cart' | 'pay' | 'replay', number>>;
  orderId?: string;
  error?: string;
}

export interface SyntheticOptions {
  url: string;
  token?: string;
  productId?: string;
}

/** One walk of the critical path. Never throws: a failure is a result with `ok: false`. */
export async function runSynthetic({ url, token = 'tok_visa', productId }: SyntheticOptions): Promise<SyntheticResult> {
  const steps: SyntheticResult['steps'] = {};
  const result = (ok: boolean, extra: Partial<SyntheticResult> = {}): SyntheticResult => ({ ok, at: new Date().toISOString(), steps, ...extra });
  const timed = async <T>(step: keyof SyntheticResult['steps'], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    steps[step] = Math.round((performance.now() - started) * 10) / 10;
    return value;
  };
  try {
    const cookies = new Map<string, string>();
    const fetchWithCookies: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      const response = await fetch(input, { ...init, headers });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair?.indexOf('=') ?? -1;
        if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    };
    const api = `${url.replace(/\/$/, '')}/api/trpc`;
    const client = createTRPCClient<AppRouter>({
      links: [idempotencyLink({ storage: memoryStorage() }), idempotentHttpLink({ url: api, fetch: fetchWithCookies })],
    });
    const queries = createTRPCClient<AppRouter>({ links: [httpLink({ url: api, fetch: fetchWithCookies })] });

    const catalog = await timed('browse', () => queries.catalog.list.query());
    const product = productId ? catalog.find((p) => p.id === productId) : catalog.find((p) => p.stock > 0);
    if (!product || product.stock < 1) return result(false, { error: `no product to buy${productId ? ` (${productId} missing or out of stock)` : ''}` });
    const cart = await timed('cart', async () => {
      const current = await queries.cart.get.query();
      return client.cart.setItemQuantity.mutate({ productId: product.id, quantity: 1, expectedVersion: current.version });
    });
    const key = `synthetic-${randomUUID()}`;
    const input = { cartVersion: cart.version, ...SYNTHETIC_CHECKOUT, payment: { token } };
    const paid = await timed('pay', () => client.checkout.placeOrder.mutate(input, { context: { idempotencyKey: key } }));
    if (paid.status !== 'PAID') return result(false, { orderId: paid.orderId, error: `the order is ${paid.status}` });
    let replayed = false;
    const again = await timed('replay', () => client.checkout.placeOrder.mutate(input, { context: { idempotencyKey: key, onReplay: () => (replayed = true) } }));
    if (!replayed || again.orderId !== paid.orderId) return result(false, { orderId: paid.orderId, error: `the same key was not replayed (order ${again.orderId}, replayed ${replayed})` });
    return result(true, { orderId: paid.orderId });
  } catch (error) {
    return result(false, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The run as node_exporter textfile gauges. */
export function promText(run: SyntheticResult): string {
  const lines = [
    '# HELP idem_synthetic_success Whether the last synthetic checkout succeeded (1) or failed (0).',
    '# TYPE idem_synthetic_success gauge',
    `idem_synthetic_success ${run.ok ? 1 : 0}`,
    '# HELP idem_synthetic_step_seconds How long each step of the last synthetic checkout took.',
    '# TYPE idem_synthetic_step_seconds gauge',
    ...Object.entries(run.steps).map(([step, ms]) => `idem_synthetic_step_seconds{step="${step}"} ${ms / 1000}`),
    '# HELP idem_synthetic_last_run_timestamp_seconds When the last synthetic checkout ran.',
    '# TYPE idem_synthetic_last_run_timestamp_seconds gauge',
    `idem_synthetic_last_run_timestamp_seconds ${Math.floor(Date.parse(run.at) / 1000)}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, every: { type: 'string' }, count: { type: 'string' }, token: { type: 'string' }, product: { type: 'string' }, 'prom-file': { type: 'string' } },
  });
  if (!values.url || !/^https?:\/\//.test(values.url)) {
    console.error('usage: npm run synthetic -- --url http(s)://host[:port] [--every seconds] [--count n] [--token tok_visa] [--product id] [--prom-file path]');
    return 2;
  }
  const everyMs = values.every === undefined ? undefined : Number(values.every) * 1000;
  const count = values.count === undefined ? (everyMs === undefined ? 1 : Infinity) : Number(values.count);
  if ((everyMs !== undefined && !(everyMs > 0)) || !(count >= 1)) {
    console.error('--every takes a number of seconds above 0, --count a whole number from 1');
    return 2;
  }
  let last: SyntheticResult | undefined;
  for (let run = 1; run <= count; run++) {
    last = await runSynthetic({ url: values.url, token: values.token, productId: values.product });
    console.log(JSON.stringify(last));
    if (values['prom-file']) {
      // Written whole, then moved into place: the collector never reads half a file.
      await writeFile(`${values['prom-file']}.tmp`, promText(last));
      await rename(`${values['prom-file']}.tmp`, values['prom-file']);
    }
    if (run < count && everyMs !== undefined) await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return last?.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
