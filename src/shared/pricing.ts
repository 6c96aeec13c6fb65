import { countryOf, type CountryCode, type ShippingZone } from './countries';

/**
 * Shipping and tax, in integer cents, computed from the subtotal and the destination. Pure: the
 * server prices every order with it (the client's numbers are never trusted), and the checkout page
 * may show the same quote before the order exists.
 *
 * Rules:
 * - Shipping is a flat rate per zone (`SHIPPING_RATES`), and free when the subtotal reaches the
 *   zone's threshold. An empty order (subtotal 0) ships nothing and pays nothing.
 * - Tax is the destination country's rate (`TAX_RULES`, in basis points: 725 = 7.25 %) of the
 *   subtotal, plus of the shipping where that country taxes shipping (VAT and GST countries do; the
 *   United States rate here applies to the goods only).
 * - Tax is rounded half up to the cent, once, on the whole base (not per line).
 * - total = subtotal + shipping + tax. Everything is in the shop's currency, USD.
 * The rates are a demo shop's simplified table (one rate per country, no regional taxes).
 */

/** Flat shipping per zone, and the subtotal from which it is free. */
export const SHIPPING_RATES: Readonly<Record<ShippingZone, { flatCents: number; freeFromCents: number }>> = {
  DOMESTIC: { flatCents: 595, freeFromCents: 7_500 },
  NORTH_AMERICA: { flatCents: 1_495, freeFromCents: 15_000 },
  EUROPE: { flatCents: 1_995, freeFromCents: 20_000 },
  ASIA_PACIFIC: { flatCents: 2_495, freeFromCents: 25_000 },
};

/** Each country's tax: the rate in basis points, and whether shipping is taxed too. */
export const TAX_RULES: Readonly<Record<CountryCode, { rateBps: number; onShipping: boolean }>> = {
  US: { rateBps: 725, onShipping: false },
  CA: { rateBps: 500, onShipping: true },
  MX: { rateBps: 1_600, onShipping: true },
  GB: { rateBps: 2_000, onShipping: true },
  IE: { rateBps: 2_300, onShipping: true },
  FR: { rateBps: 2_000, onShipping: true },
  DE: { rateBps: 1_900, onShipping: true },
  NL: { rateBps: 2_100, onShipping: true },
  BE: { rateBps: 2_100, onShipping: true },
  AT: { rateBps: 2_000, onShipping: true },
  ES: { rateBps: 2_100, onShipping: true },
  IT: { rateBps: 2_200, onShipping: true },
  PT: { rateBps: 2_300, onShipping: true },
  SE: { rateBps: 2_500, onShipping: true },
  DK: { rateBps: 2_500, onShipping: true },
  FI: { rateBps: 2_550, onShipping: true },
  NO: { rateBps: 2_500, onShipping: true },
  CH: { rateBps: 810, onShipping: true },
  JP: { rateBps: 1_000, onShipping: true },
  KR: { rateBps: 1_000, onShipping: true },
  SG: { rateBps: 900, onShipping: true },
  AU: { rateBps: 1_000, onShipping: true },
  NZ: { rateBps: 1_500, onShipping: true },
};

/** The shop's one currency. */
export const SHOP_CURRENCY = 'USD';

/** An order's money lines, in cents. */
export interface Quote {
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  currency: typeof SHOP_CURRENCY;
}

/** `amountCents × rateBps / 10 000`, rounded half up, in integer arithmetic (exact below 2^53). */
export function percentOfCents(amountCents: number, rateBps: number): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0 || !Number.isSafeInteger(rateBps) || rateBps < 0) {
    throw new RangeError(`percentOfCents needs non-negative integers, got ${amountCents} and ${rateBps}`);
  }
  return Math.floor((amountCents * rateBps + 5_000) / 10_000);
}

/** Shipping for a subtotal sent to `country` (see the rules above). */
export function shippingCents(subtotalCents: number, country: CountryCode): number {
  const { flatCents, freeFromCents } = SHIPPING_RATES[countryOf(country).zone];
  return subtotalCents === 0 || subtotalCents >= freeFromCents ? 0 : flatCents;
}

/** The quote for goods worth `subtotalCents` shipped to `country`. */
export function quoteOrder(subtotalCents: number, country: CountryCode): Quote {
  if (!Number.isSafeInteger(subtotalCents) || subtotalCents < 0) throw new RangeError(`A subtotal is a non-negative integer of cents, got ${subtotalCents}`);
  const shipping = shippingCents(subtotalCents, country);
  const { rateBps, onShipping } = TAX_RULES[country];
  const taxCents = percentOfCents(subtotalCents + (onShipping ? shipping : 0), rateBps);
  return { subtotalCents, shippingCents: shipping, taxCents, totalCents: subtotalCents + shipping + taxCents, currency: SHOP_CURRENCY };
}
