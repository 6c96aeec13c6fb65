import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkoutDetailsSchema, shippingAddressSchema } from './checkout-details';

const valid = {
  contact: { email: 'ada@example.com' },
  shipping: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
};
const problems = (input: unknown) => {
  const result = checkoutDetailsSchema.safeParse(input);
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
};
const withShipping = (shipping: Record<string, unknown>) => ({ ...valid, shipping: { ...valid.shipping, ...shipping } });

describe('checkoutDetailsSchema', () => {
  it('accepts a complete address, trimmed', () => {
    const parsed = checkoutDetailsSchema.parse({ contact: { email: '  ada@example.com ' }, shipping: { ...valid.shipping, name: '  Ada Lovelace  ', postalCode: ' 62701 ' } });
    expect(parsed.contact.email).toBe('ada@example.com');
    expect(parsed.shipping).toMatchObject({ name: 'Ada Lovelace', postalCode: '62701' });
  });

  it('lets the optional lines be left out or empty', () => {
    const { line2: _line2, region: _region, ...required } = { ...valid.shipping, line2: undefined };
    expect(problems({ ...valid, shipping: required })).toEqual([]);
    expect(problems(withShipping({ line2: '', region: '   ' }))).toEqual([]);
  });

  it('refuses a missing or malformed email', () => {
    expect(problems({ ...valid, contact: {} })).toEqual(['contact.email']);
    for (const email of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com']) expect(problems({ ...valid, contact: { email } }), email).toEqual(['contact.email']);
    expect(problems({ ...valid, contact: { email: `${'a'.repeat(250)}@example.com` } })).toEqual(['contact.email']);
  });

  it('refuses required lines that are empty or only spaces', () => {
    for (const field of ['name', 'line1', 'city', 'postalCode']) expect(problems(withShipping({ [field]: '   ' })), field).toEqual([`shipping.${field}`]);
  });

  it('bounds every line', () => {
    expect(problems(withShipping({ name: 'x'.repeat(101) }))).toEqual(['shipping.name']);
    expect(problems(withShipping({ line2: 'x'.repeat(101) }))).toEqual(['shipping.line2']);
    expect(problems(withShipping({ city: 'x'.repeat(61) }))).toEqual(['shipping.city']);
    expect(problems(withShipping({ postalCode: '1'.repeat(13) }))).toEqual(['shipping.postalCode']);
  });

  it('refuses control characters: a NUL, a line break', () => {
    expect(problems(withShipping({ name: 'Ada\u0000' }))).toEqual(['shipping.name']);
    expect(problems(withShipping({ line1: '12 Market\nStreet' }))).toEqual(['shipping.line1']);
  });

  it('checks postal codes loosely: letters, digits, spaces and hyphens', () => {
    for (const postalCode of ['62701', '62701-1234', 'SW1A 1AA', 'K1A 0B1', '1010', '100-0001']) expect(problems(withShipping({ postalCode })), postalCode).toEqual([]);
    for (const postalCode of ['1', '62701!', '-6270', '<script>']) expect(problems(withShipping({ postalCode })), postalCode).toEqual(['shipping.postalCode']);
  });

  it('takes only supported ISO 3166-1 alpha-2 countries, in capitals', () => {
    for (const country of ['US', 'DE', 'JP']) expect(problems(withShipping({ country })), country).toEqual([]);
    for (const country of ['us', 'XX', 'USA', '', 'toString']) expect(problems(withShipping({ country })), country).toEqual(['shipping.country']);
  });

  it('says every problem in the shopper’s words', () => {
    const result = shippingAddressSchema.safeParse({ ...valid.shipping, city: '', country: 'XX' });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({ city: ['City is required'], country: ['We do not ship to that country'] });
  });
});
