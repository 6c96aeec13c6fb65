import type { Db } from '../db/create-db';
import type { Tx } from '../db/tx';

type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'DECLINED';

/** One payment attempt of an order, as the receipt lists it. */
export interface PaymentAttemptView {
  /** 1 for the checkout's own attempt, then 2, 3… for each card tried on the order. */
  attempt: number;
  status: PaymentStatus;
  cardBrand: string | null;
  cardLast4: string | null;
  /** The provider's code (`generic_decline`, `insufficient_funds`, `invalid_token`…); null unless declined. */
  declineCode: string | null;
  /** When the attempt started (ISO 8601). */
  at: string;
}

/** The shipping address as stored (trimmed; empty optional lines are null). */
export interface ShippingView {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** What the confirmation screen shows: the order, its lines, money lines, address and payment attempts, in one response. */
export interface OrderConfirmation {
  orderId: string;
  /** What the shopper sees, e.g. IDM-4F2K9QX. */
  number: string;
  status: 'AWAITING_PAYMENT' | 'PAID' | 'CANCELLED';
  currency: string;
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  /** subtotal + shipping + tax. */
  totalCents: number;
  items: { productId: string; productName: string; unitPriceCents: number; quantity: number; lineTotalCents: number }[];
  /** Null only for orders placed before checkout asked for them. */
  contact: { email: string } | null;
  shipping: ShippingView | null;
  /** The latest attempt (kept for clients that read one payment). */
  payment: { status: PaymentStatus; declineCode: string | null };
  /** Every attempt, oldest first. */
  payments: PaymentAttemptView[];
  /** When the successful attempt was settled; null until paid. */
  paidAt: string | null;
  createdAt: string;
}

/** What `toConfirmation` needs loaded with an order. */
export const CONFIRMATION_INCLUDE = { items: { orderBy: { productName: 'asc' } }, payments: { orderBy: { attempt: 'asc' } } } as const;

/** An order as its confirmation, with the session that owns it. */
export async function loadOrderConfirmation(db: Db | Tx, orderId: string): Promise<{ sessionId: string; confirmation: OrderConfirmation } | null> {
  const order = await findOrder(db, orderId);
  return order && { sessionId: order.sessionId, confirmation: toConfirmation(order) };
}

const findOrder = (db: Db | Tx, orderId: string) => db.order.findUnique({ where: { id: orderId }, include: CONFIRMATION_INCLUDE });
type LoadedOrder = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

/** The confirmation of an order loaded with its items and payments (oldest attempt first). */
export function toConfirmation(order: LoadedOrder): OrderConfirmation {
  const latest = order.payments.at(-1);
  const paid = order.payments.find((p) => p.status === 'SUCCEEDED');
  return {
    orderId: order.id,
    number: order.number,
    status: order.status,
    currency: order.currency,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    items: order.items.map(({ productId, productName, unitPriceCents, quantity, lineTotalCents }) => ({ productId, productName, unitPriceCents, quantity, lineTotalCents })),
    contact: order.email === null ? null : { email: order.email },
    shipping: shippingOf(order),
    payment: { status: latest?.status ?? 'PENDING', declineCode: latest?.declineCode ?? null },
    payments: order.payments.map((p) => ({ attempt: p.attempt, status: p.status, cardBrand: p.cardBrand, cardLast4: p.cardLast4, declineCode: p.declineCode, at: p.createdAt.toISOString() })),
    paidAt: order.status === 'PAID' && paid ? paid.updatedAt.toISOString() : null,
    createdAt: order.createdAt.toISOString(),
  };
}

function shippingOf(order: LoadedOrder): ShippingView | null {
  const { shippingName: name, shippingLine1: line1, shippingCity: city, shippingPostalCode: postalCode, shippingCountry: country } = order;
  if (name === null || line1 === null || city === null || postalCode === null || country === null) return null;
  return { name, line1, line2: order.shippingLine2, city, region: order.shippingRegion, postalCode, country };
}
