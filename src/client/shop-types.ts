import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/root';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Product = Outputs['catalog']['list'][number];
export type Cart = Outputs['cart']['get'];
export type CartLine = Cart['items'][number];
export type OrderConfirmation = Outputs['checkout']['placeOrder'];
export type OrderListEntry = Outputs['orders']['list'][number];
export type IdempotencyRecordRow = Outputs['ops']['idempotencyRecords'][number];
export type GatewayChaos = Outputs['ops']['gatewayChaos'];
export type ReconciliationReport = Outputs['ops']['reconciliation'];
export type PlaceOrderInput = Inputs['checkout']['placeOrder'];
export type PayOrderInput = Inputs['checkout']['payOrder'];
export type CancelOrderInput = Inputs['checkout']['cancelOrder'];
/** Everything the checkout page shows (`checkout.screen`). */
export type CheckoutScreen = Outputs['checkout']['screen'];
export type CheckoutScreenLine = CheckoutScreen['cart']['items'][number];
export type CheckoutQuote = CheckoutScreen['quote'];
/** One payment attempt of an order, oldest first in `OrderConfirmation['payments']`. */
export type PaymentAttemptEntry = OrderConfirmation['payments'][number];
export type ShippingAddressView = NonNullable<OrderConfirmation['shipping']>;
