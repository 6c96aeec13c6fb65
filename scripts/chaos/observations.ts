/**
 * What the proxy saw go by: every answer the instances gave each shopper's placeOrder — delivered or
 * dropped, first attempts and retries alike — and the error codes of the refusals, for the report.
 */
import type { Exchange } from './proxy';

export interface Observations {
  onExchange(exchange: Exchange): void;
  /** The order ids named by the successful answers shopper `index` was sent (or would have been). */
  answersOf(index: number): ReadonlySet<string>;
  /** Successful placeOrder answers that were dropped on the way back. */
  droppedAnswers(): number;
  /** `error.data.code` of the non-200 answers, counted (e.g. SERVER_BUSY, PAYMENT_PROVIDER_CIRCUIT_OPEN). */
  readonly codes: Readonly<Record<string, number>>;
}

const PLACE_ORDER = '/api/trpc/checkout.placeOrder';

function parse(body: string): { result?: { data?: { orderId?: unknown } }; error?: { data?: { code?: unknown } } } | undefined {
  try {
    return JSON.parse(body) as ReturnType<typeof parse>;
  } catch {
    return undefined;
  }
}

export function observe(cookies: readonly string[]): Observations {
  const shopperOf = new Map(cookies.map((cookie, index) => [cookie, index]));
  const answers = new Map<number, Set<string>>();
  const codes: Record<string, number> = {};
  let dropped = 0;
  return {
    codes,
    onExchange({ path, cookie, status, body, delivered }) {
      if (!path.startsWith(PLACE_ORDER)) return;
      const json = parse(body);
      if (status !== 200) {
        const code = typeof json?.error?.data?.code === 'string' ? json.error.data.code : `HTTP_${status}`;
        codes[code] = (codes[code] ?? 0) + 1;
        return;
      }
      const index = cookie === undefined ? undefined : shopperOf.get(cookie);
      const orderId = json?.result?.data?.orderId;
      if (index === undefined || typeof orderId !== 'string') return;
      if (!delivered) dropped++;
      answers.set(index, (answers.get(index) ?? new Set<string>()).add(orderId));
    },
    answersOf: (index) => answers.get(index) ?? new Set<string>(),
    droppedAnswers: () => dropped,
  };
}
