import type { CheckoutDetailsInput } from '~/shared/checkout-details';

/** The contact and address every benchmark order carries, as a shopper's would. */
export const BENCH_CHECKOUT = {
  contact: { email: 'bench@example.com' },
  shipping: { name: 'Bench Shopper', line1: '1 Load Street', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
} as const satisfies CheckoutDetailsInput;
