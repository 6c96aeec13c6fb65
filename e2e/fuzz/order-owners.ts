/**
 * The cross-principal oracle: every order id a response shows (success data, error details, of
 * every operation) must be an order of the principal that asked — and a request without a valid
 * session must be shown none. Owners are looked up in the database once and remembered.
 */
import { orderIdsShown, type Exchange, type Violation } from './oracles';
import type { Principals } from './principals';

/** The owning session of each of `ids` that exists. */
export type OwnerLookup = (ids: string[]) => Promise<Array<{ id: string; sessionId: string }>>;

export class OrderOwners {
  private readonly owners = new Map<string, string>();
  /** Order ids seen so far, oldest first (at most 1 000), for `{ $orderRef: n }`. */
  readonly known: string[] = [];

  constructor(
    private readonly lookup: OwnerLookup,
    private readonly principals: Principals,
  ) {}

  /** The violations of a batch, and how many order ids it showed. */
  async judge(exchanges: readonly Exchange[]): Promise<{ violations: Violation[]; shown: number }> {
    const shown = exchanges.flatMap((exchange) => orderIdsShown(exchange).map((orderId) => ({ exchange, orderId })));
    const unknown = [...new Set(shown.map((s) => s.orderId).filter((id) => !this.owners.has(id)))];
    if (unknown.length > 0) {
      for (const order of await this.lookup(unknown)) {
        this.owners.set(order.id, order.sessionId);
        if (this.known.length < 1_000) this.known.push(order.id);
      }
    }
    const violations = shown.flatMap(({ exchange, orderId }): Violation[] => {
      const owner = this.owners.get(orderId);
      const principal = exchange.intent.principal;
      const viewer = principal === null ? null : this.principals.ids[principal];
      if (owner !== undefined && owner === viewer) return [];
      const whose = owner === undefined ? 'no order in the database' : `session ${owner}`;
      return [{ kind: 'cross-principal-order', detail: `${principal === null ? 'a request without a session' : `principal ${principal}`} was shown order ${orderId}, which is ${whose}`, exchange }];
    });
    return { violations, shown: shown.length };
  }
}
