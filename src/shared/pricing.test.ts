import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, SUPPORTED_COUNTRIES } from './countries';
import { percentOfCents, quoteOrder, SHIPPING_RATES, shippingCents, TAX_RULES } from './pricing';

describe('percentOfCents', () => {
  it('rounds half up to the cent, in integers', () => {
    expect(percentOfCents(1_000, 725)).toBe(73); // 72.5 → 73
    expect(percentOfCents(999, 725)).toBe(72); // 72.4275 → 72
    expect(percentOfCents(5_500, 725)).toBe(399); // 398.75 → 399
    expect(percentOfCents(200, 2_500)).toBe(50); // exact
    expect(percentOfCents(2, 2_500)).toBe(1); // 0.5 → 1
    expect(percentOfCents(1, 2_500)).toBe(0); // 0.25 → 0
    expect(percentOfCents(0, 2_000)).toBe(0);
  });

  it('stays exact for the largest order a 32-bit total can hold', () => {
    const cents = 2_147_483_647;
    expect(percentOfCents(cents, 2_550)).toBe(Number((BigInt(cents) * 2_550n + 5_000n) / 10_000n));
  });

  it('refuses fractions and negatives instead of rounding them silently', () => {
    expect(() => percentOfCents(10.5, 725)).toThrow(RangeError);
    expect(() => percentOfCents(-1, 725)).toThrow(RangeError);
    expect(() => percentOfCents(100, 7.25)).toThrow(RangeError);
  });
});

describe('shippingCents', () => {
  it('charges the zone’s flat rate below its threshold and nothing from it on', () => {
    expect(shippingCents(7_499, 'US')).toBe(595);
    expect(shippingCents(7_500, 'US')).toBe(0);
    expect(shippingCents(14_999, 'CA')).toBe(1_495);
    expect(shippingCents(15_000, 'CA')).toBe(0);
    expect(shippingCents(5_000, 'DE')).toBe(1_995);
    expect(shippingCents(5_000, 'JP')).toBe(2_495);
  });

  it('ships nothing for an empty order', () => {
    expect(shippingCents(0, 'US')).toBe(0);
  });
});

describe('quoteOrder', () => {
  it('taxes US goods only: 2 × $27.50 pays $5.95 shipping and 7.25 % of $55.00', () => {
    expect(quoteOrder(5_500, 'US')).toEqual({ subtotalCents: 5_500, shippingCents: 595, taxCents: 399, totalCents: 6_494, currency: 'USD' });
  });

  it('taxes goods and shipping where VAT does: Germany, 19 % of $50.00 + $19.95', () => {
    // 0.19 × 6 995 = 1 329.05 → 1 329
    expect(quoteOrder(5_000, 'DE')).toEqual({ subtotalCents: 5_000, shippingCents: 1_995, taxCents: 1_329, totalCents: 8_324, currency: 'USD' });
  });

  it('taxes only the goods once shipping is free', () => {
    expect(quoteOrder(20_000, 'GB')).toEqual({ subtotalCents: 20_000, shippingCents: 0, taxCents: 4_000, totalCents: 24_000, currency: 'USD' });
  });

  it('always adds up: total = subtotal + shipping + tax, in whole cents, for every country', () => {
    for (const code of COUNTRY_CODES) {
      for (const subtotal of [0, 1, 695, 7_499, 7_500, 14_999, 19_999, 24_999, 123_457]) {
        const quote = quoteOrder(subtotal, code);
        expect(quote.totalCents, `${code} ${subtotal}`).toBe(quote.subtotalCents + quote.shippingCents + quote.taxCents);
        for (const value of [quote.shippingCents, quote.taxCents]) expect(Number.isInteger(value) && value >= 0, `${code} ${subtotal}`).toBe(true);
      }
    }
  });

  it('has a shipping zone and a tax rule for every supported country', () => {
    for (const { code, zone } of SUPPORTED_COUNTRIES) {
      expect(SHIPPING_RATES[zone], code).toBeDefined();
      expect(TAX_RULES[code].rateBps, code).toBeGreaterThan(0);
    }
  });

  it('refuses a subtotal that is not whole cents', () => {
    expect(() => quoteOrder(10.5, 'US')).toThrow(RangeError);
    expect(() => quoteOrder(-100, 'US')).toThrow(RangeError);
  });
});
