'use client';
import { formatMoney } from '~/format';
import type { CartLine } from '~/client/shop-types';

interface CartLineRowProps {
  line: CartLine;
  currency: string;
  /**
   * True while any change to the cart is on its way (one change at a time keeps the version
   * straight), and until the page is hydrated.
   */
  busy: boolean;
  onQuantity: (quantity: number) => void;
}

/** One line of the cart with its quantity stepper and a remove button. */
export function CartLineRow({ line, currency, busy, onQuantity }: CartLineRowProps) {
  const max = Math.min(line.stock, 99);
  return (
    <li className="cart-line" data-product-id={line.productId}>
      <div className="cart-line-name">
        <span className="name">{line.name}</span>
        <span className="muted">{formatMoney(line.unitPriceCents, currency)} each</span>
      </div>
      <div className="stepper" role="group" aria-label={`Quantity of ${line.name}`}>
        <button type="button" className="button ghost" onClick={() => onQuantity(line.quantity - 1)} disabled={busy} aria-label={`One fewer ${line.name}`}>
          −
        </button>
        <output className="quantity" aria-live="polite" aria-label={`Quantity of ${line.name}`}>
          {line.quantity}
        </output>
        <button
          type="button"
          className="button ghost"
          onClick={() => onQuantity(line.quantity + 1)}
          disabled={busy || line.quantity >= max}
          aria-label={`One more ${line.name}`}
        >
          +
        </button>
      </div>
      <span className="line-total">{formatMoney(line.lineTotalCents, currency)}</span>
      <button type="button" className="button link" onClick={() => onQuantity(0)} disabled={busy}>
        Remove<span className="visually-hidden"> {line.name}</span>
      </button>
    </li>
  );
}
